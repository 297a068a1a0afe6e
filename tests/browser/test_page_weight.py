"""Issue "keynote scale": a phone's page weighs at most 60 KiB on a cold load in every
phase, the projector's at most 120 KiB, as chromium counts the bytes over the wire."""

from __future__ import annotations

from tests.browser.weighing import PHONE_BUDGET, PROJECTOR_BUDGET, weigh_every_phase


def test_phone_and_projector_pages_stay_in_their_budget_in_every_phase(live_server, new_context):
    weights = weigh_every_phase(live_server, new_context, "punnitus@example.fi")

    budgets = {"phone": PHONE_BUDGET, "projector": PROJECTOR_BUDGET}
    over = {
        f"{screen} in {phase}": {
            "total": weight.total,
            "budget": budgets[screen],
            "heaviest": weight.resources[:5],
        }
        for phase, pages in weights.items()
        for screen, weight in pages.items()
        if weight.total > budgets[screen]
    }
    assert over == {}
    # Each page really was weighed: its document, its styles and its scripts came.
    for pages in weights.values():
        paths = [path for path, _size, _encoding in pages["phone"].resources]
        assert any(path.startswith("/w/") for path in paths)
        assert "/static/bundle/phone.css" in paths and "/static/bundle/phone.js" in paths
