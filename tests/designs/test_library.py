"""The template library and a workshop's plan, edited through the API: edit, share, copy,
and a plan changed before and during the workshop."""

from __future__ import annotations

from tests.conftest import bearer, socket_client
from workshop.designs import services as designs


def _template(app, owner) -> str:
    with app.app_context():
        design = designs.builtin_design("fi")
        design["name"] = "Kevään työpaja"
        return str(designs.save_template(owner.id, design).id)


def test_a_template_is_edited_shared_and_copied(app, client, facilitator, make_facilitator):
    other = make_facilitator("toinen@example.fi")
    template_id = _template(app, facilitator)
    got = client.get(f"/api/v1/templates/{template_id}", headers=bearer(facilitator.token)).json
    design = got["design"]
    design["steps"] = [
        {"activity": "stories", "projector": "Kirjoittakaa ensin"},
        *[step for step in design["steps"] if step["activity"] == "stories"],
        {"activity": "voting"},
    ]
    saved = client.put(
        f"/api/v1/templates/{template_id}",
        json={"design": design},
        headers=bearer(facilitator.token),
    )
    assert saved.status_code == 200, saved.json
    steps = saved.json["design"]["steps"]
    assert [s["activity"] for s in steps] == ["stories", "stories", "voting"]
    assert steps[0]["projector"] == "Kirjoittakaa ensin"

    # Not shared yet: the other facilitator does not see it, nor may read it.
    listed = client.get("/api/v1/templates", headers=bearer(other.token)).json["templates"]
    assert template_id not in [t["id"] for t in listed]
    assert (
        client.get(f"/api/v1/templates/{template_id}", headers=bearer(other.token)).status_code
        == 404
    )

    client.put(
        f"/api/v1/templates/{template_id}/sharing",
        json={"shared": True},
        headers=bearer(facilitator.token),
    )
    listed = client.get("/api/v1/templates", headers=bearer(other.token)).json["templates"]
    (shared,) = [t for t in listed if t["id"] == template_id]
    assert shared["owner"] == facilitator.email and shared["is_shared"] is True
    # They may start from it and copy it, not change it.
    refused = client.put(
        f"/api/v1/templates/{template_id}", json={"design": design}, headers=bearer(other.token)
    )
    assert refused.status_code == 403
    started = client.post(
        "/api/v1/workshops",
        json={"title": "Toisen työpaja", "language": "fi", "template": template_id},
        headers=bearer(other.token),
    )
    assert started.status_code == 201, started.json
    copy = client.post(f"/api/v1/templates/{template_id}/copy", headers=bearer(other.token))
    assert copy.status_code == 201 and copy.json["name"] == "Kopio: Kevään työpaja"
    assert copy.json["owner"] == other.email


def test_a_bad_step_is_refused_naming_it(app, client, facilitator):
    template_id = _template(app, facilitator)
    design = client.get(f"/api/v1/templates/{template_id}", headers=bearer(facilitator.token)).json[
        "design"
    ]
    design["steps"].append({"activity": "stories", "minutes": 999})
    refused = client.put(
        f"/api/v1/templates/{template_id}",
        json={"design": design},
        headers=bearer(facilitator.token),
    )
    assert refused.status_code == 422
    assert f"steps.{len(design['steps']) - 1}.minutes" in refused.json["error"]["fields"]


def test_the_plan_changes_during_the_workshop_but_what_ran_stays(app, client, workshop):
    owner = bearer(workshop.owner.token)
    url = f"/api/v1/workshops/{workshop.code}/plan"
    plan = client.get(url, headers=owner).json
    assert [s["activity"] for s in plan["steps"]] == ["stories", "practices", "voting", "results"]
    # In the lobby anything goes: two rounds of stories, voting straight after them.
    steps = [{"activity": "stories", "projector": "Ensimmäinen kierros"}, plan["steps"][0]]
    changed = client.put(url, json={"steps": [*steps, {"activity": "voting"}]}, headers=owner)
    assert changed.status_code == 200, changed.json
    phase = f"/api/v1/workshops/{workshop.code}/phase"
    client.put(phase, json={"phase": "stories"}, headers=owner)
    client.put(phase, json={"phase": "stories", "step": 1}, headers=owner)
    projector = socket_client(app, {"role": "projector", "key": workshop.projector_key})
    projector.get_received()
    # Now both rounds have run: they stay in place; after them anything goes.
    moved = client.put(url, json={"steps": [steps[0], {"activity": "voting"}]}, headers=owner)
    assert moved.status_code == 422 and "steps" in moved.json["error"]["fields"]
    edited = [steps[0], {**steps[1], "projector": "Kirjoittakaa nyt"}]
    kept = client.put(
        url,
        json={"steps": [*edited, {"activity": "practices"}, {"activity": "voting"}]},
        headers=owner,
    )
    assert kept.status_code == 200, kept.json
    (event,) = [m for m in projector.get_received() if m["name"] == "plan_changed"]
    body = event["args"][0]
    assert [s["activity"] for s in body["plan"]["steps"]] == [
        "stories",
        "stories",
        "practices",
        "voting",
    ]
    assert body["plan"]["phases"]["stories"]["projector"] == "Kirjoittakaa nyt"
    assert body["next_phases"] == ["stories", "practices", "closed"]
