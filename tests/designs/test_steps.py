"""The plan as a list of steps: designs carry steps, files from before still import, and a
workshop moves through its own plan (a step's activity may come twice)."""

from __future__ import annotations

import pytest

from tests.conftest import socket_client
from tests.conftest import story as story_body
from workshop import activities
from workshop.designs import services as designs
from workshop.errors import PhaseTransitionNotAllowed, ValidationFailed
from workshop.extensions import db
from workshop.practices import reading as practice_reading
from workshop.practices import services as practice_services
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer


def _design(steps: list[str]) -> dict:
    design = designs.builtin_design("en")
    design["steps"] = [
        {"activity": key, "projector": f"Step {i}", "phone": "", "minutes": 5}
        for i, key in enumerate(steps)
    ]
    return design


def test_the_builtin_design_is_a_list_of_steps_of_registered_activities(ctx):
    design = designs.builtin_design("fi")
    flow = [step["activity"] for step in design["steps"]]
    # The four of the object-to-subject method, in order (a warm-up may come first).
    assert [key for key in flow if key in ("stories", "practices", "voting", "results")] == [
        "stories",
        "practices",
        "voting",
        "results",
    ]
    assert flow[-1] == "results"
    assert all(activities.is_known(step["activity"]) for step in design["steps"])
    assert "phases" not in design and design["lobby"]["projector"]


def test_a_design_file_from_before_steps_still_imports(ctx):
    old = designs.builtin_design("en")
    old.pop("steps")
    lobby = old.pop("lobby")
    old["phases"] = {
        "lobby": lobby,
        "stories": {"projector": "Write", "phone": "Write now", "minutes": 12},
        "voting": {"projector": "Vote", "phone": "", "minutes": 7},
    }
    clean = designs.clean_design(old)
    assert [s["activity"] for s in clean["steps"]] == ["stories", "practices", "voting", "results"]
    assert clean["steps"][0] == {
        "activity": "stories",
        "projector": "Write",
        "phone": "Write now",
        "minutes": 12,
    }
    assert clean["steps"][2]["minutes"] == 7 and clean["lobby"] == lobby


@pytest.mark.parametrize(
    "steps, field",
    [([], "steps"), ([{"activity": "karaoke"}], "steps.0.activity"), (["x"], "steps.0.activity")],
)
def test_a_bad_plan_is_refused_naming_the_step(ctx, steps, field):
    design = designs.builtin_design("en")
    design["steps"] = steps
    with pytest.raises(ValidationFailed) as raised:
        designs.clean_design(design)
    assert field in raised.value.fields


def test_a_workshop_runs_its_own_plan_with_two_voting_rounds(app, ctx, facilitator):
    design = designs.clean_design(_design(["stories", "voting", "practices", "voting"]))
    workshop = workshops.create_workshop(facilitator.id, "Kaksi kierrosta", "fi", design=design)
    projector = socket_client(app, {"role": "projector", "key": workshop.projector_key})
    projector.get_received()
    moves = [("stories", None), ("voting", None), ("practices", None), ("voting", 3)]
    for phase, step in moves:
        workshops.change_phase(facilitator.id, workshop.id, phase, step)
    row = db.session.get(Workshop, workshop.id)
    assert (row.phase, row.step_index) == ("voting", 3)
    assert row.next_phases == ["practices", "closed"]
    changed = [m["args"][0] for m in projector.get_received() if m["name"] == "phase_changed"]
    assert [(c["phase"], c["step_index"]) for c in changed] == [
        ("stories", 0),
        ("voting", 1),
        ("practices", 2),
        ("voting", 3),
    ]
    assert changed[-1]["practices"] == []  # what entering voting opens came with the move
    with pytest.raises(PhaseTransitionNotAllowed):
        workshops.change_phase(facilitator.id, workshop.id, "stories")  # two steps back
    with pytest.raises(ValidationFailed):
        workshops.change_phase(facilitator.id, workshop.id, "karaoke")


def test_anonymity_is_a_steps_own_and_decided_at_write(app, ctx, facilitator, join):
    """No names on the stories, names on the practices: each row keeps what its step was."""
    design = _design(["stories", "practices"])
    design["steps"][0]["settings"] = {"anonymous": True}
    clean = designs.clean_design(design)
    assert clean["steps"][1]["settings"] == {"anonymous": False}  # the default, filled in
    workshop = workshops.create_workshop(facilitator.id, "Nimettömät tarinat", "fi", design=clean)
    liisa = join(workshop.code, "Liisa")[0]
    workshops.change_phase(facilitator.id, workshop.id, "stories")
    story, _ = stories.post_story(liisa, story_body(), "s1")
    assert story.is_anonymous
    workshops.change_phase(facilitator.id, workshop.id, "practices")
    me = Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=liisa)
    practice, _ = practice_services.post_practice(me, {"title": "Etu ilman korttia"}, "p1")
    row = db.session.get(Workshop, workshop.id)
    assert not row.writes_anonymously
    assert practice_reading.practice_json(practice, row)["authors"] == ["Liisa"]
    assert stories.story_json(story, row)["author"] is None  # still none: decided at write
    with pytest.raises(ValidationFailed):
        designs.clean_design(
            _design(["stories"]) | {"steps": [{**design["steps"][0], "settings": {"anonymous": 1}}]}
        )
