"""Property-based: every JSON route and every socket event, fed bodies of the documented
shapes (drawn from the served OpenAPI document's own schemas) and wrong ones (any JSON,
huge numbers, lone surrogates, deep nesting), never answers 5xx, never leaves an ack
unanswered, and stores nothing when it refuses.

Kept small for CI (a few hundred examples in all), derandomized so a run is repeatable;
every draw is independent of the database, so a drifting room cannot make hypothesis
see "inconsistent data generation".
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from sqlalchemy import func, select

from tests.conftest import bearer, socket_client
from tests.practices import conftest as practices
from workshop.extensions import db

practice_room, voting_room = practices.practice_room, practices.voting_room

CHECKED = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
HUGE = [0, -1, 2**31, 2**63, 10**20, -(10**20)]
ODD_TEXT = ["\ud800", "a\udfff b", "²", "٣", "\x00", "\u202e", "x" * 5000, ""]

texts = st.one_of(st.text(max_size=30), st.sampled_from(ODD_TEXT))
integers = st.one_of(st.integers(-3, 12), st.sampled_from(HUGE), st.integers())
any_json = st.recursive(
    st.none() | st.booleans() | integers | st.floats() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


def _likely(known_ids: list[int]) -> dict[str, Any]:
    """Values a real client sends for these fields, so that draws get past the shapes and
    into the rules (the ids are the room's, fixed before the first draw)."""
    ids = st.sampled_from(known_ids) | st.sampled_from(HUGE)  # the room's, or none that fits
    return {
        "practice_id": ids,
        "story_id": ids,
        "into": ids,
        "story_ids": st.lists(ids, max_size=3),
        "key": st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True),
        "agency": st.integers(1, 5) | st.integers(-1, 7),
        "ease": st.integers(1, 5) | st.integers(-1, 7),
        "phase": st.sampled_from(["voting", "results", "practices", "stories", "lobby", "x"]),
        "step": st.integers(-1, 8),
        "position": st.integers(-1, 5),
    }


