"""Command line: facilitator accounts and tokens, and `serve` as the run command uses it."""

import json
import os
import urllib.error
import urllib.request

import pytest

from tests.conftest import PASSWORD
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


def _read_until(process, needle: str, limit: int = 60) -> list[str]:
    lines = []
    for _ in range(limit):
        line = process.stdout.readline()
        lines.append(line.rstrip())
        if needle in line:
            return lines
    raise AssertionError("\n".join(lines))


def test_serve_migrates_prints_addresses_and_setup_link_and_serves_gevent(serve):
    port, process = serve()
    lines = _read_until(process, "/setup/")
    text = "\n".join(lines)
    expected_host = lan_address() or "127.0.0.1"
    assert f"http://{expected_host}:{port}/" in text
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


def test_serve_prints_public_url_when_set(serve):
    _port, process = serve(PUBLIC_URL="https://toimija.example.fi/")
    text = "\n".join(_read_until(process, "/setup/"))
    assert "join at:  https://toimija.example.fi/" in text
    assert "https://toimija.example.fi/setup/" in text


def test_the_served_app_refuses_socket_messages_over_64_kb(serve):
    """An oversized message is refused and its session closed, as a real client would see it."""
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
    assert post(70_000) == 400
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
