"""A plan that votes twice, on the control page: the rules panel says which round its
rules are for, each round keeps the rules set for it, and the second starts from the
template's rules, not the first round's."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import run_axe, sign_in
from workshop.designs import services as designs
from workshop.extensions import db
from workshop.voting.models import VotingRound
from workshop.workshops import services as workshops

FLOW = ["stories", "voting", "voting", "results"]


def _room(live_server, email: str) -> dict:
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        design = designs.builtin_design("fi")
        design["steps"] = [
            {"activity": key, "projector": f"Vaihe {i + 1}", "phone": "", "minutes": 5}
            for i, key in enumerate(FLOW)
        ]
        workshop = workshops.create_workshop(
            owner, "Kaksi kierrosta", "fi", design=designs.clean_design(design)
        )
        workshops.change_phase(owner, workshop.id, "stories")
        return {"id": workshop.id, "owner": owner}


def _budgets(live_server, workshop_id: int) -> dict[int, int | None]:
    with live_server.app.app_context():
        query = db.select(VotingRound).where(VotingRound.workshop_id == workshop_id)
        return {r.step_index: r.budget for r in db.session.scalars(query)}


def _forward(page) -> None:
    page.locator('[data-phase-form][data-way="forward"] button').click()
    if page.locator("[data-phase-confirm]").is_visible():
        page.locator("[data-confirm-yes]").click()


def test_each_voting_round_has_its_rules_on_the_control_page(live_server, new_context, shot):
    room = _room(live_server, "kierros@example.fi")
    control = new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True).new_page()
    sign_in(control, "kierros@example.fi")
    control.goto(f"/workshops/{room['id']}")
    expect(control.locator("body")).to_have_attribute("data-connection-state", "connected")
    panel = control.locator('[data-part="voting"]')
    round_line = panel.locator("[data-voting-round]")
    status = panel.locator("[data-form-status]")

    _forward(control)  # into the first voting step
    expect(control.locator("body")).to_have_attribute("data-step-index", "1")
    expect(round_line).to_have_text(
        "Kierros 1/2: jokaisella äänestysvaiheella on omat sääntönsä ja oma paljastuksensa."
    )
    panel.locator("#vote-budget").fill("6")
    panel.locator("[data-voting-save]").click()
    expect(status).to_have_attribute("data-state", "saved")
    assert _budgets(live_server, room["id"])[1] == 6

    _forward(control)  # the second round: its own rules, from the template's
    expect(control.locator("body")).to_have_attribute("data-step-index", "2")
    expect(round_line).to_contain_text("Kierros 2/2")
    expect(panel.locator("#vote-budget")).not_to_have_value("6")
    panel.locator("#vote-budget").fill("2")
    panel.locator("[data-voting-save]").click()
    expect(status).to_have_attribute("data-state", "saved")
    assert _budgets(live_server, room["id"]) == {1: 6, 2: 2}
    panel.locator("[data-voting-form]").scroll_into_view_if_needed()
    shot(control, "control-voting-round-2")
    assert run_axe(control) == []
