"""User Markdown to safe HTML: rendered once, when a text is written, and stored.

Python-Markdown does not sanitise, so it runs with raw HTML turned off (typed
tags come out as text) and nh3 then keeps only an allowlist: paragraphs,
emphasis, lists, quotes, code and http/https/mailto links.

User text never adds headings to a page or a document: a heading someone types
(``## Heading``, or a line underlined with === or ---) is shown as a paragraph of
strong text, here and in every export (``inert_source`` does the same to the
Markdown that exports write, and there keeps rules and tables as typed text too).
Every renderer of user text is bounded (``markdown_bounds``): no text, however
typed, renders slowly or deeply.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown as python_markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from .markdown_bounds import flatten
from .markdown_bounds import renderer as bounded_renderer

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre", "a", "hr"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"
#: Deeper quoting than this is folded: no one means it, and browsers pay for it.
MAX_QUOTE_DEPTH = 8
_DEEP_QUOTE = re.compile(rf"^((?:[ \t]*>){{{MAX_QUOTE_DEPTH}}})(?:[ \t]*>)+", re.MULTILINE)


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Blockquote markers and list markers in front of a line's own text.
_CONTAINERS = re.compile(r"^(?:[ \t]*(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)))*")
_QUOTES = re.compile(r"^(?:[ \t]*>[ \t]?)*")
#: A heading line: 1-6 hashes, then a space (or nothing), then the text, maybe closed by hashes.
_ATX = re.compile(r"^([ \t]*)#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
#: Hashes at the start of a line that are not a heading: "#hashtag", or seven and more.
_HASHES = re.compile(r"^([ \t]*)(?=#)")
#: The line under a text that makes it a heading (=== or ---).
_UNDERLINE = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$")
#: A rule (---, ***, ___, spaced or not), maybe in a list item: group 2 is its first sign.
_RULE = re.compile(
    r"^((?:[ \t]*(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+))*[ \t]*)([-*_])(?:[ \t]*\2){2,}[ \t]*$"
)
#: The row under a table's header (|---|:--:|): pipes, colons, dashes and spaces only.
_DELIMITER_ROW = re.compile(r"^[|:\- \t]*\|[|:\- \t]*$")
_BACKTICKS = re.compile(r"`+")
_LINK_TARGET = re.compile(r"\]\(([^)]*)")
_REFERENCE = re.compile(r"^([ \t]*)\[[^\]]*\]:(.*)$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


class _HeadingsAsStrongText(Treeprocessor):
    """Turn every heading in user text into a paragraph of strong text."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for element in list(parent):
                if element.tag not in _HEADINGS:
                    continue
                if not (element.text or "").strip() and not len(element):
                    parent.remove(element)  # "#" alone says nothing
                    continue
                strong = etree.Element("strong")
                strong.text, element.text = element.text, None
                for child in list(element):
                    element.remove(child)
                    strong.append(child)
                element.tag = "p"
                element.attrib.clear()
                element.append(strong)


def _prefix(pattern: re.Pattern[str], line: str) -> str:
    """Return the start of ``line`` that ``pattern`` matches (it matches an empty start too)."""
    found = pattern.match(line)
    assert found is not None  # _CONTAINERS and _QUOTES match at least the empty string
    return found.group(0)


def _no_rule_or_table(line: str) -> str:
    """Return ``line`` unable to draw a rule or start a table: the rule's first sign
    and a delimiter row's pipes are escaped (shown as typed)."""
    rule = _RULE.match(line)
    if rule:
        return line[: rule.start(2)] + "\\" + line[rule.start(2) :]
    prefix = _prefix(_CONTAINERS, line)
    rest = line[len(prefix) :]
    return prefix + rest.replace("|", "\\|") if _DELIMITER_ROW.match(rest) else line


def _hashtags(source: str) -> str:
    # "#hashtag" is a heading to Python-Markdown but not to CommonMark: keep it text.
    lines = []
    for line in source.split("\n"):
        prefix = _prefix(_CONTAINERS, line)
        rest = line[len(prefix) :]
        if rest.lstrip().startswith("#") and not _ATX.match(rest):
            rest = _HASHES.sub(r"\1\\", rest, count=1)
        lines.append(prefix + rest)
    return "\n".join(lines)


def _renderer() -> python_markdown.Markdown:
    renderer = bounded_renderer()
    renderer.treeprocessors.register(_HeadingsAsStrongText(renderer), "headings_as_strong", 5)
    return renderer


def render(source: str) -> str:
    """Return the clean HTML of a Markdown text ('' for an empty one); headings typed
    in it come out as strong text."""
    if not source.strip():
        return ""
    folded = _hashtags(flatten(_DEEP_QUOTE.sub(r"\1", source)))
    html = _renderer().convert(folded)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


# Markdown for documents -----------------------------------------------------------------


def _is_safe_target(target: str) -> bool:
    """Whether a link's target is http, https, mailto or relative, however disguised.

    A target left empty at the end of a line is not safe: a renderer may take the next
    line as the target, and that line is not looked at here.
    """
    plain = html.unescape(target).replace("\\", "").lstrip("<")
    plain = "".join(ch for ch in plain if ch > " " and not ch.isspace()).lower()
    if not plain:
        return False
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme.group(1) in URL_SCHEMES


