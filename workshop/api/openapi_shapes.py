"""The parts of the OpenAPI document that come from the code itself, so they cannot drift:
each route's request body (the shape its view declares with ``accepts``, the same one
``json_body`` checks), its path parameters (an ``<int:…>`` is an id that fits a column),
and a summary from the view's docstring where the hand-written paths give none."""

from __future__ import annotations

import re
from typing import Any

from flask import current_app
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from ..validation import INT_MAX, IdConverter

PREFIX = "/api/v1"
_REF = "#/components/schemas/{model}"
_ID = {"type": "integer", "minimum": 1, "maximum": INT_MAX}
_TEXT = {"type": "string"}


def openapi_path(rule: str) -> str:
    """Return Flask's ``/stories/<int:story_id>`` as OpenAPI's ``/stories/{story_id}``."""
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule[len(PREFIX) :])


def _parameters(item: dict[str, Any], ids: set[str], names: list[str]) -> None:
    declared = {p["name"]: p for p in item.get("parameters", []) if p.get("in") == "path"}
    for operation in (v for k, v in item.items() if k != "parameters"):
        for parameter in operation.get("parameters", []):
            if parameter.get("in") == "path":
                declared.setdefault(parameter["name"], parameter)
    for name in names:
        parameter = declared.get(name)
        if parameter is None:
            parameter = {"name": name, "in": "path", "required": True}
            item.setdefault("parameters", []).append(parameter)
        parameter["schema"] = {**parameter.get("schema", {}), **(_ID if name in ids else _TEXT)}


def _body(model: type[BaseModel]) -> dict[str, Any]:
    required = any(field.is_required() for field in model.model_fields.values())
    schema = {"$ref": _REF.format(model=model.__name__)}
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def complete(paths: dict[str, Any]) -> dict[str, Any]:
    """Fill in every API route's body, path parameters and missing summary from its view;
    return the request shapes' schemas (components/schemas)."""
    models: dict[str, type[BaseModel]] = {}
    for rule in current_app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/") or rule.rule.endswith("/openapi.json"):
            continue
        view = current_app.view_functions[rule.endpoint]
        item = paths.setdefault(openapi_path(rule.rule), {})
        model = getattr(view, "accepts", None)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operation = item.setdefault(method.lower(), {"responses": {}})
            operation.pop("requestBody", None)
            if model is not None:
                operation["requestBody"] = _body(model)
                models[model.__name__] = model
            if "summary" not in operation and view.__doc__:
                operation["summary"] = view.__doc__.strip().splitlines()[0]
        ids = {name for name, c in rule._converters.items() if isinstance(c, IdConverter)}
        _parameters(item, ids, list(rule.arguments and _in_order(rule.rule)))
    if not models:
        return {}
    _, schemas = models_json_schema(
        [(model, "validation") for model in models.values()], ref_template=_REF
    )
    return schemas.get("$defs", {})


def _in_order(rule: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", rule)
