"""Database engine set-up and the write-lock helper shared by every service."""

from __future__ import annotations

import enum

from flask import Flask
from sqlalchemy import Enum, event
from sqlalchemy.engine import Engine

from .extensions import db

#: Execution option that makes an SQLite transaction start with BEGIN IMMEDIATE.
IMMEDIATE = "toimija_begin_immediate"


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself, so we can choose IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_sqlite_begin(connection) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def init_app(app: Flask) -> None:
    """Bind the database and, on SQLite, set WAL, busy_timeout, foreign keys and BEGIN control."""
    db.init_app(app)
    with app.app_context():
        engine: Engine = db.engine
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
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
