"""Request shapes: the types every JSON body and socket payload is checked against.

Each body and payload is declared once, as a pydantic model in its domain's
``schemas.py``; ``parse`` checks a payload against it and the API's OpenAPI document
is generated from the same models (``api/openapi_shapes.py``), so what is checked and what
is documented cannot drift. The models check shapes and bounds (an id fits a column,
a text is text); the services keep the rules and their messages.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, TypeVar

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from .errors import MalformedRequest, ValidationFailed

#: The largest number an INTEGER column holds on every database the app runs on
#: (PostgreSQL's INTEGER is 32 bits; every id and count is an INTEGER).
INT_MAX = 2**31 - 1
#: No body the app takes nests deeper than a handful of levels (an export, a plan).
DEPTH_MAX = 64


def ascii_number(raw: str) -> int | None:
    """Return the number ``raw`` writes in ASCII digits, up to INT_MAX; else None.

    ``str.isdigit`` alone is not enough: "²" is a digit to it and not to ``int``.
    """
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= len(str(INT_MAX)):
        value = int(raw)
        return value if value <= INT_MAX else None
    return None


#: A row's id, as a path or a body gives it.
Id = Annotated[int, Field(strict=True, ge=1, le=INT_MAX)]
#: A whole number that fits any column (and JSON's integers: never a float or a bool).
Int = Annotated[int, Field(strict=True, ge=-INT_MAX, le=INT_MAX)]
#: Text; the services clean and measure it (NFC, no controls, length after trimming).
Text = Annotated[str, Field(strict=True)]
#: A client's idempotency key.
Key = Annotated[str, Field(strict=True, max_length=64)]


class Shape(BaseModel):
    """A JSON object the app accepts: fields it does not know are ignored."""

    model_config = ConfigDict(extra="ignore", strict=True)


class TooDeep(MalformedRequest):
    code = "too_deep"
    message = _l("The request is nested too deeply.")


def _field_message(error: Any) -> Any:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing" or kind == "string_too_short":
        return _l("Required.")
    if kind in ("string_type", "string_unicode"):
        return _l("Must be text.")
    if kind == "string_too_long":
        return _l("At most %(max)d characters.", max=ctx["max_length"])
    if kind in ("bool_type", "bool_parsing"):
        return _l("Must be true or false.")
    if kind == "less_than_equal":
        return _l("Choose a number no larger than %(max)d.", max=ctx["le"])
    if kind == "greater_than_equal":
        return _l("Choose a number no smaller than %(min)d.", min=ctx["ge"])
    if kind.startswith("int_"):
        return _l("Must be a whole number.")
    if kind in ("literal_error", "enum"):
        return _l("Choose one of: %(choices)s.", choices=ctx.get("expected", ""))
    if kind == "list_type":
        return _l("Must be a list.")
    if kind == "too_long":
        return _l("At most %(max)d items.", max=ctx["max_length"])
    if kind == "extra_forbidden":
        return _l("Unknown setting.")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _l("Must be an object.")
    return _l("Not valid.")


#: What pydantic adds to an error's location for a union's branch (not a field's name).
_BRANCHES = {"str", "int", "bool", "float", "none", "nullable", "list", "dict"}


def _field_name(location: tuple[Any, ...]) -> str:
    parts = (str(part) for part in location)
    names = [p for p in parts if p not in _BRANCHES and not any(c in p for c in "[-")]
    return ".".join(names) or "body"


def refuse_unstorable(value: Any) -> None:
    """Refuse what no field may hold: deep nesting, lone surrogates (they cannot be
    stored or sent as UTF-8), numbers beyond an INTEGER column, NaN and infinities."""
    stack: list[tuple[Any, int, str]] = [(value, 0, "")]
    while stack:
        item, depth, where = stack.pop()
        if depth > DEPTH_MAX:
            raise TooDeep()
        if isinstance(item, dict):
            for name, inner in item.items():
                _check_text(name, where or "body")
                stack.append((inner, depth + 1, f"{where}.{name}" if where else str(name)))
        elif isinstance(item, list):
            stack.extend(
                (inner, depth + 1, f"{where}.{i}" if where else str(i))
                for i, inner in enumerate(item)
            )
        elif isinstance(item, str):
            _check_text(item, where or "body")
        elif isinstance(item, bool):
            continue
        elif isinstance(item, int) and not -INT_MAX <= item <= INT_MAX:
            raise ValidationFailed(fields={where or "body": _l("The number is too large.")})
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValidationFailed(fields={where or "body": _l("Must be a number.")})


def _check_text(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationFailed(
            fields={where: _l("Contains a character that is not valid text.")}
        ) from None


ShapeT = TypeVar("ShapeT", bound=BaseModel)


def parse(model: type[ShapeT], payload: Any) -> ShapeT:
    """Check a decoded JSON payload against ``model``; raise ValidationFailed naming
    each bad field (in the reader's language), or TooDeep."""
    refuse_unstorable(payload)
    try:
        return model.model_validate({} if payload is None else payload)
    except ValidationError as error:
        fields: dict[str, Any] = {}
        for problem in error.errors(include_url=False):
            fields.setdefault(_field_name(problem["loc"]), _field_message(problem))
        raise ValidationFailed(fields=fields) from None


def given(model: type[BaseModel], payload: Any) -> dict[str, Any]:
    """Check ``payload`` against ``model``; return the fields it gave, as plain values
    (what the services take)."""
    return parse(model, payload).model_dump(exclude_unset=True)


class IdConverter(IntegerConverter):
    """``<int:…>`` in a route: a row id, 1 to INT_MAX; any other number is a 404.

    Not a ValidationError, which would only skip the rule: the path would then answer
    405 for the methods the other rules of that path take."""

    def to_python(self, value: str) -> int:
        # int() refuses more than 4,300 digits with a ValueError: measure first.
        number = int(value) if len(value) <= len(str(INT_MAX)) else 0
        if not 1 <= number <= INT_MAX:
            raise NotFound()
        return number
