"""Reactions: one of each kind per person per story, toggled, on others' readable stories;
the other screens hear the counts on the tick, one send however many taps."""

import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import TimeoutError as PoolTimeout

from tests.conftest import bearer, run_together, socket_client, story
from workshop import realtime
from workshop.errors import Busy, NotFound, ValidationFailed
from workshop.extensions import db
from workshop.posting.models import ReactionKind
from workshop.realtime import Audience
from workshop.stories import reactions, services
from workshop.stories.models import Reaction
from workshop.workshops import state
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer


def _liisas_story(room) -> int:
    posted, _ = services.post_story(room.liisa[0], story(), "a")
    return posted.id


def test_react_toggle_and_counts(ctx, room):
    story_id = _liisas_story(room)
    services.reveal(room.owner_id, room.workshop_id)
    result = reactions.set_reaction(room.ville[0], story_id, "heart", on=True)
    assert result["reactions"] == {"heart": 1, "clap": 0, "idea": 0, "wow": 0}
    assert result["mine"] == ["heart"]
    again = reactions.set_reaction(room.ville[0], story_id, "heart", on=True)  # idempotent
    assert again["reactions"]["heart"] == 1
    reactions.set_reaction(room.ville[0], story_id, "idea", on=True)
    off = reactions.set_reaction(room.ville[0], story_id, "heart", on=False)
    assert off["reactions"] == {"heart": 0, "clap": 0, "idea": 1, "wow": 0} and off["mine"] == [
        "idea"
    ]


def test_no_reactions_to_own_unreadable_or_unknown(ctx, room):
    story_id = _liisas_story(room)
    with pytest.raises(NotFound):  # private until the reveal
        reactions.set_reaction(room.ville[0], story_id, "heart", on=True)
    services.reveal(room.owner_id, room.workshop_id)
    with pytest.raises(reactions.OwnStory):
        reactions.set_reaction(room.liisa[0], story_id, "heart", on=True)
    with pytest.raises(ValidationFailed):
        reactions.set_reaction(room.ville[0], story_id, "thumbs-down", on=True)
    assert db.session.scalar(select(func.count()).select_from(Reaction)) == 0


def test_concurrent_taps_leave_one_reaction(app, room):
    with app.app_context():
        story_id = _liisas_story(room)
        services.reveal(room.owner_id, room.workshop_id)

    def tap(on: bool):
        with app.app_context():
            reactions.set_reaction(room.ville[0], story_id, "clap", on=on)

    assert run_together(tap, [(n % 3 != 2,) for n in range(12)]) == []
    with app.app_context():
        rows = db.session.scalar(select(func.count()).select_from(Reaction))
        assert rows in (0, 1)
        reactions.set_reaction(room.ville[0], story_id, "clap", on=True)
        assert db.session.scalar(select(func.count()).select_from(Reaction)) == 1


def test_reactions_over_the_api_reach_every_screen(app, client, room, hand_ticked):
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    with app.app_context():
        story_id = _liisas_story(room)
        services.reveal(room.owner_id, room.workshop_id)
    projector.get_received()
    url = f"/api/v1/stories/{story_id}/reactions/wow"
    response = client.put(url, headers=bearer(room.ville[1]))
    assert response.status_code == 200 and response.json["reactions"]["wow"] == 1
    hand_ticked.flush()  # the other screens hear it on the tick
    received = projector.get_received()
    assert not [m for m in received if "seq" in m["args"][0]]  # outside the seq
    (event,) = [m["args"][0] for m in received if m["name"] == "reaction_counts"]
    assert event == {"stories": {str(story_id): {"heart": 0, "clap": 0, "idea": 0, "wow": 1}}}
    assert client.put(url, headers=bearer(room.liisa[1])).status_code == 403
    assert client.put(url, headers=bearer(room.owner_token)).status_code == 401
    state = client.get(f"/api/v1/workshops/{room.code}/state", headers=bearer(room.ville[1])).json
    assert state["my_reactions"] == {str(story_id): ["wow"]}
    assert state["stories"][0]["reactions"]["wow"] == 1
    assert client.delete(url, headers=bearer(room.ville[1])).json["reactions"]["wow"] == 0


