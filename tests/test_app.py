"""App-wide behaviour: configuration, compression, async mode."""

from workshop.config import database_url


def test_database_url_defaults_to_sqlite_in_instance_and_fixes_postgres_urls(tmp_path):
    assert database_url(None, str(tmp_path)) == f"sqlite:///{tmp_path / 'toimija.db'}"
    assert database_url("postgres://u@h/db", "x") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql://u@h/db", "x") == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:////tmp/a.db", "x") == "sqlite:////tmp/a.db"


def test_pages_and_assets_are_compressed_for_phones(client):
    for path in ("/", "/static/css/app.css", "/static/vendor/socket.io/socket.io.min.js"):
        # What phone browsers send; static files stream, which Flask-Compress does in br.
        response = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert response.headers.get("Content-Encoding") in ("br", "gzip"), path
        assert response.headers.get("Vary", "").lower().find("accept-encoding") >= 0


def test_tests_run_sockets_in_threading_mode_and_say_so(app):
    from workshop.extensions import socketio

    assert socketio.async_mode == "threading"


def test_behind_a_proxy_the_forwarded_origin_may_open_a_socket(tmp_path, monkeypatch):
    from tests.conftest import make_app

    monkeypatch.setenv("PROXY_COUNT", "1")
    monkeypatch.setenv("PUBLIC_URL", "https://toimija.example.fi")
    app = make_app(tmp_path)
    client = app.test_client()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "toimija.example.fi"}
    handshake = "/socket.io/?EIO=4&transport=polling"
    ok = client.get(handshake, headers={**forwarded, "Origin": "https://toimija.example.fi"})
    assert ok.status_code == 200
    evil = client.get(handshake, headers={**forwarded, "Origin": "https://evil.example"})
    assert evil.status_code == 400
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_a_bad_proxy_count_stops_the_start(monkeypatch, tmp_path):
    import pytest

    from tests.conftest import make_app

    monkeypatch.setenv("PROXY_COUNT", "yes")
    with pytest.raises(ValueError, match="PROXY_COUNT"):
        make_app(tmp_path)


def test_the_heartbeat_interval_comes_from_the_environment(tmp_path, monkeypatch):
    import pytest

    from workshop import config

    assert config.DEFAULTS["HEARTBEAT_SECONDS"] == 2.0
    monkeypatch.setenv("HEARTBEAT_SECONDS", "0.5")
    assert config.from_environment(str(tmp_path))["HEARTBEAT_SECONDS"] == 0.5
    for wrong in ("soon", "-1", "nan"):
        monkeypatch.setenv("HEARTBEAT_SECONDS", wrong)
        with pytest.raises(ValueError, match="HEARTBEAT_SECONDS"):
            config.from_environment(str(tmp_path))


def test_sqlite_runs_with_wal_busy_timeout_and_foreign_keys(app):
    from workshop.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return  # the PostgreSQL pass has nothing of this to check
        with db.engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            # DATABASE_BUSY_TIMEOUT (3 s): bounded; twice it is under the phone's 8 s ack timeout.
            assert pragma("busy_timeout") == 3000


def test_write_transactions_take_the_sqlite_write_lock_up_front(app, workshop):
    import sqlite3

    from workshop.extensions import db
    from workshop.writes import lock_workshop

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        lock_workshop(workshop.id)  # holds BEGIN IMMEDIATE until commit
        other = sqlite3.connect(db.engine.url.database, timeout=0.1)
        try:
            other.execute("BEGIN IMMEDIATE")
            raise AssertionError("a second writer got the lock")
        except sqlite3.OperationalError as error:
            assert "locked" in str(error)
        finally:
            other.close()
            db.session.rollback()
