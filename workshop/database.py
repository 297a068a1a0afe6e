"""Database engine set-up and the write-lock helper shared by every service.

Every wait for the database is bounded: on PostgreSQL a request waits at most
``DATABASE_POOL_TIMEOUT`` seconds for a pooled connection, on SQLite at most
``DATABASE_BUSY_TIMEOUT`` for the write lock. A wait that runs out is ``is_busy()``, and
errors.py answers it as ``busy`` (503 with Retry-After; the socket ack says
``retry_after``), so a handler degrades instead of dying with no answer.
"""

from __future__ import annotations

import enum
from typing import Any

from flask import Flask
from sqlalchemy import Enum, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from .extensions import db

#: Execution option that makes an SQLite transaction start with BEGIN IMMEDIATE.
IMMEDIATE = "toimija_begin_immediate"


#: What a wait for the database that ran out raises (see ``is_busy``).
WAIT_ERRORS: tuple[type[Exception], ...] = (PoolTimeout, OperationalError)
#: PostgreSQL's too_many_connections: the server's own connections are all taken.
_PG_TOO_MANY_CONNECTIONS = "53300"


def is_busy(error: BaseException) -> bool:
    """Say whether an error is a bounded wait for the database that ran out: the pool had
    no connection free in time, SQLite's lock stayed taken, or PostgreSQL had no room."""
    if isinstance(error, PoolTimeout):
        return True
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.orig, "sqlstate", None) == _PG_TOO_MANY_CONNECTIONS:
        return True
    text = str(error.orig)
    # sqlite3's SQLITE_BUSY ("database is locked") and SQLITE_LOCKED ("... table is locked").
    return "database is locked" in text or "database table is locked" in text


def engine_options(config: dict[str, Any]) -> dict[str, Any]:
    """Return SQLAlchemy's engine options for the configured database: on PostgreSQL the
    pool's size, its overflow and the bounded wait for a connection (SQLite keeps its
    own pool; its bounded wait is busy_timeout, set on each connection)."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    is_postgres = str(config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("postgresql")
    # A pool chosen by hand (NullPool, say) takes none of QueuePool's arguments.
    if is_postgres and "poolclass" not in options:
        options.setdefault("pool_size", int(config["DATABASE_POOL_SIZE"]))
        options.setdefault("max_overflow", int(config["DATABASE_MAX_OVERFLOW"]))
        # Whole seconds: engine_from_config (Flask-SQLAlchemy's) makes 0.3 a 0, no wait.
        options.setdefault("pool_timeout", int(config["DATABASE_POOL_TIMEOUT"]))
    return options


def _sqlite_connect_listener(busy_timeout_ms: int):
    def on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself, so we can choose IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # How long a writer waits for the lock before "database is locked" (busy).
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms:d}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def _on_sqlite_begin(connection) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def init_app(app: Flask) -> None:
    """Bind the database with bounded waits and, on SQLite, set WAL, busy_timeout, foreign
    keys and BEGIN control."""
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)
    db.init_app(app)
    with app.app_context():
        engine: Engine = db.engine
    if engine.dialect.name == "sqlite":
        busy_timeout_ms = round(float(app.config["DATABASE_BUSY_TIMEOUT"]) * 1000)
        event.listen(engine, "connect", _sqlite_connect_listener(busy_timeout_ms))
        event.listen(engine, "begin", _on_sqlite_begin)


def begin_write() -> None:
    """Start the session's transaction as a writer, so a read-then-write cannot be raced.

    On SQLite this is BEGIN IMMEDIATE (the write lock up front); on PostgreSQL the
    callers lock the rows they read with SELECT ... FOR UPDATE.
    """
    session = db.session()  # the scoped session's current Session
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("begin_write() called with unsaved changes in the session")
        # A read-only transaction (loading the current user, say) is still open: end it.
        session.commit()
    session.connection(execution_options={IMMEDIATE: True})


def string_enum(enum_class: type[enum.Enum]) -> Enum:
    """Store an enum as its values in a short string column (no native type: portable)."""
    return Enum(
        enum_class,
        native_enum=False,
        length=16,
        values_callable=lambda members: [member.value for member in members],
    )
