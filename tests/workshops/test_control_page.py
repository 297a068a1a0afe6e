"""The control page as the server renders it, before any script runs: the flow comes from
the plan's steps (numbered, the current one marked), and the move forms name the step
they go to and carry its index, so a plan that runs one activity twice still moves by
forms alone."""

from __future__ import annotations

import re

from tests.conftest import bearer, login

PLAN = ["wordcloud", "stories", "stories", "voting", "results"]


def _plan(client, workshop) -> None:
    steps = [
        {"activity": key, "projector": f"Vaihe {i + 1} valkokankaalle", "phone": f"Puhelin {i + 1}"}
        for i, key in enumerate(PLAN)
    ]
    response = client.put(
        f"/api/v1/workshops/{workshop.code}/plan",
        json={"steps": steps},
        headers=bearer(workshop.owner.token),
    )
    assert response.status_code == 200, response.json


def _page(client, workshop) -> str:
    response = client.get(f"/workshops/{workshop.id}", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _steps(html: str) -> list[tuple[str, str, str]]:
    """(data-step, its class, the name shown) for each item of the step list."""
    strip = html[
        html.index("data-phase-steps") : html.index("</ol>", html.index("data-phase-steps"))
    ]
    return re.findall(
        r'<li data-step="(\w+)" data-step-index="\d*"(?: class="([\w-]+)")?[^>]*>'
        r'<span class="ctl-step-name">([^<]*)</span>',
        strip,
    )


def _moves(html: str) -> dict[str, tuple[str, str, str]]:
    """The shown move forms by their way: (phase, step, button text)."""
    found = {}
    for form in re.findall(r"<form [^>]*data-phase-form.*?</form>", html, re.S):
        if re.search(r"\shidden>", form.split("\n")[0]):
            continue
        way = re.search(r'class="is-(\w+)"', form).group(1)
        phase = re.search(r'name="phase" value="(\w*)"', form).group(1)
        step = re.search(r'name="step" value="(\d*)"', form).group(1)
        text = re.search(r"<button [^>]*>([^<]*)</button>", form).group(1)
        found[way] = (phase, step, text)
    return found


def test_the_flow_and_the_moves_come_from_the_plan(client, workshop):
    _plan(client, workshop)
    login(client, workshop.owner.email)
    html = _page(client, workshop)
    assert _steps(html) == [
        ("lobby", "is-current", "Lobby"),
        ("wordcloud", "is-next", "Word cloud"),
        ("stories", "", "Stories"),
        ("stories", "", "Stories"),
        ("voting", "", "Voting"),
        ("results", "", "Results"),
    ]
    assert _moves(html) == {
        "forward": ("wordcloud", "0", "Start: 1. Word cloud"),
        "last": ("closed", "", "Close workshop"),
    }

    # Without the script: the forms move through the plan, the second stories step by index.
    for expected in [1, 2]:
        phase, step, _text = _moves(_page(client, workshop))["forward"]
        assert step == str(expected - 1)
        response = client.post(
            f"/workshops/{workshop.id}/phase", data={"phase": phase, "step": step}
        )
        assert response.status_code == 302
    html = _page(client, workshop)
    state = client.get(f"/api/v1/workshops/{workshop.code}/state").json
    assert (state["workshop"]["phase"], state["workshop"]["step_index"]) == ("stories", 1)
    assert [cls for _key, cls, _name in _steps(html)] == [
        "is-done",
        "is-done",
        "is-current",
        "is-next",
        "",
        "",
    ]
    assert _moves(html) == {
        "back": ("wordcloud", "0", "Back to 1. Word cloud"),
        "forward": ("stories", "2", "Next: 3. Stories"),
        "last": ("closed", "", "Close workshop"),
    }
    # The projector's words of this very step, not of the first stories step.
    assert "Vaihe 2 valkokankaalle" in html
    client.post(f"/workshops/{workshop.id}/phase", data={"phase": "stories", "step": "2"})
    state = client.get(f"/api/v1/workshops/{workshop.code}/state").json
    assert state["workshop"]["step_index"] == 2
    assert "Vaihe 3 valkokankaalle" in _page(client, workshop)


def test_a_closed_workshop_offers_no_move_and_every_step_is_done(client, workshop):
    _plan(client, workshop)
    login(client, workshop.owner.email)
    client.post(f"/workshops/{workshop.id}/phase", data={"phase": "closed"})
    html = _page(client, workshop)
    assert {cls for _key, cls, _name in _steps(html)} == {"is-done"}
    assert _moves(html) == {}
