"""The flow editor in a real browser: a facilitator copies the built-in template, builds a
flow from it (removing, adding and moving steps with the keyboard), edits a step's texts,
minutes and settings, adds an example story, saves, reloads, starts a workshop from it and
runs it end to end through the API while a phone and the projector follow each step. Bad
values are named by their field in Finnish with nothing typed lost, and a running
workshop's plan gains a step after the current one.
"""

from __future__ import annotations

import re

from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.browser.editor_steps import build, on_page, take_part
from tests.browser.phone_room import TAP, TAPS_JS
from workshop.designs import services as designs
from workshop.designs.models import Template
from workshop.extensions import db
from workshop.facilitators import services as facilitators
from workshop.workshops.models import Workshop

#: The flow the facilitator builds and runs: a warm-up, stories, voting on the stories
#: without practices, and the results. Change it here and the test follows.
FLOW = ["wordcloud", "stories", "voting", "results"]
#: What they write into the first step, and the setting they turn on there.
FIRST_STEP = {
    "projector": "Yksi sana: miltä maanantaiaamu tiskillä tuntuu?",
    "phone": "Lähetä yksi sana maanantaiaamusta.",
    "minutes": "7",
    "setting": "is_live",
}
EXAMPLE = {
    "title": "Kuljettaja odotti juoksijaa",
    "happened": "Bussi oli jo lähdössä, kun kuljettaja näki minut ja avasi oven.",
    "reading": "Kuljettaja käytti harkintaansa: matkustaja sai toimia, ei vain odottaa.",
    "agency": "5",
    "channel": "in_person",
}
DESKTOP = {"viewport": {"width": 1440, "height": 900}, "bypass_csp": True}
PHONE = {"viewport": {"width": 360, "height": 740}, "bypass_csp": True}


