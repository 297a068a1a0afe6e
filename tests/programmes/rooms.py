"""Workshops with people, stories and practices for the programme tests, made through the
services as a room would make them (call inside an app context)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.conftest import story, walk
from workshop.participants import services as participants
from workshop.practices import commitments
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import lenses as lens_service
from workshop.stories import services as stories
from workshop.stories.models import Lens
from workshop.workshops import services as workshops
from workshop.workshops.services import Viewer


@dataclass
class Made:
    id: int
    code: str
    people: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    story_ids: list[int] = field(default_factory=list)
    practice_ids: list[int] = field(default_factory=list)


def make_room(
    owner_id: int,
    title: str,
    *,
    people: int,
    stories_each: list[tuple[str, int]],
    practice_titles: list[str] = (),  # type: ignore[assignment]
    commitments_first: int = 0,
    anonymous: bool = False,
    lens: str | None = None,
    language: str = "fi",
) -> Made:
    """A workshop with ``people`` named participants; each writes the stories of
    ``stories_each`` ((channel, agency) pairs); the facilitator proposes the practices and
    makes the first ``commitments_first`` of them commitments (with an owner)."""
    shop = workshops.create_workshop(owner_id, title, language)
    if anonymous:
        workshops.change_settings(owner_id, shop.id, {"is_anonymous": True})
    made = Made(shop.id, shop.code)
    for n in range(people):
        name = f"{title[:10]} Henkilö {n + 1}"
        made.people.append(participants.join(shop.code, name)[0].id)
        made.names.append(name)
    walk(owner_id, shop.id, "stories")
    tag = None
    if lens is not None:
        tag = lens_service.add_lens(owner_id, shop.id, lens).id
    for n, person in enumerate(made.people):
        for k, (channel, agency) in enumerate(stories_each):
            body = story(title=f"Tarina {n}-{k}", channel=channel, agency=agency)
            posted = stories.post_story(person, body, f"s{n}-{k}")[0]
            made.story_ids.append(posted.id)
            if tag is not None:
                lens_service.tag(owner_id, posted.id, tag, on=True)
    if practice_titles:
        walk(owner_id, shop.id, "practices")
        me = Viewer(shop.id, Audience.FACILITATORS, facilitator_id=owner_id)
        for k, practice_title in enumerate(practice_titles):
            posted = practices.post_practice(me, {"title": practice_title}, f"p{k}")[0]
            made.practice_ids.append(posted.id)
        for practice_id in made.practice_ids[:commitments_first]:
            commitments.set_commitment(owner_id, practice_id, {"owner": made.names[0]})
    return made


def lens_named(workshop_id: int, name: str) -> Lens:
    """Return a workshop's lens by its name."""
    return next(lens for lens in lens_service.lenses_of(workshop_id) if lens.name == name)
