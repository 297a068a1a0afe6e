"""Cleaning what people type: NFC, no NUL, no bidi overrides, trimmed, length-checked."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal, overload

from flask_babel import lazy_gettext as _l

from .errors import ValidationFailed
from .markdown_bounds import MAX_NESTING, is_too_deep

#: Whether Markdown fields refuse nesting too deep to draw (not while reading an import).
_REFUSING_DEEP = ContextVar("refusing_deep_nesting", default=True)

# NUL and the bidi embedding/override/isolate controls, which can make text lie
# about its order on someone else's screen.
_UNSAFE = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: object) -> str:
    """Return ``value`` as NFC text without NUL, bidi controls or other control characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError("text expected")
    text = unicodedata.normalize("NFC", value)
    text = _UNSAFE.sub("", text)
    return _CONTROL.sub("", text)


def _text_of(value: object, field: str) -> str:
    if value is not None and not isinstance(value, str):
        raise ValidationFailed(fields={field: _l("Must be text.")})
    return clean(value)


def _checked(text: str, *, field: str, max_length: int, required: bool) -> str | None:
    if not text.strip():
        if required:
            raise ValidationFailed(fields={field: _l("Required.")})
        return None
    if len(text) > max_length:
        raise ValidationFailed(fields={field: _l("At most %(max)d characters.", max=max_length)})
    return text


def whole_number(value: object, *, field: str, maximum: int) -> int:
    """Return an integer from 1 to ``maximum``; raise ValidationFailed naming ``field``.

    Booleans and numbers written as text are refused: JSON gives integers as integers.
    """
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise ValidationFailed(
            fields={field: _l("Choose a whole number from 1 to %(max)d.", max=maximum)}
        )
    return value


# A required field is never None: the overloads tell mypy so.
@overload
def single_line(value: object, *, field: str, max_length: int, required: Literal[True]) -> str: ...
@overload
def single_line(
    value: object, *, field: str, max_length: int, required: bool = False
) -> str | None: ...
def single_line(
    value: object, *, field: str, max_length: int, required: bool = False
) -> str | None:
    """Clean a one-line field, collapse its spaces and check its length in characters.

    Raise ValidationFailed naming ``field`` when it is missing, too long or not text.
    """
    text = " ".join(_text_of(value, field).split())
    return _checked(text, field=field, max_length=max_length, required=required)


@overload
def multi_line(value: object, *, field: str, max_length: int, required: Literal[True]) -> str: ...
@overload
def multi_line(
    value: object, *, field: str, max_length: int, required: bool = False
) -> str | None: ...
def multi_line(value: object, *, field: str, max_length: int, required: bool = False) -> str | None:
    """Clean a Markdown field: keep its lines, trim trailing spaces, check its length.

    Raise ValidationFailed naming ``field`` when it is missing, too long or not text.
    Lists nested more than ``MAX_NESTING`` deep on one line (``"1. 1. 1. …"``) are
    refused too: no one writes them on purpose, and what is shown would differ from
    what was typed (``markdown_bounds.flatten``).
    """
    lines = _text_of(value, field).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    checked = _checked(text, field=field, max_length=max_length, required=required)
    if checked and _REFUSING_DEEP.get() and is_too_deep(checked):
        raise ValidationFailed(
            fields={field: _l("Lists can be nested at most %(max)d levels deep.", max=MAX_NESTING)}
        )
    return checked


@contextmanager
def as_stored() -> Iterator[None]:
    """Read Markdown fields as texts already stored (an import): deep lists are kept,
    and flattened where they are shown, so an older export still comes back whole."""
    token = _REFUSING_DEEP.set(False)
    try:
        yield
    finally:
        _REFUSING_DEEP.reset(token)
