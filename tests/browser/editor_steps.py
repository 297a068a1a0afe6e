"""What the flow editor's browser test does on the page and in the room: build a flow with
the editor's own buttons, and take part in each step of it from a phone."""

from __future__ import annotations

from playwright.sync_api import expect

STORY = "Bussikuski viittoi kyytiin"


def on_page(page) -> list[str]:
    return page.locator(".ed-step").evaluate_all(
        "(items) => items.map((li) => li.dataset.activity)"
    )


def build(page, flow: list[str]) -> None:
    """Turn the steps on the page into ``flow`` with the editor's own buttons: add what is
    missing at the end, move each step up into place with the keyboard, remove the rest."""
    steps = page.locator(".ed-step")
    for place, key in enumerate(flow):
        now = on_page(page)
        found = next((i for i in range(place, len(now)) if now[i] == key), None)
        if found is None:
            page.locator("#ed-add-activity").select_option(key)
            page.locator(".ed-add button").click()
            found = len(now)
            expect(steps).to_have_count(found + 1)
            expect(steps.nth(found).locator("textarea").first).to_be_focused()
            # A new step starts from the built-in texts of its activity, to edit.
            expect(steps.nth(found).locator("textarea").first).not_to_have_value("")
        for index in range(found, place, -1):
            up = steps.nth(index).locator('[data-move="up"]')
            up.focus()
            page.keyboard.press("Enter")
            expect(steps.nth(index - 1)).to_have_attribute("data-activity", key)
            # Focus goes with the step, so the next press moves it again.
            moved = steps.nth(index - 1).locator('[data-move="up"]')
            if index - 1 > 0:
                expect(moved).to_be_focused()
    while len(on_page(page)) > len(flow):
        count = len(on_page(page))
        steps.nth(count - 1).locator(".button-danger").click()
        expect(steps).to_have_count(count - 1)
    assert on_page(page) == flow


def take_part(phone, projector, activity: str) -> None:
    """What the phone does in each step of the flow, and what the projector shows of it."""
    if activity == "wordcloud":  # live: the word is on the projector as it comes
        phone.get_by_label("Sanasi tai lyhyt ilmaus").fill("Kiire")
        phone.get_by_role("button", name="Lähetä", exact=True).click()
        expect(projector.locator(".cloud-word")).to_have_text(["Kiire"])
    elif activity == "stories":
        phone.get_by_label("Otsikko").fill(STORY)
        phone.get_by_label("Mitä tapahtui").fill("Lippuautomaatti ei toiminut, kuski viittoi.")
        phone.locator('.scale-option input[value="5"]').check()
        phone.get_by_label("Kasvokkain").check()
        phone.get_by_role("button", name="Lähetä tarina").click()
        expect(phone.locator("[data-my-stories] .story-card")).to_have_count(1)
    elif activity == "voting":  # dots on the story cards, no practices anywhere
        expect(phone.get_by_role("heading", name="Äänestä tarinoita")).to_be_visible()
        card = phone.locator("[data-vote-list] .vote-card").filter(has_text=STORY)
        card.locator("[data-add]").click()
        expect(card.locator("[data-my-dots]")).to_have_attribute("data-count", "1")
    elif activity == "results":
        expect(projector.locator(".standing-row").first).to_contain_text(STORY)
        expect(phone.locator("[data-ranking-list] .rank-item").first).to_contain_text(STORY)
