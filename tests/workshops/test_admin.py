"""Co-facilitators, deletion, retention and the purge command, and what is never kept."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect, select

from tests.conftest import socket_client, story
from workshop.extensions import db
from workshop.realtime import FACILITATORS_CHANGED, TIMER_CHANGED
from workshop.workshops import admin
from workshop.workshops.models import Workshop


def _h(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_the_owner_shares_a_workshop_and_both_run_it_live(app, client, workshop, make_facilitator):
    other = make_facilitator("kaveri@example.fi")
    owner = workshop.owner
    # Before sharing, the other facilitator cannot see it.
    assert (
        client.get(f"/api/v1/workshops/{workshop.code}/state", headers=_h(other.token)).status_code
        == 404
    )
    listened = socket_client(
        app, {"role": "facilitator", "workshop_id": workshop.id, "token": owner.token}
    )
    refused = client.post(
        f"/api/v1/workshops/{workshop.code}/facilitators",
        json={"email": "nobody@example.fi"},
        headers=_h(owner.token),
    )
    assert refused.status_code == 422 and "email" in refused.json["error"]["fields"]
    shared = client.post(
        f"/api/v1/workshops/{workshop.code}/facilitators",
        json={"email": "KAVERI@example.fi"},
        headers=_h(owner.token),
    )
    assert shared.status_code == 200
    assert [c["email"] for c in shared.json["co_facilitators"]] == ["kaveri@example.fi"]
    names = [event["name"] for event in listened.get_received()]
    assert FACILITATORS_CHANGED in names

    # The co-facilitator runs it: the timer, seen live by the owner's connection.
    started = client.put(
        f"/api/v1/workshops/{workshop.code}/timer",
        json={"action": "start", "seconds": 60},
        headers=_h(other.token),
    )
    assert started.status_code == 200
    assert any(e["name"] == TIMER_CHANGED for e in listened.get_received())
    listed = client.get("/api/v1/workshops", headers=_h(other.token)).json["workshops"]
    assert [w["code"] for w in listed] == [workshop.code]
    state = client.get(f"/api/v1/workshops/{workshop.code}/state", headers=_h(other.token)).json
    assert state["team"]["is_owner"] is False
    # Only the owner shares and deletes.
    for method, path, body in (
        ("POST", f"/api/v1/workshops/{workshop.code}/facilitators", {"email": "owner@example.fi"}),
        ("DELETE", f"/api/v1/workshops/{workshop.code}", None),
    ):
        assert (
            client.open(path, method=method, json=body, headers=_h(other.token)).status_code == 403
        )

    theirs = socket_client(
        app, {"role": "facilitator", "workshop_id": workshop.id, "token": other.token}
    )
    assert theirs.is_connected()
    removed = client.delete(
        f"/api/v1/workshops/{workshop.code}/facilitators/{other.id}", headers=_h(owner.token)
    )
    assert removed.json["co_facilitators"] == []
    assert not theirs.is_connected()  # told, and closed at once
    assert (
        client.get(f"/api/v1/workshops/{workshop.code}/state", headers=_h(other.token)).status_code
        == 404
    )
    listened.disconnect()


def test_the_results_link_shows_the_charter_until_revoked(client, workshop):
    made = client.post(f"/api/v1/workshops/{workshop.code}/share", headers=_h(workshop.owner.token))
    assert made.status_code == 201
    path = "/charter/" + made.json["share_url"].rsplit("/charter/", 1)[1]
    page = client.get(path)
    assert page.status_code == 200 and "Palvelun arvot" in page.get_data(as_text=True)
    assert "<script" not in page.get_data(as_text=True)
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")
    again = client.post(
        f"/api/v1/workshops/{workshop.code}/share", headers=_h(workshop.owner.token)
    )
    assert client.get(path).status_code == 404  # a new link replaces the old
    client.delete(f"/api/v1/workshops/{workshop.code}/share", headers=_h(workshop.owner.token))
    assert (
        client.get("/charter/" + again.json["share_url"].rsplit("/charter/", 1)[1]).status_code
        == 404
    )


def test_retention_and_the_purge_command(app, client, make_workshop, runner):
    kept, expired, fresh, open_one = (
        make_workshop(title=t) for t in ("Pidetään", "Vanha", "Uusi", "Auki")
    )
    headers = _h(kept.owner.token)
    assert client.put(
        f"/api/v1/workshops/{kept.code}/retention", json={"days": None}, headers=headers
    ).json == {
        "retention_days": None,
        "deletes_at": None,
    }
    assert (
        client.put(
            f"/api/v1/workshops/{fresh.code}/retention", json={"days": 0}, headers=headers
        ).status_code
        == 422
    )
    long_ago = datetime.now(UTC) - timedelta(days=91)
    with app.app_context():
        for ref in (kept, expired, fresh):
            db.session.get(Workshop, ref.id).closed_at = (
                long_ago if ref is not fresh else datetime.now(UTC)
            )
        db.session.commit()
        assert db.session.get(Workshop, expired.id).retention_days == 90  # the default

    dry = runner.invoke(args=["purge", "--dry-run"])
    assert f"Would delete workshop {expired.id}" in dry.output and "1 expired" in dry.output
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "Deleted 1 expired workshop(s)." in result.output
    with app.app_context():
        left = set(db.session.scalars(select(Workshop.id)))
    assert left == {kept.id, fresh.id, open_one.id}


def test_no_participant_address_is_stored_and_story_text_is_never_logged(app, client, room, caplog):
    with app.app_context():
        inspector = inspect(db.engine)
        columns = {
            column["name"]
            for table in ("participants", "stories", "votes", "ratings", "reactions")
            for column in inspector.get_columns(table)
        }
    assert not {name for name in columns if "ip" in name.split("_") or "address" in name}
    secret = "Salainen tarinan teksti 8f3a"
    caplog.set_level(logging.DEBUG)
    posted = client.post(
        f"/api/v1/workshops/{room.code}/stories",
        json={**story(happened=secret), "key": "log-1"},
        headers=_h(room.liisa[1]),
        environ_base={"REMOTE_ADDR": "203.0.113.7"},
    )
    assert posted.status_code == 201
    refused = client.post(
        f"/api/v1/workshops/{room.code}/stories",
        json={**story(happened=secret), "agency": 9, "key": "log-2"},
        headers=_h(room.liisa[1]),
    )
    assert refused.status_code == 422
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert secret not in logged
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)):
                assert "203.0.113.7" not in repr(tuple(row))


def test_deleting_tells_every_screen(app, client, workshop):
    projector = socket_client(app, {"role": "projector", "key": workshop.projector_key})
    projector.get_received()
    assert (
        client.delete(
            f"/api/v1/workshops/{workshop.code}", headers=_h(workshop.owner.token)
        ).status_code
        == 204
    )
    assert [e["name"] for e in projector.get_received()] == ["workshop_deleted"]
    with app.app_context():
        assert admin.expired_workshops() == []
        assert db.session.get(Workshop, workshop.id) is None