def _from_schema(
    schema: dict[str, Any], defs: dict[str, Any], likely: dict[str, Any], depth: int = 0
) -> Any:
    """A strategy for a value of a (pydantic-made) JSON schema: mostly right, sometimes
    off by one on its bounds, the way a careless client is."""
    if "$ref" in schema:
        return _from_schema(defs[schema["$ref"].rsplit("/", 1)[1]], defs, likely, depth)
    if "anyOf" in schema:
        return st.one_of([_from_schema(s, defs, likely, depth) for s in schema["anyOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "integer":
        low, high = schema.get("minimum", -5), schema.get("maximum", 10**6)
        return st.integers(max(low - 1, -(10**7)), min(high + 1, 10**7)) | st.sampled_from(HUGE)
    if kind == "string":
        return st.text(max_size=schema.get("maxLength", 40) + 1) | st.sampled_from(ODD_TEXT)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array" and depth < 3:
        items = _from_schema(schema.get("items", {}), defs, likely, depth + 1)
        return st.lists(items, max_size=schema.get("maxItems", 4) + 1)
    if kind == "object" and depth < 3:
        fields = {
            name: st.one_of(
                likely[name], likely[name], _from_schema(inner, defs, likely, depth + 1)
            )
            if name in likely
            else _from_schema(inner, defs, likely, depth + 1)
            for name, inner in schema.get("properties", {}).items()
        }
        required = set(schema.get("required", []))
        every = st.fixed_dictionaries(fields)  # first: what a form sends, whole
        some = st.fixed_dictionaries(
            {k: v for k, v in fields.items() if k in required},
            optional={k: v for k, v in fields.items() if k not in required},
        )
        return st.one_of(every, some)
    return any_json


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _body(schema: dict[str, Any], defs: dict[str, Any], likely: dict[str, Any]):
    documented = _from_schema(schema, defs, likely).map(json.dumps)
    wrong = st.one_of(
        any_json.map(json.dumps),
        st.integers(30, 60_000).map(_deep),
        st.integers(30, 3_000).map(lambda n: '{"title": ' + _deep(n) + "}"),
        st.binary(max_size=20).map(lambda b: b.decode("latin-1")),
    )
    return st.one_of(documented, documented, wrong)


def _counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
        for table in db.metadata.sorted_tables
    }


def _conforms(document: dict[str, Any], method: str, path: str, response) -> None:
    """A 2xx body is what the document says it is (the responses are not generated: this
    is what keeps them true)."""
    operation = document["paths"][path][method.lower()]
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, (method, path, response.status_code)
    schema = documented["content"]["application/json"]["schema"]
    validator = Draft202012Validator(
        {**schema, "components": document["components"]}, format_checker=None
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(response.json)]
    assert not errors, (method, path, errors[:3])


def _json_routes(document) -> list[tuple[str, str, dict[str, Any], str]]:
    """Every route that takes a JSON body: method, path, body schema, and who may call it
    (a phone, or else the facilitator)."""
    routes = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method != "parameters" and "requestBody" in operation:
                schema = operation["requestBody"]["content"]["application/json"]["schema"]
                schemes = {name for need in operation.get("security", []) for name in need}
                caller = "phone" if "participantToken" in schemes else "owner"
                routes.append((method.upper(), path, schema, caller))
    return sorted(routes, key=lambda r: (r[1], r[0]))


def test_every_json_route_answers_4xx_or_2xx_and_refusals_store_nothing(app, client, voting_room):
    document = client.get("/api/v1/openapi.json").json
    defs = document["components"]["schemas"]
    routes = _json_routes(document)
    assert len(routes) >= 25  # every route that takes a body is in the document
    people = {
        "owner": bearer(voting_room.owner_token),
        "phone": bearer(voting_room.liisa[1]),
        "nobody": {},
    }
    known_ids = [*voting_room.practice_ids, *voting_room.story_ids, 1]
    likely = _likely(known_ids)

    @settings(CHECKED, max_examples=150)
    @given(data=st.data())
    def check(data):
        method, path, schema, caller = data.draw(st.sampled_from(routes), label="route")
        ids = st.one_of(st.sampled_from(known_ids), st.sampled_from(HUGE).map(abs))
        url = "/api/v1" + re.sub(
            r"\{(\w+)\}",
            lambda m: voting_room.code if m[1] == "code" else str(data.draw(ids, label=m[1])),
            path,
        )
        body = data.draw(_body(schema, defs, likely), label="body")
        # Mostly the caller the route is for; sometimes the other one, or nobody.
        who = data.draw(st.sampled_from([caller, caller, caller, "nobody", "owner", "phone"]))
        with app.app_context():
            before = _counts()
        response = client.open(
            url,
            method=method,
            data=body,
            content_type="application/json",
            headers={**people[who], "Accept-Language": "fi"},
        )
        assert response.status_code < 500, (method, url, body[:200], response.get_data()[:300])
        if response.status_code < 300 and response.is_json:
            _conforms(document, method, path, response)
        if response.status_code >= 400:
            assert response.json["error"]["code"] and response.json["error"]["message"]
            with app.app_context():
                assert _counts() == before, (method, url, body[:200])

    check()


SOCKET_EVENTS = {
    "cast_vote": ["key", "practice_id", "story_id"],
    "withdraw_vote": ["key"],
    "rate_practice": ["practice_id", "agency", "ease"],
    "change_phase": ["phase", "step"],
}


def _payload(names: list[str], likely: dict[str, Any]):
    value = st.one_of(integers, texts, st.none(), st.booleans(), any_json)
    fields = {n: likely.get(n, value) for n in names}
    every, some = st.fixed_dictionaries(fields), st.fixed_dictionaries({}, optional=fields)
    one_wrong = [st.fixed_dictionaries({**fields, n: value}) for n in names]
    return st.one_of(every, *one_wrong, some, any_json)


def test_every_socket_event_is_acked_and_refusals_store_nothing(app, voting_room):
    phone = socket_client(
        app, {"role": "participant", "code": voting_room.code, "token": voting_room.liisa[1]}
    )
    owner = socket_client(
        app,
        {
            "role": "facilitator",
            "workshop_id": voting_room.workshop_id,
            "token": voting_room.owner_token,
        },
    )
    assert phone.is_connected() and owner.is_connected()
    events = sorted(SOCKET_EVENTS)
    likely = _likely([*voting_room.practice_ids, *voting_room.story_ids, 1])

    @settings(CHECKED, max_examples=150)
    @given(data=st.data())
    def check(data):
        event = data.draw(st.sampled_from([*events, "request_snapshot"]), label="event")
        sender = owner if event == "change_phase" else phone
        payload = data.draw(_payload(SOCKET_EVENTS.get(event, ["seq"]), likely), label="payload")
        before = _counts()
        if event == "request_snapshot":
            sender.get_received()
            sender.emit(event, payload)
            # (the ticker's tally may come too, whenever its tick falls)
            assert "snapshot" in [m["name"] for m in sender.get_received()]
            return
        ack = sender.emit(event, payload, callback=True)
        assert isinstance(ack, dict) and "ok" in ack, (event, payload, ack)
        if not ack["ok"]:
            assert ack["error"]["code"] and ack["error"]["message"]
            assert _counts() == before, (event, payload)

    with app.app_context():
        check()


@pytest.mark.parametrize("role", ["projector", "participant", "facilitator", None])
def test_any_connect_auth_connects_or_is_refused(app, workshop, role):
    @settings(CHECKED, max_examples=15)
    @given(
        # The protocol's CONNECT carries an object (or nothing): a number there cannot
        # even be framed by the client library.
        auth=st.one_of(
            st.none(),
            st.dictionaries(texts, any_json, max_size=4),
            st.fixed_dictionaries(
                {"role": st.just(role)} if role else {},
                optional=dict.fromkeys(["key", "code", "token", "workshop_id"], any_json),
            ),
        )
    )
    def check(auth):
        client = socket_client(app, auth)
        if client.is_connected():
            client.disconnect()

    check()
