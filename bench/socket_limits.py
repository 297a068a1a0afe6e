"""What oversized Socket.IO messages cost the real server (gunicorn + gevent, one worker).

Prints the worker's RSS (from /proc) before and after 10 sockets each send 200 messages
of 60 KB, and how long a 10 MB polling POST waits for an answer. Usage:

    .venv/bin/python -m bench.socket_limits
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import socketio

from tests.servers import Processes
from tests.test_socket_limits import _polling_session, _projector, _worker_rss_mb


def _burst(port: int, key: str, master_pid: int) -> None:
    clients = [_projector(port, key) for _ in range(10)]
    time.sleep(1)
    baseline = _worker_rss_mb(master_pid)
    blob = "x" * 60_000

    def flood(client: socketio.Client) -> None:
        for _ in range(200):
            try:
                client.emit("request_snapshot", blob)
            except socketio.exceptions.SocketIOError:
                return

    threads = [threading.Thread(target=flood, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(5)
    after = _worker_rss_mb(master_pid)
    open_sockets = sum(c.connected for c in clients)
    for client in clients:
        if client.connected:
            client.disconnect()
    time.sleep(2)
    print(f"worker RSS: {baseline:.0f} MB before, {after:.0f} MB 5 s after the 60 KB burst,")
    print(f"            {_worker_rss_mb(master_pid):.0f} MB once the sockets closed")
    print(f"sockets still open after the burst: {open_sockets} of 10")


def _big_post(port: int) -> None:
    sid = _polling_session(port)
    size = 10_000_000
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as raw:
        raw.sendall(
            f"POST /socket.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\n"
            f"Host: 127.0.0.1\r\nContent-Length: {size}\r\n\r\n".encode()
        )
        answer = b""
        try:
            raw.sendall(b"4" * size)
            answer = raw.recv(4096)
        except OSError as error:
            answer = repr(error).encode()
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace") or "(connection closed)"
    print(f"10 MB polling POST: {status} after {time.perf_counter() - started:.2f} s")


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-bench-"))
    processes = Processes(f"sqlite:///{tmp / 'bench.db'}")
    try:
        port, process = processes.serve()
        _code, key = processes.seed_workshop(tmp, "Bench")
        _burst(port, key, process.pid)
        _big_post(port)
    finally:
        processes.stop()


if __name__ == "__main__":
    main()