def _finnish(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("fi"):
        return gettext(msgid, **values)


def _save(page) -> None:
    page.locator("[data-editor-save]").click()
    expect(page.locator(".ed-status")).to_have_class(re.compile("is-saved"))


def _check_page(page, shot, name: str, *, full_page: bool = True) -> None:
    assert no_horizontal_overflow(page), name
    assert run_axe(page) == [], name
    small = [t for t in page.evaluate(TAPS_JS) if min(t["width"], t["height"]) < TAP - 0.01]
    assert small == [], name
    shot(page, name, full_page=full_page)


def _token(live_server, owner_id: int) -> str:
    with live_server.app.app_context():
        return facilitators.mint_api_token(owner_id, "browser test")[1]


def test_a_facilitator_builds_a_flow_saves_it_and_runs_it(
    live_server, new_context, playwright, shot
):
    email = "flow-editor@example.fi"
    owner = live_server.facilitator(email)
    page = new_context(**DESKTOP).new_page()
    sign_in(page, email)
    page.goto("/workshops")
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Pohjat").click()
    expect(page.locator("h1")).to_have_text("Pohjat")
    _check_page(page, shot, "editor-library-1440")

    # Copy the Finnish built-in template: the copy opens in the editor.
    builtin = page.locator(".lib-item").filter(has_text="Objektista subjektiksi").first
    builtin.get_by_role("button", name=re.compile("Kopioi")).click()
    expect(page).to_have_url(re.compile(r"/templates/\d+/edit$"))
    template_id = int(re.search(r"/templates/(\d+)/edit", page.url).group(1))
    steps = page.locator(".ed-step")
    expect(steps).to_have_count(6)
    activities = page.request.get("/api/v1/activities").json()["activities"]
    names = {a["key"]: a["name"] for a in activities}
    assert steps.nth(0).locator(".ed-step-title").inner_text() == f"Vaihe 1: {names['pulse']}"
    # Move buttons say which step they move, in words.
    up = steps.nth(3).locator('[data-move="up"]')
    assert up.get_attribute("aria-label") == f"Siirrä ylös: Vaihe 4: {names['practices']}"

    # Remove a built-in step first, so the flow is built by removing, adding and moving.
    steps.nth(3).locator(".button-danger").click()
    expect(steps).to_have_count(5)
    build(page, FLOW)

    # The first step's texts, minutes and its setting (a checkbox, by its label).
    first = steps.nth(0)
    first.get_by_label("Valkokankaalla").fill(FIRST_STEP["projector"])
    first.get_by_label("Puhelimissa").fill(FIRST_STEP["phone"])
    first.get_by_label("Kesto minuutteina").fill(FIRST_STEP["minutes"])
    setting = next(a for a in activities if a["key"] == FLOW[0])["settings"][FIRST_STEP["setting"]]
    first.get_by_label(setting["label"]).check()
    expect(page.locator(".ed-status")).to_have_text("Tallentamattomia muutoksia")
    # The vote goes on the stories: there are no practices in this flow.
    on_stories = next(a for a in activities if a["key"] == "voting")["settings"]["on_stories"]
    steps.nth(FLOW.index("voting")).get_by_label(on_stories["label"]).check()

    # An example story with its reading.
    examples = page.locator(".ed-example")
    before = examples.count()
    page.get_by_role("button", name="Lisää esimerkkitarina").click()
    story = examples.nth(before)
    expect(story).to_have_attribute("open", "")
    story.get_by_label("Otsikko").fill(EXAMPLE["title"])
    story.get_by_label("Mitä tapahtui").fill(EXAMPLE["happened"])
    story.get_by_label("Objekti vai subjekti? Tulkinta").fill(EXAMPLE["reading"])
    story.locator(f"#ed-examples-{before}-agency").select_option(EXAMPLE["agency"])
    story.locator(f"#ed-examples-{before}-channel").select_option(EXAMPLE["channel"])
    expect(story.locator("summary")).to_contain_text(EXAMPLE["title"])
    _save(page)
    _check_page(page, shot, "editor-template-1440")

    # A reload finds it kept, and so does the API.
    page.reload()
    expect(steps).to_have_count(len(FLOW))
    assert on_page(page) == FLOW
    first = steps.nth(0)
    expect(first.get_by_label("Valkokankaalla")).to_have_value(FIRST_STEP["projector"])
    expect(first.get_by_label("Kesto minuutteina")).to_have_value(FIRST_STEP["minutes"])
    expect(first.get_by_label(setting["label"])).to_be_checked()
    expect(page.locator(".ed-example summary").nth(before)).to_contain_text(EXAMPLE["title"])
    design = page.request.get(f"/api/v1/templates/{template_id}").json()["design"]
    assert [s["activity"] for s in design["steps"]] == FLOW
    assert design["steps"][0]["settings"][FIRST_STEP["setting"]] is True
    assert design["steps"][FLOW.index("voting")]["settings"]["on_stories"] is True
    assert design["examples"][before]["reading"] == EXAMPLE["reading"]

    # The editor and the library on a phone-sized screen.
    small = new_context(**PHONE).new_page()
    sign_in(small, email)
    small.goto(f"/templates/{template_id}/edit")
    expect(small.locator(".ed-step")).to_have_count(len(FLOW))
    _check_page(small, shot, "editor-template-360")
    small.goto("/templates")
    _check_page(small, shot, "editor-library-360")

    # Start a workshop from the library: the workshop list has the template chosen.
    page.goto("/templates")
    page.locator(f'.lib-item a[href*="template={template_id}"]').click()
    expect(page.locator(f'input[name="template"][value="{template_id}"]')).to_be_checked()
    page.locator("#title").fill("Maanantain työpaja")
    page.get_by_role("button", name="Luo työpaja").click()
    expect(page).to_have_url(re.compile(r"/workshops/\d+(#[\w-]*)?$"))
    workshop_id = int(re.search(r"/workshops/(\d+)", page.url).group(1))
    with live_server.app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        code, key, plan = workshop.code, workshop.projector_key, workshop.steps
    assert [s["activity"] for s in plan] == FLOW

    api = playwright.request.new_context(
        base_url=live_server.url,
        extra_http_headers={"Authorization": f"Bearer {_token(live_server, owner)}"},
    )
    projector = new_context(viewport={"width": 1920, "height": 1080}, bypass_csp=True).new_page()
    projector.goto(f"/projector/{key}")
    phone = new_context("Pixel 5", **PHONE).new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill("Aino")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")

    # The example story reaches the phone when the facilitator shows the examples.
    shown = api.put(f"/api/v1/workshops/{code}/settings", data={"are_examples_shown": True})
    assert shown.ok, shown.text()
    expect(phone.locator("[data-example-list]")).to_contain_text(EXAMPLE["title"])

    for index, activity in enumerate(FLOW):
        moved = api.put(f"/api/v1/workshops/{code}/phase", data={"phase": activity, "step": index})
        assert moved.ok, moved.text()
        for screen in (phone, projector):
            expect(screen.locator("body")).to_have_attribute("data-phase", activity)
        if plan[index]["phone"]:
            expect(phone.locator("[data-phase-brief-text]")).to_have_text(plan[index]["phone"])
        if plan[index]["projector"]:
            expect(projector.locator("[data-plan-instruction]")).to_have_text(
                plan[index]["projector"]
            )
        take_part(phone, projector, activity)
    expect(phone.locator("[data-phase-brief-text]")).not_to_have_text(FIRST_STEP["phone"])
    closed = api.put(f"/api/v1/workshops/{code}/phase", data={"phase": "closed"})
    assert closed.ok, closed.text()
    for screen in (phone, projector):
        expect(screen.locator("body")).to_have_attribute("data-phase", "closed")
    api.dispose()


def test_a_bad_value_is_named_by_its_field_in_finnish_and_nothing_typed_is_lost(
    live_server, new_context, shot
):
    email = "flow-errors@example.fi"
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        design = designs.builtin_design("fi")
        design["name"] = "Virheiden pohja"
        template_id = designs.save_template(owner, design).id
    page = new_context(**PHONE).new_page()
    sign_in(page, email)
    page.goto(f"/templates/{template_id}/edit")
    steps = page.locator(".ed-step")
    expect(steps).to_have_count(len(design["steps"]))
    welcome = "Tervetuloa maanantain työpajaan!"
    page.get_by_label("Tervetulotoivotus valkokankaalla").fill(welcome)
    second = steps.nth(1)
    second.get_by_label("Valkokankaalla").fill("Kirjoittakaa tarina, joka jäi mieleen.")
    minutes = second.get_by_label("Kesto minuutteina")
    expected = _finnish(
        live_server.app, "Choose a whole number from 1 to %(max)d.", max=designs.MINUTES_MAX
    )
    error = page.locator("#ed-steps-1-minutes-error")
    for bad in ("0", "1000"):
        minutes.fill(bad)
        page.locator("[data-editor-save]").click()
        expect(error).to_have_text(expected)
        expect(minutes).to_have_attribute("aria-invalid", "true")
        expect(minutes).to_have_attribute("aria-describedby", "ed-steps-1-minutes-error")
        expect(minutes).to_be_focused()
        expect(minutes).to_have_value(bad)
        expect(page.locator("[data-editor-error]")).to_be_visible()
    # Everything else typed is still there.
    expect(page.get_by_label("Tervetulotoivotus valkokankaalla")).to_have_value(welcome)
    expect(second.get_by_label("Valkokankaalla")).to_have_value(
        "Kirjoittakaa tarina, joka jäi mieleen."
    )
    _check_page(page, shot, "editor-error-360", full_page=False)

    # An example story without a title: its field is named, its card opens.
    minutes.fill("12")
    examples = page.locator(".ed-example")
    count = examples.count()
    page.get_by_role("button", name="Lisää esimerkkitarina").click()
    story = examples.nth(count)
    story.get_by_label("Mitä tapahtui").fill("Virkailija soitti minulle takaisin.")
    story.locator("summary").click()  # folded away before saving
    page.locator("[data-editor-save]").click()
    title_error = page.locator(f"#ed-examples-{count}-title-error")
    expect(title_error).to_have_text(_finnish(live_server.app, "Required."))
    expect(story).to_have_attribute("open", "")
    expect(story.get_by_label("Mitä tapahtui")).to_have_value("Virkailija soitti minulle takaisin.")
    expect(minutes).not_to_have_attribute("aria-invalid", "true")
    story.get_by_label("Otsikko").fill("Takaisinsoitto")
    story.locator(f"#ed-examples-{count}-agency").select_option("4")
    story.locator(f"#ed-examples-{count}-channel").select_option("phone")
    _save(page)
    expect(title_error).to_be_hidden()
    with live_server.app.app_context():
        saved = db.session.get(Template, template_id).design
    assert saved["welcome"] == welcome
    assert saved["steps"][1]["minutes"] == 12
    assert saved["examples"][count]["title"] == "Takaisinsoitto"


def test_a_running_workshops_plan_gains_a_step_after_the_current_one(
    live_server, new_context, playwright, shot
):
    email = "flow-running@example.fi"
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        workshop = designs.start_workshop(owner, "Käynnissä", "fi")
        workshop_id, code, key = workshop.id, workshop.code, workshop.projector_key
        first = workshop.steps[0]["activity"]
    api = playwright.request.new_context(
        base_url=live_server.url,
        extra_http_headers={"Authorization": f"Bearer {_token(live_server, owner)}"},
    )
    assert api.put(f"/api/v1/workshops/{code}/phase", data={"phase": first, "step": 0}).ok

    frames: dict[str, list[str]] = {"phone": [], "projector": []}

    def listen(page, name):
        page.on(
            "websocket",
            lambda ws: ws.on("framereceived", lambda frame: frames[name].append(str(frame))),
        )

    projector = new_context(viewport={"width": 1920, "height": 1080}, bypass_csp=True).new_page()
    listen(projector, "projector")
    projector.goto(f"/projector/{key}")
    phone = new_context("Pixel 5", **PHONE).new_page()
    listen(phone, "phone")
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill("Ville")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("body")).to_have_attribute("data-phase", first)

    page = new_context(**DESKTOP).new_page()
    sign_in(page, email)
    page.goto(f"/workshops/{workshop_id}/plan")
    steps = page.locator(".ed-step")
    expect(steps.first).to_have_class(re.compile("is-fixed"))
    # The running step stays in place: no moves, no removal; nothing moves above it.
    expect(steps.first.locator("[data-move], .button-danger")).to_have_count(0)
    expect(steps.first.locator(".ed-chip-now")).to_be_visible()
    expect(steps.nth(1).locator('[data-move="up"]')).to_be_disabled()
    expect(steps.first.get_by_label("Valkokankaalla")).to_be_editable()
    # Its settings stay as they are: the pulse's statements, here.
    expect(steps.first.locator(".ed-step-settings textarea").first).to_be_disabled()

    # A new stories step right after the current one.
    count = steps.count()
    page.locator("#ed-add-activity").select_option("stories")
    page.locator(".ed-add button").click()
    expect(steps).to_have_count(count + 1)
    added = steps.nth(count)
    added.get_by_label("Valkokankaalla").fill("Ensin lyhyt tarina maanantaiaamusta.")
    added.get_by_label("Puhelimissa").fill("Kirjoita lyhyt tarina maanantaiaamusta.")
    for index in range(count, 1, -1):
        steps.nth(index).locator('[data-move="up"]').click()
    expect(steps.nth(1).get_by_label("Puhelimissa")).to_have_value(
        "Kirjoita lyhyt tarina maanantaiaamusta."
    )
    _save(page)
    _check_page(page, shot, "editor-plan-1440")
    # The phone and the projector hear of it at once (on their live sockets).
    for name in frames:
        for _try in range(50):
            if any('"plan_changed"' in frame for frame in frames[name]):
                break
            phone.wait_for_timeout(100)
        assert any('"plan_changed"' in frame for frame in frames[name]), name

    # The next step is the new one, on every screen.
    assert api.put(f"/api/v1/workshops/{code}/phase", data={"phase": "stories", "step": 1}).ok
    expect(phone.locator("[data-phase-brief-text]")).to_have_text(
        "Kirjoita lyhyt tarina maanantaiaamusta."
    )
    expect(projector.locator("[data-plan-instruction]")).to_have_text(
        "Ensin lyhyt tarina maanantaiaamusta."
    )

    # The editor, reloaded, now holds the first two steps in place.
    page.reload()
    expect(steps.nth(1).locator(".ed-chip-now")).to_be_visible()
    expect(steps.nth(2).locator('[data-move="up"]')).to_be_disabled()
    small = new_context(**PHONE).new_page()
    sign_in(small, email)
    small.goto(f"/workshops/{workshop_id}/plan")
    expect(small.locator(".ed-step").first).to_have_class(re.compile("is-fixed"))
    _check_page(small, shot, "editor-plan-360")

    # Closed, the plan is there to read and nothing more.
    assert api.put(f"/api/v1/workshops/{code}/phase", data={"phase": "closed"}).ok
    page.reload()
    expect(page.locator("[data-editor-save]")).to_be_disabled()
    expect(steps.last.get_by_label("Valkokankaalla")).to_be_disabled()
    expect(page.locator("[data-move]")).to_have_count(0)
    api.dispose()
