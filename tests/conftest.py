"""Shared fixtures: an app on a real database (SQLite file, or DATABASE_URL), clients, actors.

With DATABASE_URL set (CI's PostgreSQL pass) every test runs against that server
and the tables are emptied after each test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from tests import migrated
from workshop import create_app, throttle
from workshop.extensions import db, socketio
from workshop.facilitators import services as facilitators
from workshop.participants import services as participants
from workshop.realtime import Audience
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer

PASSWORD = "a long enough password"


def pytest_xdist_make_scheduler(config, log):
    """With pytest-xdist (scripts/test.sh: -n 2), one worker runs every browser test, in
    order, against one live server and one chromium, while the other runs the rest (a
    browser test mostly waits on a page). xdist's own loadgroup marks do not group under
    pytest 9, so the grouping is said here: each test its own scope, tests/browser/ one."""
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "browser" if nodeid.startswith("tests/browser/") else nodeid

    return BrowserTestsTogether(config, log)


def _database_url(tmp_path) -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'test.db'}"


UNLIMITED_SOCKETS = {
    "SOCKET_EVENT_BURST": 1e9,
    "SOCKET_REFUSALS_BEFORE_DISCONNECT": 1e9,
    "SOCKET_SNAPSHOTS_PER_SECOND": 0,
    "LIMIT_SOCKET_CONNECTS_PER_CREDENTIAL": "100000 per minute",
}


def make_app(tmp_path, **overrides) -> Flask:
    """Create an app on a migrated database (the real migrations, not create_all)."""
    from workshop.config import database_url

    if not os.environ.get("DATABASE_URL") and "SQLALCHEMY_DATABASE_URI" not in overrides:
        migrated.copy_into(tmp_path)  # upgrade() below then finds nothing to do
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        # Hundreds of accounts are made and signed in to; scrypt would take 0.1 s each.
        # tests/facilitators/test_services.py checks the real default.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SQLALCHEMY_DATABASE_URI": database_url(_database_url(tmp_path), str(tmp_path)),
        "SOCKETIO_ASYNC_MODE": "threading",
        "WTF_CSRF_ENABLED": False,
        # The heartbeat's own events would land among what the socket tests count; the
        # real-process tests (tests/test_scale_out_recovery.py) run it.
        "HEARTBEAT_SECONDS": 0,
        # The socket tests send what no phone would (hundreds of invalid events, a connect
        # per case): the event limits are tested in tests/test_socket_rates.py, and the
        # browser tests run with the real ones (a real page never meets them).
        **UNLIMITED_SOCKETS,
        **overrides,
    }
    app = create_app(config)
    with app.app_context():
        upgrade()
    return app


def _empty_tables(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    """Each test starts with no counted failures (each app counts anew in memory; an app
    that lives across tests, a browser test's server, is emptied here)."""
    yield
    throttle.reset()


@pytest.fixture
def app(tmp_path) -> Iterator[Flask]:
    app = make_app(tmp_path)
    yield app
    _empty_tables(app)


@pytest.fixture
def hand_ticked(app, monkeypatch):
    """Make the app's ticker tick only when the test flushes it, with every earlier send
    out of the way; return the ticker.

    Its background loop ends (a room's setting-up started it: joins mark the room's
    count), and an earlier test's app has sent its settle: the Socket.IO server is one for
    all apps, and workshop ids repeat in a fresh database, so from here on every send a
    test client hears is this test's own.
    """
    import time

    from workshop import realtime

    ticker = app.extensions["toimija_ticker"]
    start = realtime.socketio.start_background_task

    def start_all_but_the_ticker(target, *args, **kwargs):
        # The vote writer and the webhook sender still start: only the tick is by hand.
        if getattr(target, "__self__", None) is not ticker:
            return start(target, *args, **kwargs)

    monkeypatch.setattr(realtime.socketio, "start_background_task", start_all_but_the_ticker)
    deadline = time.monotonic() + 15
    while ticker._running and time.monotonic() < deadline:
        ticker.flush()
        time.sleep(0.1)
    assert not ticker._running
    time.sleep(app.config["TALLY_SETTLE_SECONDS"] + 0.3)
    return ticker


@pytest.fixture
def make_configured_app(tmp_path):
    """Make an app with other settings (limits, proxies); its tables are emptied after."""
    made: list[Flask] = []

    def make(**overrides) -> Flask:
        made.append(make_app(tmp_path, **overrides))
        return made[-1]

    yield make
    for app in made:
        _empty_tables(app)


@pytest.fixture
def csrf_app(tmp_path) -> Iterator[Flask]:
    """An app with CSRF protection on, as in production."""
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    yield app
    _empty_tables(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def ctx(app: Flask) -> Iterator[None]:
    """An app context, for calling services directly."""
    with app.app_context():
        yield


@dataclass
class Facilitator:
    id: int
    email: str
    token: str


@pytest.fixture
def make_facilitator(app: Flask):
    """Create facilitator accounts; each comes with an API token."""
    count = 0

    def make(email: str | None = None) -> Facilitator:
        nonlocal count
        count += 1
        email = email or f"facilitator{count}@example.fi"
        with app.app_context():
            person = facilitators.create_facilitator(email, PASSWORD)
            _token, raw = facilitators.mint_api_token(person.id, "tests")
            return Facilitator(person.id, person.email, raw)

    return make


@pytest.fixture
def facilitator(make_facilitator) -> Facilitator:
    return make_facilitator("owner@example.fi")


@dataclass
class WorkshopRef:
    id: int
    code: str
    projector_key: str
    owner: Facilitator


@pytest.fixture
def make_workshop(app: Flask, facilitator: Facilitator):
    """Create workshops through the service."""

    def make(title: str = "Palvelun arvot", language: str = "fi", owner=None) -> WorkshopRef:
        owner = owner or facilitator
        with app.app_context():
            w = workshops.create_workshop(owner.id, title, language)
            return WorkshopRef(w.id, w.code, w.projector_key, owner)

    return make


@pytest.fixture
def workshop(make_workshop) -> WorkshopRef:
    return make_workshop()


@pytest.fixture
def join(app: Flask):
    """Join a workshop through the service; return (participant_id, token)."""

    def do(code: str, name: str | None = None) -> tuple[int, str]:
        with app.app_context():
            participant, token = participants.join(code, name)
            return participant.id, token

    return do


@dataclass
class Room:
    workshop_id: int
    code: str
    projector_key: str
    owner_id: int
    owner_token: str
    liisa: tuple[int, str]  # participant id, token
    ville: tuple[int, str]

    def as_participant(self, who: tuple[int, str]) -> Viewer:
        return Viewer(self.workshop_id, Audience.PARTICIPANTS, participant_id=who[0])

    @property
    def facilitator(self) -> Viewer:
        return Viewer(self.workshop_id, Audience.FACILITATORS, facilitator_id=self.owner_id)


@pytest.fixture
def room(app, workshop, join) -> Room:
    liisa, ville = join(workshop.code, "Liisa"), join(workshop.code, "Ville")
    with app.app_context():
        workshops.change_phase(workshop.owner.id, workshop.id, "stories")
    return Room(
        workshop.id,
        workshop.code,
        workshop.projector_key,
        workshop.owner.id,
        workshop.owner.token,
        liisa,
        ville,
    )


def story(**overrides) -> dict:
    """A valid story body, the Tuscan cashier's."""
    return {
        "title": "Kanta-asiakaskortti Toscanassa",
        "happened": "Kassa lainasi *toisen asiakkaan* korttia, jotta sain alennuksen.",
        "staff_did": "Kysyi jonossa seuraavalta, saako kortin lainata.",
        "could_do": "Sain saman edun kuin paikalliset.",
        "agency": 5,
        "channel": "in_person",
        "place": "Siena",
        **overrides,
    }


def login(client: FlaskClient, email: str, password: str = PASSWORD):
    """Sign a test client in through the real login form."""
    return client.post("/login", data={"email": email, "password": password})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def socket_client(
    app: Flask, auth: dict, flask_client: FlaskClient | None = None, *, counts=False, **kwargs
):
    """A Socket.IO test client that authenticates with ``auth`` at connect.

    The room's count (``participant_count``) comes on the tick after any join, and once
    more a second later; an earlier test's may come too (the Socket.IO server is one for
    all apps, and workshop ids repeat). A test hears it only when it asks (``counts``)."""
    client = socketio.test_client(app, auth=auth, flask_test_client=flask_client, **kwargs)
    if not counts:
        received = client.get_received

        def get_received(namespace=None):
            return [m for m in received(namespace) if m["name"] != "participant_count"]

        client.get_received = get_received
    return client


def run_together(target, arguments: list[tuple]) -> list[Exception]:
    """Run ``target`` once per argument tuple, all threads at once; return what they raised."""
    import threading

    errors: list[Exception] = []

    def guarded(*args):
        try:
            target(*args)
        except Exception as error:  # reported to the test
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=args) for args in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def walk_to(client: FlaskClient, code: str, token: str, phase: str) -> dict:
    """Move a workshop forward through its plan, step by step, until it runs ``phase``
    (the built-in plan may open with a warm-up before the stories); return the state."""
    headers = bearer(token)
    for _step in range(20):
        state = client.get(f"/api/v1/workshops/{code}/state", headers=headers).json
        if state["workshop"]["phase"] == phase:
            return state
        here = state["plan"]["step_index"]
        following = 0 if here is None else here + 1
        step = state["plan"]["steps"][following]
        moved = client.put(
            f"/api/v1/workshops/{code}/phase",
            json={"phase": step["activity"], "step": following},
            headers=headers,
        )
        assert moved.status_code == 200, moved.json
    raise AssertionError(f"the plan never reaches {phase}")


def walk(owner_id: int, workshop_id: int, phase: str) -> None:
    """Move a workshop to ``phase`` through the services: at once where that is one move
    (a step forward or back, or closing), else step by step through its plan (the
    built-in plan opens with a warm-up before the stories). Call in an app context."""
    for _step in range(20):
        workshop = db.session.get(Workshop, workshop_id)
        if workshop is None:
            raise AssertionError("no such workshop")
        db.session.refresh(workshop)
        if workshop.phase == phase:
            return
        if workshop.can_move_to(phase):
            workshops.change_phase(owner_id, workshop_id, phase)
            return
        following = 0 if workshop.step_index is None else workshop.step_index + 1
        workshops.change_phase(
            owner_id, workshop_id, workshop.steps[following]["activity"], following
        )
    raise AssertionError(f"the plan never reaches {phase}")
