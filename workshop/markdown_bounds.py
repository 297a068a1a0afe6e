"""Bounds on the work a Markdown text can cause: no text renders slowly or deeply.

Python-Markdown is correct on ordinary text but not built for hostile text: nested
lists recurse once per level (``"1. " * 666`` raised RecursionError), a ``[`` scans
ahead for its ``]`` to the end of the text (``"[" * 2000`` took seconds), and every
inline element costs a little, with no end to how many a text may hold. Three
bounds, in every renderer of user text (the room's and the charter's):

- nesting: a write whose line opens more than ``MAX_NESTING`` lists is refused
  (``is_too_deep``; quotes are folded to eight levels, as before); at render, a
  line's markers past twice that are text (``flatten``), for texts stored earlier;
- brackets: a ``[`` finds its ``]`` in a table made in one pass over the text
  (and one that never closes is skipped at once); looking for a link's ``)``,
  and remaking the table after each link, spend from a budget of a few times the
  text's length; past it, a ``[`` is just a bracket;
- inline elements: at most ``MAX_INLINE`` links, emphases, code spans and the
  like per text (a few per line of a full story); past it, the rest is shown as typed.

Each bound is far beyond what a person writes, so stored texts render as before.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import markdown as python_markdown
from markdown import inlinepatterns, treeprocessors

#: Levels of lists a line may open (quotes fold at the same depth).
MAX_NESTING = 8
#: Lines drawn as typed; past them, the rest of a text is one line (twenty characters a
#: line, in a story part at its longest: no one writes that).
MAX_LINES = 100
#: Inline work per text: stretches of text looked at, plus elements found in them.
MAX_INLINE = 150
#: How much a text's link brackets may read: this many characters per character of text.
SCAN_PER_CHAR = 4
_SCAN_BASE = 1000
_INLINE_TAGS = frozenset({"a", "em", "strong", "code"})
_BRACKET = re.compile(r"[\[\]]")

#: One quote or list marker (with the indentation before it) in front of a line's text.
_MARKER = re.compile(r"[ \t]*(?:(>)[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))")


def _markers(line: str) -> tuple[int, int]:
    """Return how many lists a line opens, and where to escape its marker past the
    limit of containers (twice ``MAX_NESTING``, lists and quotes; -1 where none is)."""
    at, lists, containers, cut = 0, 0, 0, -1
    while (found := _MARKER.match(line, at)) and found.end() > at:
        containers += 1
        lists += found.group(1) is None
        if containers == 2 * MAX_NESTING + 1:
            # Before its sign (">", "-", "+", "*", or the "." of "1."): "\\-" and "1\\." are text.
            cut = found.start() + len(found.group(0).rstrip(" \t")) - 1
        at = found.end()
    return lists, cut


def flatten(source: str) -> str:
    """Return ``source`` with no line opening more than twice ``MAX_NESTING`` lists and
    quotes: the marker past the limit is escaped, so the rest of the line is text.

    What a write accepts (``MAX_NESTING`` lists, quotes folded to eight) comes through
    unchanged; older or imported texts render, however deep they were typed.
    """
    lines = source.split("\n")
    if len(lines) > MAX_LINES:
        # Every line may open a block, and blocks are what cost: the rest is one line.
        rest = " ".join(line.strip() for line in lines[MAX_LINES - 1 :])
        lines = [*lines[: MAX_LINES - 1], rest]
    flat = []
    for line in lines:
        _, cut = _markers(line)
        flat.append(line if cut < 0 else line[:cut] + "\\" + line[cut:])
    return "\n".join(flat)


def is_too_deep(source: str) -> bool:
    """Whether a line of ``source`` opens more than ``MAX_NESTING`` lists."""
    return any(_markers(line)[0] > MAX_NESTING for line in source.split("\n"))


class _Budget:
    """Characters that link brackets may still read in this conversion."""

    def __init__(self) -> None:
        self.left = _SCAN_BASE

    def reset(self, length: int) -> None:
        self.left = _SCAN_BASE + SCAN_PER_CHAR * length

    def end(self, data: str, index: int) -> int:
        """Return where a scan from ``index`` must stop."""
        return min(len(data), index + max(self.left, 0))

    def charge(self, index: int, stop: int) -> None:
        self.left -= max(stop - index, 1)


class _Brackets:
    """Which ``[`` closes where in one text, found in one pass (what Python-Markdown
    finds by reading ahead from every ``[``), and the opening ones that do close."""

    def __init__(self, data: str) -> None:
        self.data = data
        self.closes: dict[int, int] = {}
        stack: list[int] = []
        for found in _BRACKET.finditer(data):
            if found.group(0) == "[":
                stack.append(found.start())
            elif stack:
                self.closes[stack.pop()] = found.start()
        self.openers = sorted(self.closes)
        self.cost = len(self.closes) + len(stack)

    def next_opener(self, after: int) -> int:
        """Return the next ``[`` after ``after`` that closes (or the text's end)."""
        at = bisect.bisect_right(self.openers, after)
        return self.openers[at] if at < len(self.openers) else len(self.data)


class _BoundedLinks:
    """Mixin for the link, image and reference processors: a ``[`` finds its ``]`` in
    the text's bracket table, and a target's ``)`` is looked for within the budget."""

    budget: _Budget
    _brackets: _Brackets | None = None

    def _table(self, data: str) -> _Brackets:
        if self._brackets is None or self._brackets.data is not data:
            self._brackets = _Brackets(data)  # again after each link: the text changed
            self.budget.charge(0, self._brackets.cost)
        return self._brackets

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int | None, int | None]:
        if self.budget.left <= 0:
            # Spent: no link in the rest of this text (no element, and skip to its end).
            return None, m.start(0), len(data)
        brackets = self._table(data)
        opener = m.end(0) - 1
        if opener not in brackets.closes:
            # A "[" that never closes starts nothing: skip to the next one that does
            # (less one, for the "!" of an image).
            return None, m.start(0), max(brackets.next_opener(opener) - 1, m.end(0))
        return super().handleMatch(m, data)  # type: ignore[misc]

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        close = self._table(data).closes.get(index - 1)
        if close is None:
            return "", len(data), False
        return data[index:close], close + 1, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        end = self.budget.end(data, index)
        href, title, stop, handled = super().getLink(data[:end], index)  # type: ignore[misc]
        self.budget.charge(index, stop if handled else end)
        return href, title, stop, handled


_BOUNDED: dict[type, type] = {}


def _bounded(kind: type) -> type:
    """Return ``kind`` (a link, image or reference processor) with bounded scans."""
    if kind not in _BOUNDED:
        _BOUNDED[kind] = type(f"Bounded{kind.__name__}", (_BoundedLinks, kind), {})
    return _BOUNDED[kind]


class _BoundedInline(treeprocessors.InlineProcessor):
    """Python-Markdown's inline processor, doing at most ``MAX_INLINE`` pieces of work:
    a piece is a stretch of text looked at (a paragraph, a list item, an element's
    text or tail) or an element found in it. Past the budget, text is left as typed."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self.work_left = self.md.inline_budget  # type: ignore[attr-defined]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(  # overrides the name-mangled method
        self, data: str, patternIndex: int = 0
    ) -> str:
        self.work_left -= 1
        if self.work_left < 0 or sum(t in _INLINE_TAGS for t in self.ancestors) > MAX_NESTING:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]

    def _InlineProcessor__applyPattern(  # overrides the name-mangled method
        self, pattern: Any, data: str, patternIndex: int, startIndex: int = 0
    ) -> tuple[str, bool, int]:
        spent = isinstance(pattern, _BoundedLinks) and pattern.budget.left <= 0
        if self.work_left < 0 or spent:
            return data, False, 0  # nothing left to spend, or brackets spent all theirs
        data, matched, index = super()._InlineProcessor__applyPattern(  # type: ignore[misc]
            pattern, data, patternIndex, startIndex
        )
        self.work_left -= matched
        return data, matched, index


class _Bounded(python_markdown.Markdown):
    def __init__(self, chars_per_inline: int, **options: Any) -> None:
        self.link_budget = _Budget()
        self.inline_budget = MAX_INLINE
        self.chars_per_inline = chars_per_inline
        super().__init__(**options)

    def convert(self, source: str) -> str:
        self.link_budget.reset(len(source))
        if self.chars_per_inline:
            self.inline_budget = MAX_INLINE + len(source) // self.chars_per_inline
        return super().convert(source)


def renderer(
    extensions: list[str] | None = None, *, chars_per_inline: int = 0
) -> python_markdown.Markdown:
    """Return a Python-Markdown renderer with raw HTML off and every bound in place.

    A text gets ``MAX_INLINE`` pieces of inline work; a document, which holds many
    texts and its own tables, that many more for each ``chars_per_inline`` characters.
    """
    md = _Bounded(chars_per_inline, extensions=extensions or [], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    for processor in md.inlinePatterns:
        # Links, images and references all look for their brackets the same way.
        if isinstance(processor, inlinepatterns.LinkInlineProcessor):
            processor.__class__ = _bounded(type(processor))
            processor.budget = md.link_budget  # type: ignore[attr-defined]
    md.treeprocessors.register(_BoundedInline(md), "inline", _priority(md.treeprocessors, "inline"))
    return md


def _priority(registry: Any, name: str) -> float:
    # Registry keeps no public way to ask an item's priority; replacing keeps its place.
    return next(item.priority for item in registry._priority if item.name == name)
