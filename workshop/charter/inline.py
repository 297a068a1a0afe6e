"""Titles and names in the charter's Markdown: shown as typed, never as markup."""

from __future__ import annotations

import html
import re

_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def inline(text: object) -> str:
    """Escape a title or a name so Markdown shows it as typed, on one line; ``<``, ``>``
    and ``&`` as entities, which every renderer shows as text (a backslash is not
    enough: Python-Markdown would pass ``\\<script>`` on as a tag)."""
    line = _SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))
    return html.escape(line, quote=False).replace("{", "&#123;")
