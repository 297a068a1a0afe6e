"""Voting on the stories, without practices: a voting step with `on_stories` puts the
dots on the story wall. The rules hold as for practices (budget, cap, own story, a
hidden story gives its dots back), the tally and the results rank the stories, and an
export brings the dots back on the same stories."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from tests.conftest import socket_client, story
from tests.practices.test_statements import DOT_STATEMENTS, counted
from workshop.charter import build, exchange, imports, render
from workshop.designs import services as designs
from workshop.errors import ValidationFailed
from workshop.extensions import db
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.voting import results
from workshop.voting.targets import OwnStory, StoryUnavailable
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop

FLOW = ["stories", "voting", "results"]


@pytest.fixture
def story_vote(app, facilitator, join):
    """Three people, three stories (one each), and the room voting on them: budget 2,
    no dots on one's own story."""
    design = designs.builtin_design("fi")
    design["steps"] = [
        {"activity": key, "projector": f"Vaihe {i}", "phone": "", "minutes": 5}
        for i, key in enumerate(FLOW)
    ]
    design["steps"][1]["settings"] = {"on_stories": True}
    with app.app_context():
        workshop = workshops.create_workshop(
            facilitator.id, "Tarinaäänestys", "fi", design=designs.clean_design(design)
        )
        code, workshop_id = workshop.code, workshop.id
    people = [join(code, name) for name in ("Liisa", "Ville", "Aino")]
    with app.app_context():
        workshops.change_phase(facilitator.id, workshop_id, "stories")
        ids = [
            stories.post_story(person[0], story(title=f"Tarina {n}"), f"s{n}")[0].id
            for n, person in enumerate(people)
        ]
        voting.change_voting(facilitator.id, workshop_id, {"budget": 2, "self_votes": False})
        workshops.change_phase(facilitator.id, workshop_id, "voting")
    return {
        "id": workshop_id,
        "code": code,
        "owner": facilitator.id,
        "people": people,
        "stories": ids,
    }


def test_the_dots_go_on_the_stories_under_the_same_rules(app, ctx, story_vote):
    (liisa, _), (ville, _), (aino, _) = story_vote["people"]
    first, second, third = story_vote["stories"]
    workshop = db.session.get(Workshop, story_vote["id"])
    assert voting.voting_json(workshop)["on"] == "stories"
    assert workshop.stories_revealed_at is not None  # voting opened the wall it votes on

    result, created = voting.cast_vote(ville, "k1", story_id=first)
    assert created and result["votes"] == [{"key": "k1", "story_id": first}]
    assert result["remaining"] == 1
    with pytest.raises(OwnStory):
        voting.cast_vote(ville, "k2", story_id=second)  # Ville wrote the second story
    with pytest.raises(ValidationFailed) as refused:
        voting.cast_vote(ville, "k2", practice_id=first)  # a practice id is no story here
    assert set(refused.value.fields) == {"story_id"}
    voting.cast_vote(ville, "k2", story_id=third)
    with pytest.raises(voting.OverBudget):
        voting.cast_vote(ville, "k3", story_id=first)
    voting.cast_vote(aino, "k1", story_id=first)
    voting.cast_vote(liisa, "k1", story_id=third)
    # A replay changes nothing.
    again, created = voting.cast_vote(aino, "k1", story_id=first)
    assert not created and again["remaining"] == 1

    tally = results.tally(workshop)
    assert tally["on"] == "stories"
    assert tally["dots"] == {str(first): 2, str(third): 2}
    assert tally["ranked"] == [first, third, second]  # dots, then the older story
    assert tally["voters"] == 3 and tally["dots_left"] == 6 - 4

    # Hiding a story gives its dots back to their owners.
    stories.set_hidden(story_vote["owner"], third, hidden=True)
    with pytest.raises(StoryUnavailable):
        voting.cast_vote(aino, "k2", story_id=third)
    assert voting.ballot_json(ville)["remaining"] == 1
    tally = results.tally(workshop)
    assert tally["dots"] == {str(first): 2} and tally["ranked"] == [first, second]

    facilitators = results.results_json(
        workshop, workshops.Viewer(workshop.id, workshops.Audience.FACILITATORS)
    )
    assert [(r["story"]["id"], r["dots"]) for r in facilitators["ranking"]] == [
        (first, 2),
        (second, 0),
    ]
    assert facilitators["commitments"] == []


def test_the_results_step_reveals_the_ranked_stories_and_an_export_keeps_them(app, ctx, story_vote):
    (liisa, _), (ville, _), _aino = story_vote["people"]
    first, second, _third = story_vote["stories"]
    voting.cast_vote(liisa, "k1", story_id=second)
    voting.cast_vote(ville, "k1", story_id=first)
    voting.cast_vote(liisa, "k2", story_id=second)
    workshops.change_phase(story_vote["owner"], story_vote["id"], "results")
    workshop = db.session.get(Workshop, story_vote["id"])
    public = results.results_json(workshop, None)
    assert [r["story"]["title"] for r in public["ranking"]][:2] == ["Tarina 1", "Tarina 0"]
    assert [r["dots"] for r in public["ranking"]] == [2, 1, 0]

    # The charter ranks the stories by dots, in its voting section.
    with force_locale("fi"):
        markdown = render.to_markdown(build.charter(workshop))
    assert "Tarinat pisteiden mukaan" in markdown
    assert markdown.index("Tarina 1") < markdown.index("Tarina 0")

    exported = exchange.export_workshop(workshop)
    assert sorted(v.get("story") for v in exported["votes"]) == [0, 1, 1]
    copy = imports.import_workshop(story_vote["owner"], exported)
    ranked = results.results_json(copy, workshops.Viewer(copy.id, workshops.Audience.FACILITATORS))[
        "ranking"
    ]
    assert [(r["story"]["title"], r["dots"]) for r in ranked][:2] == [
        ("Tarina 1", 2),
        ("Tarina 0", 1),
    ]


def test_a_dot_on_a_story_takes_no_more_statements_than_on_a_practice(app, story_vote):
    token = story_vote["people"][1][1]
    phone = socket_client(app, {"role": "participant", "code": story_vote["code"], "token": token})
    phone.get_received()
    first, _second, third = story_vote["stories"]
    phone.emit("cast_vote", {"key": "warm-up", "story_id": first}, callback=True)
    with counted(app) as statements:
        ack = phone.emit("cast_vote", {"key": "dot-1", "story_id": third}, callback=True)
    assert ack["ok"], ack
    print(f"a dot on a story: {len(statements)} statements: {statements}")
    assert len(statements) <= DOT_STATEMENTS, statements
