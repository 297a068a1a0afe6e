"""The migrations build the schema the models declare, on SQLite and on PostgreSQL.

Each test migrates an empty database of its own (a file on SQLite; a database made with
CREATE DATABASE next to the shared one on PostgreSQL, dropped after), so the shared test
database is never downgraded under other tests.

The comparison uses the options env.py gives Alembic, and filters nothing: with
Alembic 1.20 and SQLAlchemy 2.1 neither SQLite nor PostgreSQL reports a spurious
difference (no type-affinity or reflection noise to hide).
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata, produce_migrations, render_python_code
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import (
    CheckConstraint,
    Column,
    Constraint,
    DefaultClause,
    Index,
    Table,
    create_engine,
    inspect,
)
from sqlalchemy.engine import make_url

from tests.conftest import make_app
from workshop.config import database_url
from workshop.extensions import db


@pytest.fixture
def empty_database(tmp_path) -> Iterator[str]:
    """Yield the URL of an empty database on the server the tests use."""
    url = database_url(os.environ.get("DATABASE_URL") or "", str(tmp_path))
    if make_url(url).get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"toimija_migrations_{secrets.token_hex(4)}"
    with server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            # FORCE: the app's tally ticker (a thread of its own) may still hold a connection.
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.dispose()


@pytest.fixture
def migrated(tmp_path, empty_database) -> Iterator[Flask]:
    """An app whose empty database was upgraded to head by the real migrations."""
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=empty_database)  # runs upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # PostgreSQL refuses to drop a database with open connections


def _compare_options(app: Flask, **extra) -> dict:
    """The options env.py hands Alembic (Migrate(render_as_batch=True, compare_type=True))."""
    options = dict(app.extensions["migrate"].configure_args)
    options.pop("process_revision_directives", None)  # env.py's hook for `db migrate`
    return options | extra


def _describe(item) -> str:
    if isinstance(item, Column):
        return f"{item.table.name}.{item.name} {item.type}"
    if isinstance(item, Table):
        return f"table {item.name}"
    if isinstance(item, Index):
        columns = ", ".join(str(expression) for expression in item.expressions)
        return f"index {item.name} on {item.table.name} ({columns})"
    if isinstance(item, Constraint):
        columns = ", ".join(column.name for column in item.columns)
        return f"{type(item).__name__} {item.name} on {item.table.name} ({columns})"
    if isinstance(item, DefaultClause):
        return f"DEFAULT {getattr(item.arg, 'text', item.arg)}"
    return repr(item)


def _readable(differences: list) -> str:
    """One line per difference (a column's changes come as a list of their own)."""
    lines = []
    for difference in differences:
        for change in difference if isinstance(difference, list) else [difference]:
            operation = change[0]
            if operation.startswith("modify_"):
                _op, _schema, table, column, _existing, in_database, in_models = change
                lines.append(
                    f"  {operation}: {table}.{column}: {_describe(in_database)} in the database, "
                    f"{_describe(in_models)} in the models"
                )
            else:  # add_/remove_ table, column, index, constraint, fk: the object comes last
                lines.append(f"  {operation}: {_describe(change[-1])}")
    return "\n".join(lines)


def _assert_no_differences(app: Flask, **extra_options) -> None:
    """Fail with what autogenerate finds between the migrated database and the models."""
    options = _compare_options(app, **extra_options)
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts=options)
        differences = compare_metadata(context, db.metadata)
        if not differences:
            return
        script = produce_migrations(context, db.metadata)
        fix = render_python_code(script.upgrade_ops, render_as_batch=True)
        dialect = connection.dialect.name
    pytest.fail(
        f"the migrated {dialect} database differs from the models:\n"
        f"{_readable(differences)}\n"
        f"`flask db migrate` would write:\n{fix}",
        pytrace=False,
    )


def test_migrations_build_what_the_models_declare(migrated):
    _assert_no_differences(migrated)


def test_server_defaults_agree_too(migrated):
    # An option env.py does not set (compare_server_default is off there), checked here
    # because the migrations give NOT NULL columns added later a default for existing rows.
    _assert_no_differences(migrated, compare_server_default=True)


def _normalised(predicate) -> str | None:
    if predicate is None:
        return None
    return " ".join(str(predicate).replace("(", " ").replace(")", " ").lower().split())


def test_check_constraints_and_partial_indexes_agree(migrated):
    """Autogenerate never compares CHECK constraints or an index's WHERE: look at them here."""
    with migrated.app_context():
        dialect = db.engine.dialect.name
        inspector = inspect(db.engine)
        for table in db.metadata.sorted_tables:
            declared = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
            found = {c["name"] for c in inspector.get_check_constraints(table.name)}
            assert found == declared, f"CHECK constraints of {table.name}"

            reflected = {index["name"]: index for index in inspector.get_indexes(table.name)}
            for index in table.indexes:
                assert index.name in reflected, f"index {index.name} is missing"
                where = index.dialect_kwargs.get(f"{dialect}_where")
                got = reflected[index.name].get("dialect_options", {}).get(f"{dialect}_where")
                assert _normalised(got) == _normalised(where), f"WHERE of index {index.name}"


