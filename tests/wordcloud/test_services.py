"""The word cloud at the service layer: normalising, three words a phone, once per phone,
hide, merge, reveal, live, what each audience sees, and its export round trip."""

from __future__ import annotations

import pytest

from tests.conftest import socket_client
from workshop.charter import exchange, imports
from workshop.charter.build import charter
from workshop.designs import services as designs
from workshop.errors import ValidationFailed
from workshop.extensions import db
from workshop.participants import services as participants
from workshop.realtime import Audience
from workshop.wordcloud import services as cloud
from workshop.workshops import services as workshops
from workshop.workshops import state
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer, WorkshopClosed


def _room(owner_id: int, *, live: bool = False):
    design = designs.builtin_design("fi")
    design["steps"] = [
        {"activity": "wordcloud", "projector": "Yksi sana", "settings": {"is_live": live}},
        # The cloud, then the stories onwards (the built-in pulse is not this test's).
        *(step for step in design["steps"] if step["activity"] not in ("wordcloud", "pulse")),
    ]
    workshop = workshops.create_workshop(
        owner_id, "Lämmittely", "fi", design=designs.clean_design(design)
    )
    people = [participants.join(workshop.code, name)[0].id for name in ("Liisa", "Ville", "Aino")]
    workshops.change_phase(owner_id, workshop.id, "wordcloud")
    return workshop, people


@pytest.mark.parametrize(
    "typed, compared",
    [
        ("  Kiire! ", "kiire"),
        ("KIIRE", "kiire"),
        ("«odottava»", "odottava"),
        ("hidas   palvelu.", "hidas palvelu"),
        ("hitaasti", "hitaasti"),  # inflections stay as typed
        ("😊 iloinen 😊", "iloinen"),
    ],
)
def test_words_are_compared_without_case_whitespace_or_edge_punctuation(typed, compared):
    assert cloud.normalise(typed) == compared


def test_only_punctuation_is_refused_in_words(ctx):
    with pytest.raises(ValidationFailed) as raised:
        cloud.parse_word(" ?! ")
    assert "text" in raised.value.fields


def test_three_words_a_phone_the_same_word_once_a_replay_changes_nothing(ctx, facilitator):
    workshop, (liisa, ville, _aino) = _room(facilitator.id)
    assert cloud.post_word(liisa, "Kiire", "k1")[1] is True
    assert cloud.post_word(liisa, "kiire!", "k2")[1] is False  # the same word: counted once
    assert cloud.post_word(liisa, "Kiire", "k1")[1] is False  # a replay
    cloud.post_word(liisa, "odotus", "k3")
    body, _new = cloud.post_word(liisa, "jono", "k4")
    assert [w["text"] for w in body["words"]] == ["Kiire", "odotus", "jono"]
    with pytest.raises(cloud.TooManyWords):
        cloud.post_word(liisa, "neljäs", "k5")
    cloud.post_word(ville, "KIIRE", "v1")
    full = cloud.cloud_json(db.session.get(Workshop, workshop.id))
    assert [(w["text"], w["count"]) for w in full["words"]][:1] == [("Kiire", 2)]
    assert full["people"] == 2


def test_words_only_while_the_cloud_is_on(ctx, facilitator):
    workshop, (liisa, *_rest) = _room(facilitator.id)
    workshops.change_phase(facilitator.id, workshop.id, "stories")
    with pytest.raises(cloud.CloudClosed):
        cloud.post_word(liisa, "myöhässä", "k1")
    workshops.change_phase(facilitator.id, workshop.id, "closed")
    with pytest.raises(WorkshopClosed):
        cloud.post_word(liisa, "myöhässä", "k2")


def test_private_until_revealed_hidden_and_merged_words(app, ctx, facilitator, hand_ticked):
    workshop, (liisa, ville, aino) = _room(facilitator.id)
    projector = socket_client(app, {"role": "projector", "key": workshop.projector_key})
    cloud.post_word(liisa, "asiakas", "a")
    cloud.post_word(ville, "asiakkaat", "b")
    cloud.post_word(aino, "asiakkaat", "c")
    cloud.post_word(aino, "tyhmä", "d")
    row = db.session.get(Workshop, workshop.id)
    public = cloud.public_cloud(row, cloud.cloud_json(row))
    assert public["words"] is None and public["people"] == 3  # the count, not the words
    cloud.set_hidden(facilitator.id, workshop.id, "tyhmä", hidden=True)
    cloud.merge(facilitator.id, workshop.id, "asiakas", "asiakkaat")
    with pytest.raises(ValidationFailed):  # a merge back the other way would loop
        cloud.merge(facilitator.id, workshop.id, "asiakkaat", "asiakas")
    cloud.reveal(facilitator.id, workshop.id)
    full = cloud.cloud_json(row)
    assert [(w["word"], w["count"], w["merged"]) for w in full["words"] if not w["hidden"]] == [
        ("asiakkaat", 3, ["asiakas"])
    ]
    public = cloud.public_cloud(row, full)
    assert public["words"] == [{"word": "asiakkaat", "text": "asiakkaat", "count": 3, "first": 0}]
    # The screens get it on the tick, outside the seq; a snapshot carries it too.
    projector.get_received()
    app.extensions["toimija_ticker"].flush()
    (sent,) = [m["args"][0] for m in projector.get_received() if m["name"] == "cloud"]
    assert sent == public
    snap = state.snapshot(Viewer(workshop.id, Audience.PROJECTOR))
    assert snap["cloud"]["words"] == public["words"]
    mine = state.snapshot(Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=aino))
    assert [w["text"] for w in mine["my_words"]] == ["asiakkaat", "tyhmä"]


def test_a_live_cloud_shows_its_words_as_they_come(ctx, facilitator):
    workshop, (liisa, *_rest) = _room(facilitator.id, live=True)
    cloud.post_word(liisa, "tervetullut", "k1")
    row = db.session.get(Workshop, workshop.id)
    assert cloud.public_cloud(row, cloud.cloud_json(row))["words"][0]["text"] == "tervetullut"


def test_a_phone_takes_its_word_back(ctx, facilitator):
    _workshop, (liisa, ville, _aino) = _room(facilitator.id)
    body, _ = cloud.post_word(liisa, "kiire", "k1")
    word_id = body["words"][0]["id"]
    with pytest.raises(Exception) as raised:
        cloud.withdraw_word(ville, word_id)
    assert raised.value.code == "forbidden"
    assert cloud.withdraw_word(liisa, word_id) == {"words": []}


def test_the_charter_lists_the_top_words_and_an_export_brings_the_cloud_back(ctx, facilitator):
    workshop, (liisa, ville, aino) = _room(facilitator.id)
    for person, words in ((liisa, ["kiire", "jono"]), (ville, ["Kiire"]), (aino, ["tyhmä"])):
        for i, word in enumerate(words):
            cloud.post_word(person, word, f"{person}-{i}")
    cloud.set_hidden(facilitator.id, workshop.id, "tyhmä", hidden=True)
    row = db.session.get(Workshop, workshop.id)
    (section,) = charter(row)["sections"]
    assert section.rows == [("kiire", "2"), ("jono", "1")]
    exported = exchange.export_workshop(row)
    assert "participant" not in str(exported["activities"]["wordcloud"]["words"])
    copy = imports.import_workshop(facilitator.id, exported)
    ((index, found),) = cloud.clouds_of(copy)
    assert index == 0
    assert [(w["text"], w["count"], w["hidden"]) for w in found["words"]] == [
        ("kiire", 2, False),
        ("jono", 1, False),
        ("tyhmä", 1, True),
    ]
