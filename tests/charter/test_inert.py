"""People's text in the charter: it never adds a heading to a page or a document, and the
Markdown export stays inert in any renderer, raw HTML allowed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown as python_markdown
import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.charter.rehearsal import api
from tests.conftest import make_app, story, walk_to
from tests.stories.xss_corpus import corpus
from workshop.extensions import db
from workshop.markdown import URL_SCHEMES, inert_source, render

#: Every way to type a heading: hashes, closed hashes, underlines, in a quote, in a list.
HEADINGS = (
    "## Otsikko yksi\n\nTeksti.\n\nOtsikko kaksi\n=============\n\n"
    "> ### Otsikko kolme\n\n- # Otsikko neljä\n\nJotain\nOtsikko viisi\n---\n\n#tunniste"
)
USER_HEADINGS = ["Otsikko yksi", "Otsikko kaksi", "Otsikko kolme", "Otsikko neljä"]
#: The tags a charter is made of; anything else came from someone's text.
DOCUMENT_TAGS = {
    "h1", "h2", "h3", "h4", "p", "strong", "em", "ul", "ol", "li", "blockquote", "code",
    "pre", "a", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


class _Elements(HTMLParser):
    """Every element of a page: (tag, attributes), and each heading's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = []

    def handle_endtag(self, tag):
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def _h(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _charter_room(
    client, owner, stories: list[dict], *, names=(), lens="Linssi", language="fi"
) -> dict:
    """A workshop at its results with these stories, one practice from each (the first a
    commitment), and a results link."""
    token = owner.token
    code = api(
        client, "POST", "/api/v1/workshops", token, {"title": "Reunat", "language": language}
    ).json["code"]
    lens_id = api(client, "POST", f"/api/v1/workshops/{code}/lenses", token, {"name": lens}).json[
        "id"
    ]
    people = [
        api(
            client,
            "POST",
            f"/api/v1/workshops/{code}/participants",
            token,
            {"display_name": names[n % len(names)] if names else None},
        ).json["token"]
        for n in range(len(stories))
    ]
    walk_to(client, code, token, "stories")
    ids = []
    for n, (person, body) in enumerate(zip(people, stories, strict=True)):
        posted = api(
            client, "POST", f"/api/v1/workshops/{code}/stories", person, {**body, "key": f"s{n}"}
        ).json
        ids.append(posted["id"])
        api(client, "PUT", f"/api/v1/stories/{posted['id']}/lenses/{lens_id}", token)
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "practices"})
    practice_ids = []
    for n, (story_id, body) in enumerate(zip(ids, stories, strict=True)):
        practice = {
            "title": body["title"],
            "description": body["happened"][:1000],
            "story_ids": [story_id],
            "key": f"p{n}",
        }
        practice_ids.append(
            api(client, "POST", f"/api/v1/workshops/{code}/practices", token, practice).json["id"]
        )
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "voting"})
    api(client, "POST", f"/api/v1/workshops/{code}/reveal", token, {"what": "votes"})
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "results"})
    first = stories[0]
    commitment = {
        "owner": first.get("place") or "Tiimi",
        "first_step": first["title"],
        "position": 0,
    }
    api(client, "PUT", f"/api/v1/practices/{practice_ids[0]}/commitment", token, commitment)
    link = api(client, "POST", f"/api/v1/workshops/{code}/share", token).json["share_url"]
    return {"code": code, "link": link.replace("http://localhost", ""), "story_ids": ids}


def _exports(client, owner, room) -> dict[str, str]:
    code = room["code"]
    return {
        extension: api(
            client, "GET", f"/api/v1/workshops/{code}/export.{extension}", owner.token
        ).get_data(as_text=True)
        for extension in ("md", "html")
    } | {"shared": client.get(room["link"]).get_data(as_text=True)}


def test_a_typed_heading_is_strong_text_on_the_wall_and_in_every_export(client, facilitator):
    room = _charter_room(
        client,
        facilitator,
        [story(happened=HEADINGS, staff_did="## Henkilökunta\n\nteki", could_do="# Minä")],
    )
    state = api(client, "GET", f"/api/v1/workshops/{room['code']}/state", facilitator.token).json
    shown = state["stories"][0]
    for part in ("happened_html", "staff_did_html", "could_do_html"):
        assert not re.search(r"<h[1-6]", shown[part]), shown[part]
    assert "<p><strong>Otsikko yksi</strong></p>" in shown["happened_html"]
    assert "<p><strong>Otsikko kaksi</strong></p>" in shown["happened_html"]
    assert "<p><strong>Henkilökunta</strong></p>" in shown["staff_did_html"]
    assert "#tunniste" in shown["happened_html"]  # a hashtag is not a heading
    practice = state["practices"][0]
    assert "<p><strong>Otsikko yksi</strong></p>" in practice["description_html"]

    exported = _exports(client, facilitator, room)
    rendered = python_markdown.markdown(exported["md"], extensions=["tables"])
    for name, page in {
        "md": rendered,
        "html": exported["html"],
        "shared": exported["shared"],
    }.items():
        found = _parse(page)
        for heading in [*USER_HEADINGS, "Otsikko viisi", "Henkilökunta", "Minä", "tunniste"]:
            assert not any(heading in h for h in found.headings), (name, heading, found.headings)
        assert "<strong>Otsikko yksi</strong>" in page, name
        assert "<strong>Otsikko kaksi</strong>" in page, name
        assert "#tunniste" in page, name
        # The document's own outline, in order: one h1, then h2 sections.
        levels = [tag for tag, _ in found.elements if tag in {"h1", "h2", "h3", "h4", "h5"}]
        assert levels[0] == "h1" and levels.count("h1") == 1, (name, levels)


