"""Migration 0013: the session epoch and the administrator flag, added in place."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.test_migrations import empty_database, migrated  # noqa: F401 (fixtures)
from workshop.extensions import db


def test_the_first_account_becomes_the_administrator_and_nothing_is_lost(migrated):  # noqa: F811
    from workshop.facilitators import services as facilitators
    from workshop.workshops import services as workshops

    with migrated.app_context():
        first = facilitators.create_facilitator("eka@example.fi", "salasana-pitka-123")
        second = facilitators.create_facilitator("toka@example.fi", "salasana-pitka-123")
        workshops.create_workshop(second.id, "Säilyy", "fi")
        first_id, second_id = first.id, second.id
        db.session.remove()
        downgrade(revision="-1")  # to the revision before 0013, whichever that is
        db.session.remove()
        upgrade()
        rows = db.session.execute(
            text("SELECT id, is_admin, session_epoch FROM facilitators ORDER BY id")
        ).all()
        assert [(r[0], bool(r[1]), r[2]) for r in rows] == [
            (first_id, True, 0),
            (second_id, False, 0),
        ]
        assert db.session.scalar(text("SELECT count(*) FROM workshops")) == 1
        db.session.remove()
