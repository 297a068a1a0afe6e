"""User Markdown to safe HTML: rendered once, when a text is written, and stored.

Python-Markdown does not sanitise, so it runs with raw HTML turned off (typed
tags come out as text) and nh3 then keeps only an allowlist: paragraphs,
emphasis, lists, quotes, code and http/https/mailto links.
"""

from __future__ import annotations

import re

import markdown as python_markdown
import nh3

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre", "a", "hr"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"
#: Deeper quoting than this is folded: no one means it, and browsers pay for it.
MAX_QUOTE_DEPTH = 8
_DEEP_QUOTE = re.compile(rf"^((?:[ \t]*>){{{MAX_QUOTE_DEPTH}}})(?:[ \t]*>)+", re.MULTILINE)


def _renderer() -> python_markdown.Markdown:
    renderer = python_markdown.Markdown(extensions=[], output_format="html")
    renderer.preprocessors.deregister("html_block")
    renderer.inlinePatterns.deregister("html")
    return renderer


def render(source: str) -> str:
    """Return the clean HTML of a Markdown text ('' for an empty one)."""
    if not source.strip():
        return ""
    folded = _DEEP_QUOTE.sub(r"\1", source)
    html = _renderer().convert(folded)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
