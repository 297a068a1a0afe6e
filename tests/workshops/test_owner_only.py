"""What leads to a workshop's deletion is the owner's alone, whoever runs it with them."""

from __future__ import annotations

from tests.conftest import bearer, walk
from workshop.extensions import db
from workshop.workshops import admin
from workshop.workshops.models import Workshop


def test_a_co_facilitator_cannot_shorten_retention_and_get_the_workshop_purged(
    app, client, workshop, make_facilitator
):
    helper = make_facilitator("apuri@example.fi")
    shared = client.post(
        f"/api/v1/workshops/{workshop.code}/facilitators",
        json={"email": helper.email},
        headers=bearer(workshop.owner.token),
    )
    assert shared.status_code == 200
    refused = client.put(
        f"/api/v1/workshops/{workshop.code}/retention",
        json={"days": 1},
        headers={**bearer(helper.token), "Accept-Language": "fi"},
    )
    assert refused.status_code == 403
    assert refused.json["error"]["code"] == "forbidden"
    assert "Vain työpajan omistaja" in refused.json["error"]["message"]
    english = client.put(
        f"/api/v1/workshops/{workshop.code}/retention",
        json={"days": 1},
        headers={**bearer(helper.token), "Accept-Language": "en"},
    )
    assert english.json["error"]["message"] == (
        "Only the workshop's owner can change how long it is kept."
    )
    # The co-facilitator still runs the room, to its end.
    with app.app_context():
        walk(helper.id, workshop.id, "closed")
        assert db.session.get(Workshop, workshop.id).retention_days == 90
        assert admin.expired_workshops() == []
    # The owner still can.
    allowed = client.put(
        f"/api/v1/workshops/{workshop.code}/retention",
        json={"days": 1},
        headers=bearer(workshop.owner.token),
    )
    assert allowed.status_code == 200 and allowed.json["retention_days"] == 1
