"""Socket.IO with several test clients: auth at connect, rooms isolated, seq, snapshots."""

import time

import pytest

from tests.conftest import login, socket_client
from workshop.workshops import services


def _events(client, name=None):
    received = client.get_received()
    return [m for m in received if name is None or m["name"] == name]


def _snapshot(client):
    snapshots = _events(client, "snapshot")
    assert len(snapshots) == 1, snapshots
    return snapshots[0]["args"][0]


def test_projector_connects_with_its_key_and_gets_a_snapshot(app, workshop):
    projector = socket_client(app, {"role": "projector", "key": workshop.projector_key})
    assert projector.is_connected()
    state = _snapshot(projector)
    assert state["workshop"]["code"] == workshop.code and state["seq"] == 0


@pytest.mark.parametrize(
    "auth",
    [
        None,
        {},
        "projector",
        {"role": "projector", "key": "prj_wrong"},
        {"role": "projector"},
        {"role": "participant", "code": "ZZZZZZ"},
        {"role": "facilitator", "workshop_id": 1},
        {"role": "facilitator", "workshop_id": "1", "token": "tmj_wrong"},
        {"role": "admin"},
    ],
)
def test_bad_credentials_are_refused_at_connect(app, workshop, auth):
    client = socket_client(app, auth)
    assert not client.is_connected()


def test_participant_connects_with_cookie_or_token(app, workshop):
    browser = app.test_client()
    browser.post("/join", data={"code": workshop.code, "display_name": "Liisa"})
    by_cookie = socket_client(app, {"role": "participant", "code": workshop.code.lower()}, browser)
    assert by_cookie.is_connected()
    assert _snapshot(by_cookie)["me"]["display_name"] == "Liisa"

    token = (
        app.test_client()
        .post(f"/api/v1/workshops/{workshop.code}/participants", json={})
        .json["token"]
    )
    by_token = socket_client(app, {"role": "participant", "code": workshop.code, "token": token})
    assert by_token.is_connected()
    assert _snapshot(by_token)["me"]["display_name"] is None

    nobody = socket_client(app, {"role": "participant", "code": workshop.code})
    assert not nobody.is_connected()


def test_facilitator_connects_with_session_or_api_token_but_only_to_own(
    app, workshop, make_facilitator
):
    browser = app.test_client()
    login(browser, workshop.owner.email)
    by_session = socket_client(app, {"role": "facilitator", "workshop_id": workshop.id}, browser)
    assert by_session.is_connected()
    assert _snapshot(by_session)["participants"] == []

    by_token = socket_client(
        app, {"role": "facilitator", "workshop_id": workshop.id, "token": workshop.owner.token}
    )
    assert by_token.is_connected()

    stranger = make_facilitator()
    intruder = socket_client(
        app, {"role": "facilitator", "workshop_id": workshop.id, "token": stranger.token}
    )
    assert not intruder.is_connected()


def test_rooms_are_isolated_and_audiences_see_what_they_may(app, make_workshop, join, hand_ticked):
    a, b = make_workshop("A"), make_workshop("B")
    projector_a = socket_client(app, {"role": "projector", "key": a.projector_key}, counts=True)
    projector_b = socket_client(app, {"role": "projector", "key": b.projector_key}, counts=True)
    facilitator_a = socket_client(
        app, {"role": "facilitator", "workshop_id": a.id, "token": a.owner.token}, counts=True
    )
    _, token = join(a.code, "Eka")
    phone_a = socket_client(
        app, {"role": "participant", "code": a.code, "token": token}, counts=True
    )
    for client in (projector_a, projector_b, facilitator_a, phone_a):
        client.get_received()

    join(a.code, "Toka")
    join(a.code, "Kolmas")
    hand_ticked.flush()  # the tick
    # Who joined reaches the facilitators at once, outside the seq; the count reaches every
    # screen on the tick, whole (phones are sent no event per arrival).
    heard = {client: _events(client) for client in (projector_a, phone_a, facilitator_a)}
    joined = [m["args"][0] for m in heard[facilitator_a] if m["name"] == "participant_joined"]
    assert [j["participant"]["display_name"] for j in joined] == ["Toka", "Kolmas"]
    for client, messages in heard.items():
        assert all("seq" not in m["args"][0] for m in messages)
        counts = [m["args"][0] for m in messages if m["name"] == "participant_count"]
        assert counts[-1] == {"participant_count": 3}
        if client is not facilitator_a:
            assert {m["name"] for m in messages} == {"participant_count"}
    assert _events(projector_b) == []


def test_phones_hear_the_room_count_at_most_twice_a_second_and_the_last_word(
    app, workshop, join, hand_ticked
):
    from workshop.participants.services import PHONE_COUNT_SECONDS

    _, token = join(workshop.code)
    projector = socket_client(
        app, {"role": "projector", "key": workshop.projector_key}, counts=True
    )
    phone = socket_client(
        app, {"role": "participant", "code": workshop.code, "token": token}, counts=True
    )
    hand_ticked.flush()
    time.sleep(PHONE_COUNT_SECONDS)  # what that tick sent the phones is long enough ago
    for client in (projector, phone):
        client.get_received()

    def counts(client) -> list[int]:
        return [m["args"][0]["participant_count"] for m in _events(client, "participant_count")]

    join(workshop.code)
    hand_ticked.flush()
    assert counts(projector) == counts(phone) == [2]
    join(workshop.code)
    hand_ticked.flush()  # the next tick: the projector hears it, the phones wait
    assert counts(projector) == [3] and counts(phone) == []
    time.sleep(hand_ticked.settle + 0.05)
    assert hand_ticked.settle - hand_ticked.interval > PHONE_COUNT_SECONDS
    hand_ticked.flush()  # the settle: the last word reaches the phones too
    assert counts(projector) == counts(phone) == [3]