def test_a_burst_of_reactions_is_one_send_per_tick_with_the_final_counts(
    app, room, join, monkeypatch
):
    people = [join(room.code, f"P{n}")[0] for n in range(25)]
    with app.app_context():
        story_id = _liisas_story(room)
        quiet_id = services.post_story(room.ville[0], story(title="Hiljainen"), "v")[0].id
        services.reveal(room.owner_id, room.workshop_id)
        seq = db.session.get(Workshop, room.workshop_id).seq
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    phone = socket_client(app, {"role": "participant", "code": room.code, "token": room.liisa[1]})
    ticker = app.extensions["toimija_ticker"]
    # The test ticks by hand: no background loop, a settle short enough to wait for.
    monkeypatch.setattr(realtime.socketio, "start_background_task", lambda *_a, **_k: None)
    ticker.settle = 0.05
    # A loop the room's setting-up started may still be ticking: let it end (it stops when
    # it has had nothing to send for a while). An earlier test's app may still have its
    # settle to send (the Socket.IO server is one for all apps, and workshop ids repeat in
    # a fresh database): wait it out, so every send from here is this test's own.
    deadline = time.monotonic() + 15
    while ticker._running and time.monotonic() < deadline:
        ticker.flush()
        time.sleep(0.1)
    assert not ticker._running
    time.sleep(app.config["TALLY_SETTLE_SECONDS"] + 0.3)
    for screen in (projector, phone):
        screen.get_received()

    def tap(person: int, kind: str):
        # Fifty at once against a pool of fifteen: on a loaded machine a tap may wait past
        # the pool's bound and be answered busy; a phone sends it again, and so does this.
        for _attempt in range(30):
            try:
                with app.app_context():
                    acked = reactions.set_reaction(person, story_id, kind, on=True)
                break
            except (Busy, PoolTimeout):
                time.sleep(0.1)
        else:
            raise AssertionError("busy for three seconds and more")
        # The tapping phone's own state comes at once, in the ack.
        assert kind in acked["mine"] and acked["reactions"][kind] >= 1

    taps = [(person, kind) for person in people for kind in ("heart", "clap")]
    assert len(taps) == 50
    assert run_together(tap, taps) == []
    assert _counts_sent(projector) == []  # nothing per tap
    ticker.flush()
    final = {"heart": 25, "clap": 25, "idea": 0, "wow": 0}
    for screen in (projector, phone):
        assert _counts_sent(screen) == [{"stories": {str(story_id): final}}]
    time.sleep(0.06)
    ticker.flush()  # the settle: once more, the database's word
    ticker.flush()  # and then nothing
    for screen in (projector, phone):
        assert _counts_sent(screen) == [{"stories": {str(story_id): final}}]
    # A mark that names no item (the resync after a queue outage): every story's counts.
    ticker.mark(room.workshop_id, realtime.REACTION_COUNTS)
    ticker.flush()
    zero = {"heart": 0, "clap": 0, "idea": 0, "wow": 0}
    assert _counts_sent(phone) == [{"stories": {str(story_id): final, str(quiet_id): zero}}]
    with app.app_context():
        assert db.session.get(Workshop, room.workshop_id).seq == seq  # no resync for anyone
        snap = state.snapshot(Viewer(room.workshop_id, Audience.PROJECTOR))
        assert snap["stories"][0]["reactions"] == final


def test_a_snapshot_carries_counts_the_room_state_memo_has_not_seen(app, room):
    with app.app_context():
        story_id = _liisas_story(room)
        services.reveal(room.owner_id, room.workshop_id)
        projector = Viewer(room.workshop_id, Audience.PROJECTOR)
        assert state.snapshot(projector)["stories"][0]["reactions"]["wow"] == 0
        # Another process's tap: committed there, this process's ticker never hears of it.
        services.REACTIONS.set(story_id, room.ville[0], ReactionKind.WOW, on=True)
        db.session.commit()
        time.sleep(state.TALLY_TTL + 0.02)  # the room state is still memoised (same seq)
        assert state.snapshot(projector)["stories"][0]["reactions"]["wow"] == 1


def _counts_sent(client) -> list[dict]:
    return [m["args"][0] for m in client.get_received() if m["name"] == "reaction_counts"]
