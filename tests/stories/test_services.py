"""Stories at the service layer: validation, idempotency, phases, visibility, moderation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import story
from workshop.errors import Forbidden, ValidationFailed
from workshop.extensions import db
from workshop.stories import services
from workshop.stories.models import Story
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Story))


def test_a_story_is_stored_cleaned_and_rendered_once(ctx, room):
    posted, created = services.post_story(
        room.liisa[0], story(title=" Kortti\u202e ", place="Sie\x00na"), "k1"
    )
    assert created
    assert posted.title == "Kortti" and posted.place == "Siena"
    assert posted.happened_html == (
        "<p>Kassa lainasi <em>toisen asiakkaan</em> korttia, jotta sain alennuksen.</p>"
    )
    assert posted.agency == 5 and posted.channel.value == "in_person"
    assert (
        db.session.get(Workshop, room.workshop_id).seq == 2
    )  # the phase, the post (joins move no seq)


def test_a_replayed_key_returns_the_first_story_and_changes_nothing(ctx, room):
    first, created = services.post_story(room.liisa[0], story(), "same-key")
    seq = db.session.get(Workshop, room.workshop_id).seq
    again, created_again = services.post_story(
        room.liisa[0], story(title="Eri otsikko"), "same-key"
    )
    assert created and not created_again
    assert again.id == first.id and again.title == first.title
    assert _count() == 1
    assert db.session.get(Workshop, room.workshop_id).seq == seq
    other, created_other = services.post_story(room.ville[0], story(), "same-key")
    assert created_other and other.id != first.id  # keys are per participant


@pytest.mark.parametrize(
    "overrides, fields",
    [
        ({"title": ""}, {"title"}),
        ({"title": "x" * 121}, {"title"}),
        ({"happened": "   "}, {"happened"}),
        ({"happened": "x" * 2001}, {"happened"}),
        ({"staff_did": "x" * 2001, "could_do": "y" * 2001}, {"staff_did", "could_do"}),
        ({"agency": 0}, {"agency"}),
        ({"agency": 6}, {"agency"}),
        ({"agency": True}, {"agency"}),
        ({"agency": "viisi"}, {"agency"}),
        ({"channel": "carrier pigeon"}, {"channel"}),
        ({"place": "x" * 81}, {"place"}),
        ({"title": 5, "happened": ["a"]}, {"title", "happened"}),
        ({"happened": "x" * 100_000}, {"happened"}),
    ],
)
def test_bad_fields_are_all_named_and_nothing_is_stored(ctx, room, overrides, fields):
    with pytest.raises(ValidationFailed) as caught:
        services.post_story(room.liisa[0], story(**overrides), "k")
    assert set(caught.value.fields) == fields
    assert _count() == 0


def test_limits_are_counted_in_characters_after_cleaning(ctx, room):
    emoji_family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one grapheme, five characters
    at_limit = story(title="ä" * 120, happened="ö" * 2000, place=emoji_family * 16)
    posted, _ = services.post_story(room.liisa[0], at_limit, "limit")
    assert len(posted.title) == 120 and len(posted.happened) == 2000
    with_controls = story(title="a" * 120 + "\u202e\u2066\x00")  # stripped, so still 120
    assert services.post_story(room.liisa[0], with_controls, "controls")[0].title == "a" * 120


def test_stories_only_in_the_stories_phase(ctx, room):
    workshops.change_phase(room.owner_id, room.workshop_id, "lobby")
    with pytest.raises(services.StoriesClosed):
        services.post_story(room.liisa[0], story(), "k")
    assert _count() == 0


def test_private_writing_shows_only_own_stories_until_reveal(ctx, room):
    services.post_story(room.liisa[0], story(title="Liisan"), "a")
    services.post_story(room.ville[0], story(title="Villen"), "b")
    workshop = db.session.get(Workshop, room.workshop_id)

    def titles(viewer):
        return [s.title for s in services.visible_stories(workshop, viewer)]

    assert titles(room.as_participant(room.liisa)) == ["Liisan"]
    assert titles(room.as_participant(room.ville)) == ["Villen"]
    assert titles(None) == []  # the projector
    assert titles(room.facilitator) == ["Liisan", "Villen"]
    services.reveal(room.owner_id, room.workshop_id)
    assert titles(room.as_participant(room.liisa)) == ["Liisan", "Villen"]
    assert titles(None) == ["Liisan", "Villen"]


def test_hidden_stories_leave_phones_and_projector_but_not_facilitators(ctx, room):
    mine, _ = services.post_story(room.liisa[0], story(), "a")
    services.reveal(room.owner_id, room.workshop_id)
    services.set_hidden(room.owner_id, mine.id, hidden=True)
    workshop = db.session.get(Workshop, room.workshop_id)
    assert services.visible_stories(workshop, None) == []
    assert services.visible_stories(workshop, room.as_participant(room.ville)) == []
    (seen,) = services.visible_stories(workshop, room.facilitator)
    assert services.story_json(seen, workshop, for_facilitators=True)["is_hidden"] is True
    assert services.story_stats(room.workshop_id) == {"story_count": 0, "author_count": 0}
    services.set_hidden(room.owner_id, mine.id, hidden=False)
    assert len(services.visible_stories(workshop, None)) == 1


def test_only_the_author_edits_and_deletes_while_writing_is_open(ctx, room):
    mine, _ = services.post_story(room.liisa[0], story(), "a")
    with pytest.raises(Forbidden):
        services.edit_story(room.as_participant(room.ville), mine.id, {"title": "Minun nyt"})
    with pytest.raises(Forbidden):
        services.delete_story(room.as_participant(room.ville), mine.id)
    edited = services.edit_story(room.as_participant(room.liisa), mine.id, {"happened": "**Uusi**"})
    assert edited.happened_html == "<p><strong>Uusi</strong></p>" and edited.title == mine.title
    with pytest.raises(ValidationFailed):
        services.edit_story(room.as_participant(room.liisa), mine.id, {"title": ""})
    workshops.change_phase(room.owner_id, room.workshop_id, "lobby")
    with pytest.raises(services.StoriesClosed):
        services.delete_story(room.as_participant(room.liisa), mine.id)
    services.edit_story(room.facilitator, mine.id, {"title": "Fasilitaattorin korjaus"})
    services.delete_story(room.facilitator, mine.id)
    assert _count() == 0


def test_anonymous_workshops_send_no_names(ctx, room):
    posted, _ = services.post_story(room.liisa[0], story(), "a")
    workshop = db.session.get(Workshop, room.workshop_id)
    assert services.story_json(posted, workshop)["author"] == "Liisa"
    workshop.is_anonymous = True
    db.session.commit()
    assert services.story_json(posted, workshop)["author"] is None
    assert services.story_json(posted, workshop, for_facilitators=True)["author"] is None


def test_deep_nesting_and_zero_width_text_are_safe(ctx, room):
    nested = "> " * 999 + "syvällä"  # 2,005 characters after cleaning: one over
    with pytest.raises(ValidationFailed):
        services.post_story(room.liisa[0], story(happened=nested), "deep-over")
    nested = ">" * 1990 + " syvällä"  # within the limit
    posted, _ = services.post_story(room.liisa[0], story(happened=nested), "deep")
    assert posted.happened_html.count("<blockquote>") <= 8
    zero_width = "Kassa\u200b\u200c\u200d hymyili \U0001f44d\U0001f3fd"
    kept, _ = services.post_story(room.liisa[0], story(happened=zero_width), "zw")
    assert kept.happened == zero_width  # joiners and skin tones are text, not attacks
