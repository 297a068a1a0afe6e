"""Bounded waits for the database (workshop/database.py): what counts as a wait that ran
out, the engine options each database gets, and the settings from the environment."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import NullPool

from tests.conftest import _empty_tables, make_app
from workshop import config, database
from workshop.extensions import db


class _Orig(Exception):
    def __init__(self, text: str, sqlstate: str | None = None) -> None:
        super().__init__(text)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "is_busy"),
    [
        (PoolTimeout("QueuePool limit of size 1 overflow 0 reached"), True),
        (OperationalError("BEGIN", {}, _Orig("database is locked")), True),
        (OperationalError("SELECT", {}, _Orig("database table is locked")), True),
        (OperationalError("", {}, _Orig("too many clients already", "53300")), True),
        (OperationalError("", {}, _Orig("server closed the connection", "08006")), False),
        (OperationalError("", {}, _Orig("disk I/O error")), False),
        (ValueError("database is locked"), False),
    ],
)
def test_is_busy_names_only_waits_that_ran_out(error, is_busy):
    assert database.is_busy(error) is is_busy


def test_postgresql_gets_a_bounded_pool_and_sqlite_keeps_its_own():
    settings = {**config.DEFAULTS, "DATABASE_POOL_SIZE": 3, "DATABASE_MAX_OVERFLOW": 0}
    on_postgres = database.engine_options(
        {**settings, "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@h/db"}
    )
    assert on_postgres == {
        "pool_pre_ping": True,
        "pool_size": 3,
        "max_overflow": 0,
        "pool_timeout": 2,
    }
    own = {"poolclass": NullPool}
    postgres = {**settings, "SQLALCHEMY_DATABASE_URI": "postgresql://u@h/db"}
    assert database.engine_options({**postgres, "SQLALCHEMY_ENGINE_OPTIONS": own}) == own
    on_sqlite = database.engine_options({**settings, "SQLALCHEMY_DATABASE_URI": "sqlite:///x"})
    assert on_sqlite == {"pool_pre_ping": True}


def test_the_waits_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_POOL_TIMEOUT", "3")
    monkeypatch.setenv("DATABASE_MAX_OVERFLOW", "0")
    monkeypatch.setenv("DATABASE_BUSY_TIMEOUT", "1.5")
    settings = config.from_environment(str(tmp_path))
    assert settings["DATABASE_POOL_TIMEOUT"] == 3
    assert settings["DATABASE_MAX_OVERFLOW"] == 0
    assert settings["DATABASE_BUSY_TIMEOUT"] == 1.5
    monkeypatch.setenv("DATABASE_POOL_TIMEOUT", "0.5")  # would be no wait at all
    with pytest.raises(ValueError, match="DATABASE_POOL_TIMEOUT"):
        config.from_environment(str(tmp_path))
    monkeypatch.setenv("DATABASE_POOL_TIMEOUT", "2")
    monkeypatch.setenv("DATABASE_POOL_SIZE", "0")
    with pytest.raises(ValueError, match="DATABASE_POOL_SIZE"):
        config.from_environment(str(tmp_path))


def test_sqlite_connections_wait_the_configured_busy_timeout(tmp_path):
    app = make_app(
        tmp_path,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'waits.db'}",
        DATABASE_BUSY_TIMEOUT=0.3,
    )
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 300
    _empty_tables(app)