def test_every_change_reaches_every_audience_with_the_next_seq(app, workshop, join):
    projector = socket_client(app, {"role": "projector", "key": workshop.projector_key})
    start = _snapshot(projector)["seq"]
    with app.app_context():
        services.change_phase(workshop.owner.id, workshop.id, "stories")
        services.change_settings(workshop.owner.id, workshop.id, {"private_writing": False})
        services.change_phase(workshop.owner.id, workshop.id, "closed")
    seqs = [m["args"][0]["seq"] for m in _events(projector) if "seq" in m["args"][0]]
    assert seqs == [start + 1, start + 2, start + 3]


def test_reconnect_and_request_snapshot_give_the_current_state(app, workshop, join):
    projector = socket_client(app, {"role": "projector", "key": workshop.projector_key})
    _snapshot(projector)
    projector.disconnect()
    join(workshop.code)  # missed while away
    projector.connect(auth={"role": "projector", "key": workshop.projector_key})
    assert _snapshot(projector)["workshop"]["participant_count"] == 1
    projector.emit("request_snapshot")
    assert _snapshot(projector)["seq"] == 0  # a join moves no seq: the count is on the tick


def test_facilitator_changes_phase_over_the_socket(app, workshop, join):
    _, token = join(workshop.code)
    phone = socket_client(app, {"role": "participant", "code": workshop.code, "token": token})
    facilitator = socket_client(
        app, {"role": "facilitator", "workshop_id": workshop.id, "token": workshop.owner.token}
    )
    phone.get_received()
    refused = phone.emit("change_phase", {"phase": "closed"}, callback=True)
    assert refused["ok"] is False and refused["error"]["code"] == "unauthorized"
    bad = facilitator.emit("change_phase", {"phase": "voting"}, callback=True)
    assert bad["error"]["code"] == "phase_transition_not_allowed"
    # Already there (another facilitator moved first): acknowledged, nobody told again.
    same = facilitator.emit("change_phase", {"phase": "lobby"}, callback=True)
    assert same == {"ok": True, "phase": "lobby", "step_index": None, "seq": 0}
    assert _events(phone) == []
    ack = facilitator.emit("change_phase", {"phase": "closed"}, callback=True)
    assert ack == {"ok": True, "phase": "closed", "step_index": None, "seq": 1}
    (event,) = _events(phone, "phase_changed")
    body = event["args"][0]
    assert {k: body[k] for k in ("phase", "is_open", "next_phases", "seq")} == {
        "phase": "closed",
        "is_open": False,
        "next_phases": [],
        "seq": 1,
    }


def test_foreign_origin_is_refused_at_the_handshake(client):
    handshake = "/socket.io/?EIO=4&transport=polling"
    assert client.get(handshake, headers={"Origin": "http://localhost"}).status_code == 200
    assert client.get(handshake, headers={"Origin": "http://evil.example"}).status_code == 400


def test_configured_origins_are_the_only_foreign_ones_allowed(tmp_path):
    from tests.conftest import make_app

    app = make_app(tmp_path, CORS_ALLOWED_ORIGINS=["https://toimija.example"])
    client = app.test_client()
    handshake = "/socket.io/?EIO=4&transport=polling"
    assert client.get(handshake, headers={"Origin": "https://toimija.example"}).status_code == 200
    assert client.get(handshake, headers={"Origin": "http://evil.example"}).status_code == 400


def test_a_phone_reconnecting_after_the_close_sees_the_end(app, workshop, join):
    _, token = join(workshop.code)
    with app.app_context():
        services.change_phase(workshop.owner.id, workshop.id, "closed")
    phone = socket_client(app, {"role": "participant", "code": workshop.code, "token": token})
    assert phone.is_connected()
    assert _snapshot(phone)["workshop"]["phase"] == "closed"


def test_an_event_from_a_credential_closed_meanwhile_is_refused_without_a_query(
    app, workshop, join
):
    import time

    from workshop import realtime

    participant_id, token = join(workshop.code)
    phone = socket_client(app, {"role": "participant", "code": workshop.code, "token": token})
    phone.get_received()
    # The message queue's notice that another process removed them landed here (the
    # notice closes the sockets too; this is the event already on its way).
    realtime._closed_at[realtime.participant_room(participant_id)] = time.monotonic()
    ack = phone.emit("cast_vote", {"key": "k-1", "practice_id": 1}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "unauthorized", ack
    assert not phone.is_connected()
    # A later connect (not removed in the database) is a new credential check: it is let in.
    phone.connect(auth={"role": "participant", "code": workshop.code, "token": token})
    assert phone.is_connected()
