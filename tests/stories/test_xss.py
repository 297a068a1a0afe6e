"""The XSS corpus through the API: what is stored is only the allowlist, every time."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

from tests.conftest import bearer, story
from tests.stories.xss_corpus import corpus
from workshop import throttle
from workshop.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_REL, URL_SCHEMES
from workshop.workshops import services as workshops


class _Audit(HTMLParser):
    """Collect every way a piece of HTML breaks the allowlist."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "href":
                scheme = urlsplit((value or "").strip()).scheme.lower()
                if scheme not in URL_SCHEMES | {""}:
                    self.problems.append(f"href scheme {scheme!r}")
            if name == "rel" and value != LINK_REL:
                self.problems.append(f"rel {value!r}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.problems.append("comment")


def audit(html: str | None) -> list[str]:
    checker = _Audit()
    checker.feed(html or "")
    checker.close()
    return checker.problems


def test_the_corpus_is_big_enough():
    assert len(corpus()) >= 200


def test_every_payload_is_stored_clean(app, client, room):
    # One participant posts the whole corpus: past a real one's limit and cap on purpose.
    app.config[throttle.STORIES] = "10000 per minute"
    with app.app_context():
        workshops.change_settings(
            room.owner_id, room.workshop_id, {"stories_per_participant": 1000}
        )
    failures = {}
    for number, payload in enumerate(corpus()):
        response = client.post(
            f"/api/v1/workshops/{room.code}/stories",
            json=story(
                title=payload[:120],
                happened=payload,
                staff_did=payload,
                could_do=payload,
                key=f"xss-{number}",
            ),
            headers=bearer(room.liisa[1]),
        )
        assert response.status_code == 201, (payload, response.json)
        body = response.json
        assert body["title"] == " ".join(
            payload[:120].replace("\x01", "").split()
        )  # text, as typed
        for part in ("happened_html", "staff_did_html", "could_do_html"):
            if problems := audit(body[part]):
                failures[payload] = (part, problems, body[part])
    assert failures == {}


def test_the_audit_itself_catches_what_it_should():
    assert audit('<p><a href="javascript:x" rel="noopener noreferrer nofollow">a</a></p>')
    assert audit("<img src=x>")
    assert audit('<em onclick="x">a</em>')
    assert audit("<!-- x -->")
    assert (
        audit('<p><a href="https://example.fi" rel="noopener noreferrer nofollow">ok</a></p>') == []
    )
