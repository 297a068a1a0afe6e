"""The stand-alone check-in link: a capability kept only as its digest, revocable, one answer
per phone (a retry changes nothing), its page in the workshop's language with a switch, no
token in any log, and the change since the workshop's own pulse."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select

from tests.pulse.helpers import fresh, pulse_room, rate_all
from workshop.errors import ValidationFailed
from workshop.extensions import db
from workshop.pulse import checkins, figures
from workshop.pulse import services as pulse
from workshop.pulse.builtin import STATEMENTS
from workshop.pulse.models import PulseAnswer, PulseRound
from workshop.tokens import digest
from workshop.workshops import services as workshops


def _phone(n: int) -> str:
    return f"phone-token-{n:012d}"


def _checked_in(app, facilitator, language: str = "fi"):
    with app.app_context():
        workshop, people = pulse_room(facilitator.id, 5, language=language)
        rate_all(people, [[2, 2, 3, 4]] * 5)
        pulse.reveal(facilitator.id, workshop.id)
        made = checkins.create_link(facilitator.id, workshop.id)
        return workshop.id, made["token"]


def test_a_link_is_kept_only_as_its_digest_and_a_new_one_closes_the_old(ctx, facilitator):
    workshop, _people = pulse_room(facilitator.id, 5)
    first = checkins.create_link(facilitator.id, workshop.id)
    token = first["token"]
    assert re.fullmatch(r"pls_[A-Za-z0-9_-]{32}", token)
    found = db.session.scalar(select(PulseRound).where(PulseRound.id == first["id"]))
    assert found.link_digest == digest(token) and token not in str(found.__dict__)
    assert found.kind == "check_in" and found.statements == list(STATEMENTS["fi"])
    assert checkins.round_by_link(token).id == found.id
    second = checkins.create_link(facilitator.id, workshop.id)
    with pytest.raises(checkins.LinkNotFound):
        checkins.round_by_link(token)
    assert checkins.round_by_link(second["token"]).id == second["id"]
    for wrong in ("", "pls_", token[:-1], "shr_" + token[4:], None, 7):
        with pytest.raises(checkins.LinkNotFound):
            checkins.round_by_link(wrong)


def test_each_phone_answers_once_and_a_retry_changes_nothing(ctx, facilitator):
    workshop, _people = pulse_room(facilitator.id, 1)
    token = checkins.create_link(facilitator.id, workshop.id)["token"]
    assert checkins.answer_check_in(token, _phone(1), [4, 4, 5, 3]) is True
    assert checkins.answer_check_in(token, _phone(1), [4, 4, 5, 3]) is False
    with pytest.raises(checkins.AlreadyAnswered):
        checkins.answer_check_in(token, _phone(1), [1, 1, 1, 1])
    assert db.session.scalar(select(db.func.count()).select_from(PulseAnswer)) == 4
    (voter,) = set(db.session.scalars(select(PulseAnswer.voter)))
    assert voter == digest(_phone(1))  # the phone's token itself is never stored
    with pytest.raises(ValidationFailed) as raised:
        checkins.answer_check_in(token, _phone(2), [4, None, 9])
    assert set(raised.value.fields) == {"ratings.1", "ratings.2", "ratings.3"}
    with pytest.raises(ValidationFailed) as raised:
        checkins.answer_check_in(token, "short", [4, 4, 4, 4])
    assert "phone" in raised.value.fields


def test_a_revoked_link_takes_no_more_answers_and_its_answers_stay(ctx, facilitator):
    workshop, _people = pulse_room(facilitator.id, 1)
    token = checkins.create_link(facilitator.id, workshop.id)["token"]
    for n in range(5):
        checkins.answer_check_in(token, _phone(n), [5, 4, 3, 2])
    checkins.revoke_link(facilitator.id, workshop.id)
    with pytest.raises(checkins.LinkNotFound):
        checkins.answer_check_in(token, _phone(9), [5, 4, 3, 2])
    (check_in,) = figures.check_ins_json(workshop.id)
    assert check_in["answers"] == 5 and check_in["is_live"] is False
    rounds = pulse.pulse_summary(workshop.id)[0]["rounds"]
    assert [(r["kind"], r["answers"], r["mean"]) for r in rounds] == [
        ("in_room", 0, None),
        ("check_in", 5, 5.0),
    ]


def test_a_check_in_shows_its_change_since_the_workshop_in_the_charter(ctx, facilitator):
    from workshop.charter import render
    from workshop.charter.build import charter

    workshop, people = pulse_room(facilitator.id, 6)
    rate_all(people, [[3, 2, 1, 4]] * 3 + [[3, 3, 2, 4]] * 3)
    pulse.reveal(facilitator.id, workshop.id)
    token = checkins.create_link(facilitator.id, workshop.id)["token"]
    for n in range(4):
        checkins.answer_check_in(token, _phone(n), [4, 4, 4, 4])
    rows = dict(charter(fresh(workshop.id))["sections"][0].rows)
    first = STATEMENTS["fi"][0]
    assert rows[first] == "3,0, 6 vastausta"
    late = [label for label in rows if label.startswith("Seurantakysely")]
    assert rows[late[0]] == "Alle 5 vastausta"  # four phones: no figure yet
    checkins.answer_check_in(token, _phone(4), [4, 4, 4, 4])
    rows = dict(charter(fresh(workshop.id))["sections"][0].rows)
    assert rows[late[0]].startswith("3,0 → 4,0 (+1,0), 5 vastausta (vertailukohta ")
    assert rows[late[2]].startswith("1,5 → 4,0 (+2,5), 5 vastausta")
    # The charter opens with the commitments; the pulse follows them.
    text = render.to_markdown(charter(fresh(workshop.id)))
    assert 0 < text.index("## Sitoumukset") < text.index("## Asiakkaan toimijuuden pulssi")
    other, (alone,) = pulse_room(facilitator.id, 1, language="en")
    assert charter(fresh(other.id))["sections"] == []  # nothing answered: nothing to say
    pulse.answer(alone, 0, 4)
    english = dict(charter(fresh(other.id))["sections"][0].rows)
    assert set(english.values()) == {"Not shown yet: the pulse is on"}
    workshops.change_phase(facilitator.id, other.id, "wordcloud")  # its end reveals it
    english = dict(charter(fresh(other.id))["sections"][0].rows)
    assert set(english.values()) == {"Fewer than 5 answers"}


def test_the_page_in_the_workshops_language_with_a_switch(app, client, facilitator):
    _workshop_id, token = _checked_in(app, facilitator, "en")
    page = client.get(f"/pulse/{token}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert '<html lang="en">' in text and STATEMENTS["en"][0].replace("'", "&#39;") in text
    assert page.headers["Cache-Control"] == "no-store" and "noindex" in page.headers["X-Robots-Tag"]
    assert "<script" not in text  # a plain form: no script at all
    cookie = client.get_cookie(checkins.PHONE_COOKIE, path="/pulse/")
    assert cookie is not None and cookie.http_only and len(cookie.value) >= 16
    finnish = client.get(f"/pulse/{token}?lang=fi").get_data(as_text=True)
    assert '<html lang="fi">' in finnish and "Lähetä vastaukseni" in finnish
    assert f'href="/pulse/{token}?lang=en"' in finnish  # the switch stays on this page


def test_the_page_takes_answers_once_and_thanks(app, client, facilitator):
    _workshop_id, token = _checked_in(app, facilitator)
    client.get(f"/pulse/{token}")
    missing = client.post(f"/pulse/{token}", data={"s0": "4", "s1": "5"})
    assert missing.status_code == 422
    text = missing.get_data(as_text=True)
    assert "Arvioi jokainen väite" in text and text.count('class="field-error"') == 2
    assert 'name="s0" value="4" checked' in text  # what was chosen stays chosen
    sent = client.post(f"/pulse/{token}", data={f"s{i}": "4" for i in range(4)})
    assert sent.status_code == 303 and sent.headers["Location"] == f"/pulse/{token}"
    thanks = client.get(f"/pulse/{token}").get_data(as_text=True)
    assert "Kiitos! Vastauksesi on tallennettu." in thanks and "<form" not in thanks
    again = client.post(f"/pulse/{token}", data={f"s{i}": "1" for i in range(4)})
    assert again.status_code == 303
    with app.app_context():
        ratings = set(
            db.session.scalars(
                select(PulseAnswer.rating).join(PulseRound).where(PulseRound.kind == "check_in")
            )
        )
    assert ratings == {4}


def test_a_revoked_link_answers_404_in_the_readers_language(app, client, facilitator):
    workshop_id, token = _checked_in(app, facilitator)
    with app.app_context():
        checkins.revoke_link(facilitator.id, workshop_id)
    gone = client.get(f"/pulse/{token}", headers={"Accept-Language": "fi"})
    assert gone.status_code == 404
    assert "Tämä pulssilinkki ei enää toimi" in gone.get_data(as_text=True)
    assert client.get(f"/api/v1/pulse/{token}").json["error"]["code"] == "pulse_link_not_found"


def test_no_log_line_carries_the_token(app, client, facilitator, caplog):
    caplog.set_level(logging.DEBUG)
    _workshop_id, token = _checked_in(app, facilitator)
    client.get(f"/pulse/{token}")
    client.post(f"/pulse/{token}", data={f"s{i}": "3" for i in range(4)})
    client.post(f"/api/v1/pulse/{token}/answers", json={"phone": _phone(7), "ratings": [1]})
    assert token not in caplog.text and digest(token) not in caplog.text
