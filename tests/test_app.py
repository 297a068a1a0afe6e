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
