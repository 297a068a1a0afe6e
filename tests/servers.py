"""Real server processes for tests: `flask --app wsgi serve` (gunicorn + gevent) and Redis."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    """Wait until the process listens on the port; fail if it exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"process exited with {process.returncode}:\n{output}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listened on port {port}")


class Processes:
    """Starts processes in their own process groups and stops them all at the end."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.started: list[subprocess.Popen] = []
        #: What stop() runs after stopping the processes, last added first (a PostgreSQL
        #: that pg_ctl started, so is no child of ours).
        self.cleanups: list[Callable[[], None]] = []

    def _start(self, argv: list[str], port: int, **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            **kwargs,
        )
        self.started.append(process)
        wait_for_port(port, process)
        return process

    def serve(self, host: str = "127.0.0.1", **env_overrides: str) -> tuple[int, subprocess.Popen]:
        """Start the app as the run command does (on ``host``); return its port and process."""
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": "serve-test",
            **env_overrides,
        }
        env.pop("SOCKETIO_ASYNC_MODE", None)
        argv = [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "wsgi",
            "serve",
            "--host",
            host,
            "--port",
            str(port),
        ]
        return port, self._start(argv, port, cwd=ROOT, env=env)

    def redis(self, port: int | None = None) -> str:
        """Start a throwaway Redis on loopback (on ``port``, to start one again); return its URL."""
        port = port or free_port()
        argv = [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        self._start(argv, port)
        return f"redis://127.0.0.1:{port}/0"

    def seed_workshop(self, tmp: Path, title: str = "Keynote") -> tuple[str, str]:
        """Create a facilitator and a workshop in the shared database; return (code, key)."""
        from tests.conftest import make_app
        from workshop.facilitators import services as facilitators
        from workshop.workshops import services as workshops

        app = make_app(tmp, SQLALCHEMY_DATABASE_URI=self.database_url)
        with app.app_context():
            # A fresh address each time: on a shared PostgreSQL the rows outlive the test.
            email = f"seed-{secrets.token_hex(4)}@example.fi"
            owner = facilitators.create_facilitator(email, "a long enough password")
            workshop = workshops.create_workshop(owner.id, title, "en")
            return workshop.code, workshop.projector_key

    def stop_one(self, process: subprocess.Popen) -> None:
        """Stop one of the started processes (Redis, for an outage) and wait for it."""
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
        self.started.remove(process)

    def kill(self, process: subprocess.Popen) -> None:
        """Kill one started process and its children at once (``kill -9``: a crash)."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
        self.started.remove(process)

    def stop(self) -> None:
        for process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for cleanup in reversed(self.cleanups):
            cleanup()
        self.cleanups.clear()
