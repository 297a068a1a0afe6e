"""The template library: a facilitator edits their templates, shares them with every
facilitator on the server, and copies their own or a shared one."""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale, gettext
from sqlalchemy import or_, select

from ..config import LANGUAGES
from ..errors import Forbidden, NotFound
from ..extensions import db
from .models import NAME_MAX, Template
from .services import builtin_design, clean_design, save_template


def library_of(facilitator_id: int) -> list[Template]:
    """Return the facilitator's own templates, then those others shared, newest first."""
    query = (
        select(Template)
        .where(or_(Template.owner_id == facilitator_id, Template.is_shared.is_(True)))
        .order_by(Template.owner_id != facilitator_id, Template.id.desc())
    )
    return list(db.session.scalars(query))


def readable_template(facilitator_id: int, template_id: int) -> Template:
    """Return a template the facilitator may read: their own or a shared one."""
    template = db.session.get(Template, template_id)
    if template is None or not (template.owner_id == facilitator_id or template.is_shared):
        raise NotFound()
    return template


def own_template(facilitator_id: int, template_id: int) -> Template:
    """Return a template only its owner may change; raise NotFound or Forbidden."""
    template = readable_template(facilitator_id, template_id)
    if template.owner_id != facilitator_id:
        raise Forbidden()
    return template


def design_json(template: Template) -> dict[str, Any]:
    """Return a template's design for the editor (cleaned again: an old one gains steps)."""
    return clean_design(template.design)


def update_template(facilitator_id: int, template_id: int, design: object) -> Template:
    """Replace a template's design with an edited one (owner); checked field by field."""
    clean = clean_design(design)
    template = own_template(facilitator_id, template_id)
    template.design, template.name, template.language = clean, clean["name"], clean["language"]
    db.session.commit()
    return template


def share_template(facilitator_id: int, template_id: int, *, shared: bool) -> Template:
    """Put a template in the shared library, or take it out (owner)."""
    template = own_template(facilitator_id, template_id)
    template.is_shared = shared
    db.session.commit()
    return template


def copy_template(facilitator_id: int, template_id: int) -> Template:
    """Make the facilitator their own copy of a template (theirs or a shared one)."""
    original = readable_template(facilitator_id, template_id)
    design = clean_design(original.design)
    with force_locale(original.language):
        design["name"] = gettext("Copy of %(name)s", name=original.name)[:NAME_MAX]
    copy = Template(
        owner_id=facilitator_id, name=design["name"], language=original.language, design=design
    )
    db.session.add(copy)
    db.session.commit()
    return copy


def copy_builtin(facilitator_id: int, language: object) -> Template:
    """Make the facilitator their own copy of the built-in template, in one language."""
    language = language if language in LANGUAGES else LANGUAGES[0]
    design = builtin_design(language)
    with force_locale(language):
        design["name"] = gettext("Copy of %(name)s", name=design["name"])[:NAME_MAX]
    return save_template(facilitator_id, design)
