"""API routes of designing: the activities a plan may hold, the template library (read,
edit, share, copy), and a workshop's plan (edited before and during the workshop)."""

from __future__ import annotations

from flask import jsonify

from ..designs import editing, library
from ..designs import services as designs
from ..designs.schemas import PlanChange, Sharing, TemplateDesign
from .common import accepts, bp, facilitated, facilitator_id, json_body


@bp.get("/activities")
def list_activities():
    """The activities a plan's steps may run, with each one's step settings."""
    facilitator_id()
    return jsonify({"activities": editing.activities_json()})


@bp.get("/templates/<int:template_id>")
def get_template(template_id: int):
    """A template's whole design: the caller's own or a shared one."""
    template = library.readable_template(facilitator_id(), template_id)
    return jsonify({**designs.template_json(template), "design": library.design_json(template)})


@bp.put("/templates/<int:template_id>")
@accepts(TemplateDesign)
def update_template(template_id: int):
    """Replace a template's design with an edited one (owner)."""
    template = library.update_template(facilitator_id(), template_id, json_body().get("design"))
    return jsonify({**designs.template_json(template), "design": template.design})


@bp.put("/templates/<int:template_id>/sharing")
@accepts(Sharing)
def share_template(template_id: int):
    """Put a template in the shared library, or take it out (owner)."""
    caller = facilitator_id()
    shared = json_body().get("shared") is True
    template = library.share_template(caller, template_id, shared=shared)
    return jsonify(designs.template_json(template))


@bp.post("/templates/<int:template_id>/copy")
def copy_template(template_id: int):
    """Make the caller their own copy of a template (theirs or a shared one)."""
    template = library.copy_template(facilitator_id(), template_id)
    return jsonify(designs.template_json(template)), 201


@bp.get("/workshops/<code>/plan")
def get_plan(code: str):
    """The workshop's plan as its editor reads it."""
    _caller, workshop = facilitated(code)
    return jsonify(editing.workshop_plan_json(workshop))


@bp.put("/workshops/<code>/plan")
@accepts(PlanChange)
def update_plan(code: str):
    """Change the workshop's plan; every screen gets it at once."""
    caller, workshop = facilitated(code)
    workshop = editing.update_plan(caller, workshop.id, json_body())
    return jsonify(editing.workshop_plan_json(workshop))