def test_downgrade_to_base_and_upgrade_again(migrated):
    """Every revision has a downgrade; they undo the schema (0005 leaves re-rendered HTML)."""
    with migrated.app_context():
        downgrade(revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]
        upgrade()
    _assert_no_differences(migrated)


def test_the_dots_cast_before_rounds_go_to_the_plans_first_voting_step(migrated):
    """0010 puts each existing dot in its workshop's first voting step (here the fourth)."""
    from workshop.designs import services as designs
    from workshop.facilitators import services as facilitators
    from workshop.participants import services as participants
    from workshop.practices.models import Practice
    from workshop.voting.models import Vote
    from workshop.workshops import services as workshops

    with migrated.app_context():
        owner = facilitators.create_facilitator("rounds@example.fi", "salasana-pitka-123")
        design = designs.builtin_design("fi")
        design["steps"] = [
            {"activity": key, "projector": "", "phone": "", "minutes": 5}
            for key in ("stories", "practices", "practices", "voting")
        ]
        workshop = workshops.create_workshop(
            owner.id, "Ennen kierroksia", "fi", design=designs.clean_design(design)
        )
        person = participants.join(workshop.code, "Liisa")[0]
        practice = Practice(workshop_id=workshop.id, key="p", title="A")
        db.session.add(practice)
        db.session.flush()
        db.session.add(
            Vote(
                workshop_id=workshop.id, participant_id=person.id, practice_id=practice.id, key="d"
            )
        )
        db.session.commit()
        downgrade(revision="0009_story_votes")
        db.session.remove()
        upgrade()
        assert db.session.scalar(db.select(Vote.step_index)) == 3
        db.session.remove()


def _quiet(app: Flask) -> None:
    """Let the app's ticker send what the changes marked (a join's count, the tally) and
    end: a tick reading a table while a downgrade drops another deadlocked on PostgreSQL."""
    ticker = app.extensions["toimija_ticker"]
    deadline = time.monotonic() + 15
    while ticker._running and time.monotonic() < deadline:
        ticker.flush()
        time.sleep(0.1)
    assert not ticker._running


def test_the_voting_rules_move_to_the_rounds_and_back(migrated):
    """0011 moves the rules and the reveal off the workshops row into one round per voting
    step; its downgrade puts the round that counts back. No row is lost on the way (on
    SQLite a batch copy of workshops would cascade its drop to every participant)."""
    from workshop.designs import services as designs
    from workshop.facilitators import services as facilitators
    from workshop.participants import services as participants
    from workshop.voting import dots, results, rounds
    from workshop.voting.models import VotingRound
    from workshop.workshops import services as workshops

    with migrated.app_context():
        owner = facilitators.create_facilitator("rules@example.fi", "salasana-pitka-123")
        design = designs.builtin_design("fi")
        design["steps"] = [
            {"activity": key, "projector": "", "phone": "", "minutes": 5}
            for key in ("stories", "voting", "voting", "results")
        ]
        design["settings"]["allows_self_votes"] = False
        workshop = workshops.create_workshop(
            owner.id, "Säännöt", "fi", design=designs.clean_design(design)
        )
        workshop_id = workshop.id
        participants.join(workshop.code, "Liisa")
        dots.change_voting(owner.id, workshop_id, {"budget": 4, "per_practice_cap": 2})
        workshops.change_phase(owner.id, workshop_id, "stories")
        workshops.change_phase(owner.id, workshop_id, "voting", 1)
        results.reveal_votes(owner.id, workshop_id)
        db.session.remove()
        _quiet(migrated)

        downgrade(revision="0010_vote_rounds")
        db.session.remove()
        row = db.session.execute(
            db.text(
                "SELECT vote_budget, per_practice_cap, allows_self_votes, votes_revealed_at"
                " FROM workshops WHERE id = :id"
            ),
            {"id": workshop_id},
        ).one()
        assert (row[0], row[1], bool(row[2]), row[3] is not None) == (4, 2, False, True)
        assert db.session.execute(db.text("SELECT count(*) FROM participants")).scalar() == 1
        db.session.remove()

        upgrade()
        found = {r.step_index: r for r in db.session.scalars(db.select(VotingRound))}
        assert sorted(found) == [1, 2]
        assert (found[1].budget, found[1].per_item_cap, found[1].allows_self_votes) == (4, 2, False)
        assert (found[1].status, found[1].revealed_at is not None) == ("open", True)
        assert (found[2].status, found[2].revealed_at) == ("waiting", None)
        workshop = db.session.get(workshops.Workshop, workshop_id)
        assert rounds.starting_rules(workshop)["allows_self_votes"] is False
        assert db.session.execute(db.text("SELECT count(*) FROM participants")).scalar() == 1
        db.session.remove()