def test_old_rows_are_rendered_again_under_the_heading_rule(tmp_path):
    # Its own SQLite file, even in the PostgreSQL pass: it migrates down and up.
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'old.db'}")
    with app.app_context():
        downgrade(revision="0004_running")
        old = "Otsikko\n<p>teksti</p>"  # how "## Otsikko\n\nteksti" was stored before
        db.session.execute(
            text(
                "INSERT INTO facilitators (id, email, password_hash, created_at) "
                "VALUES (1, 'a@example.fi', 'x', CURRENT_TIMESTAMP)"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO workshops (id, code, title, language, phase, seq, owner_id, "
                "projector_key, created_at) "
                "VALUES (1, 'ABCDEF', 'T', 'fi', 'stories', 0, 1, 'prj_x', CURRENT_TIMESTAMP)"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO participants (id, workshop_id, token_digest, joined_at) "
                "VALUES (1, 1, 'd', CURRENT_TIMESTAMP)"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO stories (id, workshop_id, participant_id, key, title, happened, "
                "happened_html, agency, channel, created_at, updated_at) VALUES (1, 1, 1, 'k', "
                "'T', :source, :old, 3, 'online', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"source": "## Otsikko\n\nteksti", "old": old},
        )
        db.session.execute(
            text(
                "INSERT INTO practices (id, workshop_id, key, title, description, "
                "description_html, created_at, updated_at) VALUES (1, 1, 'k', 'P', :source, "
                ":old, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"source": "## Otsikko\n\nteksti", "old": old},
        )
        db.session.commit()
        upgrade()
        stored = db.session.execute(text("SELECT happened_html FROM stories")).scalar()
        described = db.session.execute(text("SELECT description_html FROM practices")).scalar()
    assert stored == described == render("## Otsikko\n\nteksti")
    assert stored.startswith("<p><strong>Otsikko</strong></p>")


def _hostile_stories() -> list[dict]:
    """The XSS corpus spread over story titles, places and every Markdown part."""
    payloads = corpus()
    stories, chunk = [], []
    for payload in payloads:
        chunk.append(payload)
        if sum(len(p) + 2 for p in chunk) > 1500:
            stories.append(chunk)
            chunk = []
    if chunk:
        stories.append(chunk)
    bodies = []
    for n, chunk in enumerate(stories):
        joined = "\n\n".join(chunk)
        title_payload = next(p for p in reversed(chunk) if "<" in p or "[" in p)
        bodies.append(
            story(
                title=" ".join(title_payload.split())[:120],
                happened=joined,
                staff_did="\n\n".join(reversed(chunk)),
                could_do=chunk[n % len(chunk)],
                place=" ".join(chunk[0].split())[:80],
            )
        )
    return bodies


def _assert_inert(page: str, where: str) -> None:
    found = _parse(page)
    for tag, attributes in found.elements:
        assert tag in DOCUMENT_TAGS, (where, tag, attributes)
        for name, value in attributes.items():
            assert not name.startswith("on"), (where, tag, name, value)
            assert name in {"href", "title", "rel", "align", "class", "data-label"}, (where, name)
            if name == "href":
                # The parser has decoded the attribute once, as a browser does.
                target = "".join(ch for ch in value or "" if ch > " " and not ch.isspace()).lower()
                # What a browser reads as a scheme: a letter, then letters, digits, + - .
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", target)
                assert scheme is None or scheme.group(1) in URL_SCHEMES, (where, value)


@pytest.mark.parametrize("extensions", [[], ["extra"]], ids=["defaults", "extra"])
def test_the_markdown_export_stays_inert_with_raw_html_allowed(client, facilitator, extensions):
    names = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "{onclick=x} *n*"]
    room = _charter_room(
        client, facilitator, _hostile_stories(), names=names, lens="<svg onload=alert(1)>"
    )
    exported = _exports(client, facilitator, room)
    _assert_inert(python_markdown.markdown(exported["md"], extensions=extensions), "md")
    # The document still reads as the people wrote it: a tag is shown, not dropped.
    rendered = python_markdown.markdown(exported["md"])
    assert "&lt;script&gt;" in rendered and "&lt;img src=x onerror=alert(1)&gt;" in rendered
    for name in ("html", "shared"):
        _assert_inert(exported[name].split("<main", 1)[1].split("</main>", 1)[0], name)


def test_code_keeps_its_text_and_unpaired_backticks_escape_the_block():
    assert inert_source("Kirjoita `<b>` ja <b>") == "Kirjoita `<b>` ja &lt;b&gt;"
    # A backtick left open on one line could pair with one on the next in a renderer.
    assert inert_source("a ` b\n`<img src=x onerror=alert(1)>`") == (
        "a ` b\n`&lt;img src=x onerror=alert(1)&gt;`"
    )
    assert inert_source("> lainaus & [linkki](https://example.fi)") == (
        "> lainaus &amp; [linkki](https://example.fi)"
    )
    assert inert_source("[a](JaVa\tScript:alert(1))") == "[a]&#40;JaVa\tScript:alert(1))"
    # A target a renderer could find on the next line is not trusted either.
    assert inert_source("[a](\njavascript:alert(1))") == "[a]&#40;\njavascript:alert(1))"
    assert inert_source("[1]:\n  javascript:alert(1)").startswith("&#91;1]:")
    assert inert_source("[t](#kohta) [u](https://example.fi)") == (
        "[t](#kohta) [u](https://example.fi)"
    )
