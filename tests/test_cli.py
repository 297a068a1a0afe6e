"""Command line: facilitator accounts and tokens, and `serve` as the run command uses it."""

import json
import os
import urllib.error
import urllib.request

import pytest

from tests.conftest import PASSWORD, _empty_tables, make_app
from tests.servers import Processes
from workshop.facilitators import services
from workshop.network import lan_address


def test_facilitator_create_with_password_option(runner, app):
    result = runner.invoke(args=["facilitator", "create", "Cli@Example.fi", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert services.authenticate("cli@example.fi", PASSWORD) is not None


def test_facilitator_create_prompts_for_the_password(runner, app):
    result = runner.invoke(
        args=["facilitator", "create", "prompt@example.fi"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert services.authenticate("prompt@example.fi", PASSWORD) is not None


def test_facilitator_create_refuses_bad_input(runner):
    result = runner.invoke(args=["facilitator", "create", "nope", "--password", "short"])
    assert result.exit_code != 0
    assert "email" in result.output and "password" in result.output


def test_facilitator_token_prints_a_working_token_last(runner, app, facilitator):
    result = runner.invoke(args=["facilitator", "token", facilitator.email.upper()])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    response = app.test_client().get(
        "/api/v1/workshops", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    missing = runner.invoke(args=["facilitator", "token", "nobody@example.fi"])
    assert missing.exit_code != 0


def test_app_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    from workshop import ConfigurationError, create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.setattr("workshop.config.secret_key", lambda _path: None)
    with pytest.raises(ConfigurationError):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


@pytest.fixture
def serve(tmp_path):
    """Start `flask --app wsgi serve` on a free port; return (port, process)."""
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'serve.db'}"
    processes = Processes(database)
    yield processes.serve
    processes.stop()
    if os.environ.get("DATABASE_URL"):  # the shared server keeps what the process wrote
        _empty_tables(make_app(tmp_path))


def _read_until(process, needle: str, limit: int = 60, seconds: float = 60) -> list[str]:
    """Read the command's output up to the line with ``needle``; fail after a while without."""
    import queue
    import threading
    import time

    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in iter(process.stdout.readline, "")],
        daemon=True,
    ).start()
    seen = []
    deadline = time.monotonic() + seconds
    while len(seen) < limit:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line.rstrip())
        if needle in line:
            return seen
    raise AssertionError("\n".join(seen))


def test_serve_migrates_prints_addresses_and_setup_link_and_serves_gevent(serve):
    port, process = serve()
    lines = _read_until(process, "/setup/")
    text = "\n".join(lines)
    # Bound to loopback: the links name the address that answers, not the LAN's.
    assert f"http://127.0.0.1:{port}/" in text
    assert f"http://127.0.0.1:{port}/setup/" in text
    setup_path = "/setup/" + lines[-1].split("/setup/")[1].strip()

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
        assert response.status == 200
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{setup_path}") as response:
        assert response.status == 200
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/socket.io/?EIO=4&transport=polling",
        headers={"Origin": f"http://127.0.0.1:{port}"},
    )
    with urllib.request.urlopen(request) as response:
        handshake = json.loads(response.read().decode()[1:])
    # The gevent server offers real websockets to browsers.
    assert handshake["upgrades"] == ["websocket"]


def _join_link_on_the_projector(port: int, key: str) -> str:
    """The join link the projector page shows under its QR code (host and path)."""
    import re

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/projector/{key}") as response:
        page = response.read().decode()
    return re.search(r'<p class="projector-url">([^<]+)</p>', page).group(1)


def test_serve_on_loopback_says_phones_cannot_reach_it_and_links_name_loopback(serve, tmp_path):
    port, process = serve("127.0.0.1")
    text = "\n".join(_read_until(process, "Ctrl+C"))
    assert "phones cannot" in text
    assert "--host 0.0.0.0" in text  # how to serve the network instead
    lan = lan_address()
    if lan:
        assert lan not in text
    assert f"http://127.0.0.1:{port}/login" in text
    # The app's own links and QR code agree with what the command printed.
    processes = Processes(os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'serve.db'}")
    code, key = processes.seed_workshop(tmp_path)
    assert _join_link_on_the_projector(port, key) == f"127.0.0.1:{port}/join/{code}"


def test_serve_on_every_interface_names_the_lan_address(serve, tmp_path):
    port, process = serve("0.0.0.0")
    text = "\n".join(_read_until(process, "Ctrl+C"))
    expected_host = lan_address() or "127.0.0.1"
    assert f"join at:  http://{expected_host}:{port}/" in text
    assert "phones cannot" not in text
    processes = Processes(os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'serve.db'}")
    code, key = processes.seed_workshop(tmp_path)
    assert _join_link_on_the_projector(port, key) == f"{expected_host}:{port}/join/{code}"


def test_serve_prints_public_url_when_set(serve, tmp_path):
    port, process = serve("127.0.0.1", PUBLIC_URL="https://toimija.example.fi/")
    text = "\n".join(_read_until(process, "Ctrl+C"))
    assert "join at:  https://toimija.example.fi/" in text
    assert "https://toimija.example.fi/setup/" in text
    assert "phones cannot" not in text  # a proxy in front answers for it
    processes = Processes(os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'serve.db'}")
    code, key = processes.seed_workshop(tmp_path)
    assert _join_link_on_the_projector(port, key) == f"toimija.example.fi/join/{code}"


def test_the_served_app_refuses_socket_messages_over_the_limit(serve):
    """An oversized message is refused (413, at once) and its session closed, as a real
    client would see it (SOCKETIO_MAX_BUFFER, 4 KB)."""
    import threading

    port, _process = serve()
    base = f"http://127.0.0.1:{port}/socket.io/?EIO=4&transport=polling"
    origin = {"Origin": f"http://127.0.0.1:{port}"}
    with urllib.request.urlopen(urllib.request.Request(base, headers=origin)) as response:
        sid = json.loads(response.read().decode()[1:])["sid"]

    def send(request) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(size: int) -> int:
        body = ("42" + json.dumps(["request_snapshot", "x" * size])).encode()
        request = urllib.request.Request(
            f"{base}&sid={sid}",
            data=body,
            method="POST",
            headers={**origin, "Content-Type": "text/plain;charset=UTF-8"},
        )
        return send(request)[0]

    assert post(1_000) == 200
    # A polling client always has a GET waiting; the server closes the session through it.
    polled: list[tuple[int, str]] = []
    for _attempt in range(5):  # a GET may return at once with queued packets: park one
        polled.clear()
        waiting = threading.Thread(
            target=lambda: polled.append(
                send(urllib.request.Request(f"{base}&sid={sid}", headers=origin))
            )
        )
        waiting.start()
        waiting.join(timeout=0.5)
        if waiting.is_alive():
            break
    assert waiting.is_alive(), "no long-poll GET stayed open"
    assert post(5_000) == 413
    waiting.join(timeout=20)
    assert polled and polled[0][1].endswith("1")  # "1" is Engine.IO's close packet
    assert post(10) == 400  # the session is gone


def test_facilitator_password_resets_a_forgotten_one(runner, app, facilitator):
    result = runner.invoke(
        args=["facilitator", "password", facilitator.email],
        input="a brand new password\na brand new password\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert services.authenticate(facilitator.email, "a brand new password") is not None
        assert services.authenticate(facilitator.email, PASSWORD) is None
    short = runner.invoke(args=["facilitator", "password", facilitator.email, "--password", "x"])
    assert short.exit_code != 0
    nobody = runner.invoke(
        args=["facilitator", "password", "no@example.fi", "--password", "x" * 12]
    )
    assert nobody.exit_code != 0
