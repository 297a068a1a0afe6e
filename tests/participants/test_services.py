"""Joining: tokens, names, seq."""

import pytest
from sqlalchemy import func, select

from tests.conftest import run_together
from workshop.errors import ValidationFailed, WorkshopNotFound
from workshop.extensions import db
from workshop.participants import services
from workshop.participants.models import Participant
from workshop.tokens import digest
from workshop.workshops.models import Workshop


def test_join_stores_only_a_digest_of_a_128_bit_token(ctx, workshop):
    participant, token = services.join(workshop.code.lower(), "  Liisa  ")
    assert len(token) >= 22  # 16 random bytes, URL-safe base64
    assert participant.token_digest == digest(token) != token
    assert participant.display_name == "Liisa"
    assert services.participant_in(workshop.id, token).id == participant.id
    assert db.session.get(Workshop, workshop.id).seq == 0  # the count goes on the tick


def test_blank_name_means_anonymous(ctx, workshop):
    participant, _ = services.join(workshop.code, "   ")
    assert participant.display_name is None


@pytest.mark.parametrize("name", ["x" * 41, 7, ["Liisa"]])
def test_bad_names_are_refused_and_nothing_is_stored(ctx, workshop, name):
    with pytest.raises(ValidationFailed):
        services.join(workshop.code, name)
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 0
    assert db.session.get(Workshop, workshop.id).seq == 0


def test_unknown_code_is_refused(ctx, workshop):
    with pytest.raises(WorkshopNotFound):
        services.join("QQQQQQ")


def test_token_of_one_workshop_does_not_open_another(ctx, make_workshop):
    first, second = make_workshop("Eka"), make_workshop("Toka")
    _, token = services.join(first.code)
    assert services.participant_in(second.id, token) is None
    assert services.participant_in(first.id, "not-a-token") is None
    assert services.participant_in(first.id, None) is None


def test_concurrent_joins_are_each_stored_once(app, workshop):
    """Eight joins at once: each stored, no 'database is locked', and none moves the seq
    (the count reaches screens on the tick)."""

    def worker(n):
        with app.app_context():
            services.join(workshop.code, f"P{n}")

    assert run_together(worker, [(n,) for n in range(8)]) == []
    with app.app_context():
        assert db.session.get(Workshop, workshop.id).seq == 0
        count = db.session.scalar(select(func.count()).select_from(Participant))
        assert count == 8