def _plain(text: str) -> str:
    # "{" as an entity too: attr_list (in Python-Markdown's "extra") would read
    # "{onclick=...}" as attributes.
    return html.escape(text, quote=False).replace("![", "&#33;[").replace("{", "&#123;")


def _escape_text(text: str) -> str:
    """Escape a stretch of user text outside code: no tag, entity, image or unsafe link
    (a link's target is judged as typed, before any escaping)."""
    out, at = [], 0
    for target in _LINK_TARGET.finditer(text):
        out.append(_plain(text[at : target.start()]))
        out.append("](" if _is_safe_target(target.group(1)) else "]&#40;")
        at = target.start() + 2
    out.append(_plain(text[at:]))
    return "".join(out)


def _code_spans(line: str) -> list[tuple[int, int]] | None:
    """Return the (start, end) of each code span on a line, or None when a backtick is
    left unpaired or escaped (a renderer could then pair it across lines)."""
    if "\\`" in line:
        return None
    runs = list(_BACKTICKS.finditer(line))
    spans, i = [], 0
    while i < len(runs):
        opener = runs[i]
        closer = next(
            (j for j in range(i + 1, len(runs)) if len(runs[j].group(0)) == len(opener.group(0))),
            None,
        )
        if closer is None:
            return None
        spans.append((opener.start(), runs[closer].end()))
        i = closer + 1
    return spans


def _escape_line(rest: str, spans: list[tuple[int, int]] | None) -> str:
    reference = _REFERENCE.match(rest)
    if reference and not _is_safe_target(reference.group(2).strip()):
        # Not a link definition any more: "[" as an entity starts nothing.
        escaped = _escape_text(rest[len(reference.group(1)) + 1 :])
        return reference.group(1) + "&#91;" + escaped
    if not spans:
        return _escape_text(rest)
    out, at = [], 0
    for start, end in spans:
        out += [_escape_text(rest[at:start]), rest[start:end]]
        at = end
    out.append(_escape_text(rest[at:]))
    return "".join(out)


def inert_source(source: str) -> str:
    """Return user Markdown made safe to put in a Markdown document that any renderer
    may show, raw HTML allowed: headings become strong text (as ``render`` shows them),
    rules and table rows are text (the document's structure is only ever its own),
    lists nest no deeper than ``render`` draws them, and outside code ``<``, ``>``,
    ``&`` and ``{`` are escaped, images are plain text and links go only to http, https
    and mailto.

    Code spans keep their text only when every backtick on their block pairs up on its
    own line; otherwise the block is escaped whole (safe, if less pretty).
    """
    flat = flatten(_DEEP_QUOTE.sub(r"\1", source.replace("\r\n", "\n").replace("\r", "\n")))
    lines = flat.split("\n")
    # Pass 1: headings (typed with hashes, or underlined) to strong text; hashtags stay text.
    shaped: list[str] = []
    plain = False  # whether the line before is text that an underline would make a heading
    apart = False  # whether the line before was a heading: the next text is a new paragraph

    def blank(line: str) -> str:
        # A blank line inside the same quotes, so a heading stays its own paragraph.
        return _prefix(_QUOTES, line).rstrip()

    for line in lines:
        if plain and _UNDERLINE.match(line[len(_prefix(_QUOTES, line)) :]):
            prefix = _prefix(_CONTAINERS, shaped[-1])
            shaped[-1] = f"{prefix}**{shaped[-1][len(prefix) :].strip()}**"
            plain, apart = False, True
            continue  # the underline goes with the heading
        line = _no_rule_or_table(line)
        prefix = _prefix(_CONTAINERS, line)
        rest = line[len(prefix) :]
        heading = _ATX.match(rest)
        if heading:
            text = (heading.group(2) or "").strip()
            rest = f"{heading.group(1)}**{text}**" if text else ""
            if shaped and shaped[-1][len(_prefix(_QUOTES, shaped[-1])) :].strip():
                shaped.append(blank(line))
        elif rest.lstrip().startswith("#"):
            rest = _HASHES.sub(r"\1\\", rest, count=1)
        if apart and not heading and rest.strip():
            shaped.append(blank(line))
        shaped.append(prefix + rest)
        plain = not heading and bool(rest.strip())
        apart = bool(heading)
    out: list[str] = []
    # Pass 2: escape outside code, block by block (blank lines part the blocks).
    block: list[str] = []

    def flush() -> None:
        parts = [_prefix(_CONTAINERS, line) for line in block]
        spans = [_code_spans(line[len(p) :]) for line, p in zip(block, parts, strict=True)]
        clean = all(s is not None for s in spans)
        for line, prefix, found in zip(block, parts, spans, strict=True):
            out.append(prefix + _escape_line(line[len(prefix) :], found if clean else None))
        block.clear()

    for line in shaped:
        if line.strip():
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)
