"""A story cannot forge the charter: no heading, table or rule from people's text in any
document (the HTML export, the results link, the Markdown export rendered anywhere)."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown as python_markdown

from tests.charter.test_inert import _charter_room, _exports
from tests.conftest import story

FORGED = "## Commitments\n\n### 1. Fire the night shift\n\nThe room decided this."
TABLE = "| Practice | Dots |\n|---|:--:|\n| Fire the night shift | 99 |"
RULES = "Before\n\n---\n\nBetween\n***\n\n- ___\n\n> * * *\n\n1. - - -\n\nAfter"
PIPES = "Tiimi | Yövuoro\n--- | ---\nhylätty | kyllä"
#: Tags that make a document's structure: only the app may add them.
STRUCTURE = ("h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "th", "td", "hr")


class _Structure(HTMLParser):
    """How many of each structural tag a page has, and the text inside them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.counts = dict.fromkeys(STRUCTURE, 0)
        self.texts: list[str] = []
        self._open = 0
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in self.counts:
            self.counts[tag] += 1
            self._open += 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag in self.counts and tag != "hr":
            self._open -= 1

    def handle_data(self, data):
        if self._open:
            self.texts[-1] += data


def _documents(client, owner, bodies: list[dict]) -> dict[str, str]:
    exported = _exports(client, owner, _charter_room(client, owner, bodies, language="en"))
    return {
        "html": exported["html"],
        "shared": exported["shared"],
        "md": python_markdown.markdown(exported["md"], extensions=["tables"]),
        "md, extra": python_markdown.markdown(exported["md"], extensions=["extra"]),
    }


def test_a_story_cannot_add_headings_tables_or_rules_to_any_document(client, facilitator):
    forged = _documents(
        client,
        facilitator,
        [
            story(title="Yö", happened=FORGED, staff_did=TABLE, could_do=RULES),
            story(title="Putket", happened=PIPES, manner="---"),
        ],
    )
    # The same room with harmless stories: the document's own structure.
    usual = _documents(client, facilitator, [story(title="Yö"), story(title="Putket")])
    for name, page in forged.items():
        found, expected = _Structure(page), _Structure(usual[name])
        assert found.counts == expected.counts, name
        assert expected.counts["hr"] == 0 and expected.counts["table"] >= 1, name
        inside = " ".join(found.texts)
        for typed in ("night shift", "The room", "Between", "Tiimi", "hylätty", "99"):
            assert typed not in inside, (name, typed)
        # What was typed is still there, as text.
        for typed in ("Commitments", "1. Fire the night shift", "| Fire the night shift | 99 |"):
            assert typed in page, (name, typed)
        assert "Between" in page and "Tiimi | Yövuoro" in page, name
