"""Stories in a real browser: a phone writes, the wall shows it; a dropped phone loses nothing."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, sign_in
from workshop.stories import services as stories
from workshop.workshops import services as workshops

STORY = {
    "title": "Bussikuski viittoi kyytiin",
    "happened": "Lippuautomaatti ei lukenut korttiani. Kuljettaja **viittoi** minut kyytiin.",
    "staff_did": "Hän sanoi: *ei se mitään, mennään*.",
    "could_do": "Ehdin kokoukseen ajoissa.",
}


def _room(live_server, email: str, title: str = "Tarinatyöpaja"):
    owner = live_server.facilitator(email)
    workshop_id, code, key = live_server.workshop(owner, title)
    with live_server.app.app_context():
        workshops.change_phase(owner, workshop_id, "stories")
    return owner, workshop_id, code, key


def _join(context, code: str, name: str):
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill(name)
    phone.get_by_role("button", name="Liity").click()
    expect(phone.get_by_role("heading", name="Kerro palvelutarina")).to_be_visible()
    return phone


def _fill(phone, story: dict, agency: int = 5, channel: str = "Kasvokkain"):
    phone.get_by_label("Otsikko").fill(story["title"])
    phone.get_by_label("Mitä tapahtui").fill(story["happened"])
    phone.get_by_label("Mitä henkilökunta teki").fill(story["staff_did"])
    phone.get_by_label("Mitä pystyin sen ansiosta tekemään").fill(story["could_do"])
    phone.locator(f'.scale-option:has(input[value="{agency}"])').click()
    phone.get_by_label(channel).check()


def test_a_phone_posts_and_the_wall_shows_it_after_reveal(live_server, new_context, shot):
    owner, workshop_id, code, key = _room(live_server, "wall@example.fi")
    wall = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    wall.goto(f"/projector/{key}")
    expect(wall.locator("body")).to_have_attribute("data-connection-state", "connected")

    phone = _join(new_context("Pixel 5", viewport={"width": 360, "height": 740}), code, "Aino")
    assert no_horizontal_overflow(phone)
    _fill(phone, STORY)
    shot(phone, "phone-story-form-360x740", full_page=True)
    phone.get_by_role("button", name="Lähetä tarina").click()
    expect(phone.locator("[data-form-status]")).to_have_text("Lähetetty. Kiitos!")
    expect(phone.locator("[data-my-stories] .story-title")).to_have_text([STORY["title"]])
    expect(phone.get_by_label("Otsikko")).to_have_value("")  # the form is ready for the next one

    # Private writing: the wall counts, but shows no text until the reveal.
    expect(wall.locator("[data-private-count]")).to_have_text("1")
    expect(wall.locator("[data-wall]")).to_be_hidden()
    assert STORY["title"] not in wall.content()
    with live_server.app.app_context():
        stories.reveal(owner, workshop_id)
    card = wall.locator("[data-wall] .story-card")
    expect(card).to_have_count(1)
    expect(card.locator(".story-title")).to_have_text(STORY["title"])
    expect(card.locator(".story-body strong")).to_have_text("viittoi")
    # One story, one writer: each number in its own form ("1 tarina", not "Tarinoita: 1").
    expect(wall.locator("[data-wall-stats]")).to_have_text(
        "1 tarina · 1/1 osallistuja on kirjoittanut"
    )
    expect(wall.locator('[data-dist-count="5"]')).to_have_text("1")

    # After the reveal, new stories arrive live.
    phone.get_by_label("Otsikko").fill("Hotelli vastasi twiittiin")
    phone.get_by_label("Mitä tapahtui").fill("Vastaus tuli yhtä luontevasti kuin aulassa.")
    phone.locator('.scale-option:has(input[value="4"])').click()
    phone.get_by_label("Some").check()
    phone.get_by_role("button", name="Lähetä tarina").click()
    expect(card).to_have_count(2)
    shot(wall, "projector-wall-2-stories-1920x1080")


def test_a_story_sent_while_offline_arrives_exactly_once(live_server, new_context):
    _owner, workshop_id, code, _key = _room(live_server, "offline-story@example.fi")
    context = new_context("Pixel 5")
    phone = _join(context, code, "Eero")
    _fill(phone, {**STORY, "title": "Tarina tunnelista"}, agency=3, channel="Puhelimessa")

    context.set_offline(True)
    phone.get_by_role("button", name="Lähetä tarina").click()
    expect(phone.locator("[data-form-status]")).to_have_text(
        "Tallennettu tähän puhelimeen. Se lähetetään, kun yhteys palaa."
    )
    context.set_offline(False)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(phone.locator("[data-my-stories] .story-title")).to_have_text(["Tarina tunnelista"])
    # Another delivery attempt and a reload find the same single story.
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    phone.reload()
    expect(phone.locator("[data-my-stories] .story-card")).to_have_count(1)
    with live_server.app.app_context():
        assert stories.story_stats(workshop_id) == {"story_count": 1, "author_count": 1}


def test_a_draft_survives_a_reload(live_server, new_context):
    _owner, _workshop_id, code, _key = _room(live_server, "draft@example.fi")
    phone = _join(new_context("Pixel 5"), code, "Sanna")
    phone.get_by_label("Otsikko").fill("Huivin alennus")
    phone.get_by_label("Mitä tapahtui").fill("Kassa löysi alennuksen, jota en ollut huomannut.")
    # check() clicks and then insists the option is chosen (a click can miss on a busy machine).
    phone.locator('.scale-option input[value="4"]').check()
    # The draft is on the phone before the page goes away.
    phone.wait_for_function(
        "code => (localStorage.getItem('toimija:draft:' + code) || '').includes('\"agency\":4')",
        arg=code,
    )
    phone.reload()
    expect(phone.get_by_label("Otsikko")).to_have_value("Huivin alennus")
    expect(phone.get_by_label("Mitä tapahtui")).to_have_value(
        "Kassa löysi alennuksen, jota en ollut huomannut."
    )
    expect(phone.locator('.scale-option input[value="4"]')).to_be_checked()


SEED = [
    (
        "Kanta-asiakaskortti Toscanassa",
        "Kassa lainasi jonossa seuraavan asiakkaan korttia, jotta turisti sai alennuksen. Hän ojensi käyttämättömät kupongit vanhalle herralle.",
        5,
        "in_person",
    ),
    (
        "Huivin alennus löytyi kassalla",
        "Myyjä huomasi alennuksen, jota en ollut nähnyt, ja oli aidosti iloinen puolestani.",
        4,
        "in_person",
    ),
    (
        "Bussikuski viittoi kyytiin",
        "Lippuautomaatti ei lukenut korttia. Kuljettaja viittoi minut kyytiin ja sanoi, ettei se ole minun vikani.",
        5,
        "in_person",
    ),
    (
        "A welcome that was meant",
        "The desk in Chicago greeted me as if they had waited for me, and remembered my name the next morning too.",
        4,
        "in_person",
    ),
    (
        "The seller spoke like an owner",
        "He talked about the car the way an owner does: what it is like on a cold morning, not what the brochure says.",
        4,
        "in_person",
    ),
    (
        "Hotelli vastasi twiittiin",
        "Vastaus tuli kymmenessä minuutissa ja yhtä luontevasti kuin aulassa olisi vastattu.",
        4,
        "social",
    ),
    (
        "Jonotusnumero 47",
        "Minut ohjattiin kolmeen eri jonoon. Kukaan ei katsonut silmiin, ja lopulta lomake oli väärä.",
        1,
        "in_person",
    ),
    (
        "Chatbot looped",
        "The bot sent me back to the same three options for twenty minutes. There was no way to reach a person.",
        1,
        "online",
    ),
    (
        "Puhelinpalvelu kuunteli",
        "Asiakaspalvelija kysyi, mitä oikeasti tarvitsen, eikä lukenut käsikirjoitusta.",
        4,
        "phone",
    ),
    (
        "Lomake ilman tallennusta",
        "Sivu kaatui viimeisessä vaiheessa ja kaikki piti kirjoittaa uudelleen. Kukaan ei vastannut palautteeseen.",
        2,
        "online",
    ),
]


def _seed(live_server, stories_wanted: int, email: str):
    from workshop.participants import services as participants

    owner, workshop_id, code, key = _room(live_server, email, "Objektista subjektiksi – Aurora")
    with live_server.app.app_context():
        people = [participants.join(code, f"Osallistuja {n}")[0].id for n in range(25)]
        for n in range(stories_wanted):
            title, happened, agency, channel = SEED[n % len(SEED)]
            body = {
                "title": title if n < len(SEED) else f"{title} ({n})",
                "happened": happened,
                "agency": agency,
                "channel": channel,
                "place": "Tampere" if n % 3 else None,
            }
            stories.post_story(people[n % 17], body, f"seed-{n}")
        stories.reveal(owner, workshop_id)
    return key


def _whole_cards_only(wall) -> bool:
    return wall.evaluate(
        """() => {
          const box = document.querySelector('[data-wall]').getBoundingClientRect();
          return [...document.querySelectorAll('[data-wall] .story-card')]
            .filter(c => !c.hidden)
            .every(c => { const r = c.getBoundingClientRect();
                          return r.top >= box.top - 1 && r.bottom <= box.bottom + 1; });
        }"""
    )


def test_the_wall_with_3_and_40_stories_at_two_sizes(live_server, new_context, shot):
    for stories_wanted in (3, 40):
        key = _seed(live_server, stories_wanted, f"seed{stories_wanted}@example.fi")
        for width, height in ((1920, 1080), (1280, 720)):
            wall = new_context(viewport={"width": width, "height": height}).new_page()
            wall.goto(f"/projector/{key}")
            cards = wall.locator("[data-wall] .story-card")
            expect(cards).to_have_count(stories_wanted)
            expect(wall.locator("[data-wall-stats]")).to_contain_text(
                f"{stories_wanted} tarinaa · "
            )
            visible = wall.locator("[data-wall] .story-card:visible")
            expect(visible).to_have_count(min(stories_wanted, 4))
            wall.wait_for_timeout(700)  # let the arrival animation settle for the picture
            assert _whole_cards_only(wall)
            if stories_wanted > 4:
                expect(wall.locator("[data-wall-page]")).to_have_text("sivu 1 / 10")
            body_size = wall.evaluate(
                "() => parseFloat(getComputedStyle(document.querySelector('.wall-cards .story-body')).fontSize)"
            )
            if width == 1920:
                assert body_size >= 32
            shot(wall, f"projector-wall-{stories_wanted}-stories-{width}x{height}")


def test_the_facilitator_spotlights_a_story_on_the_wall_and_phones(live_server, new_context, shot):

    key = _seed(live_server, 3, "spotlight@example.fi")
    with live_server.app.app_context():
        workshop = workshops.workshop_by_projector_key(key)
        code, workshop_id = workshop.code, workshop.id
    wall = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    wall.goto(f"/projector/{key}")
    phone = _join(new_context("Pixel 5"), code, "Katsoja")
    control = new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(control, "spotlight@example.fi")
    control.goto(f"/workshops/{workshop_id}")
    card = control.locator('[data-stories] .story-card:has-text("Bussikuski viittoi kyytiin")')
    card.get_by_role("button", name="Valokeilaan").click()

    spotlight = wall.locator("[data-spotlight]")
    expect(spotlight).to_be_visible()
    expect(spotlight.locator(".story-title")).to_have_text("Bussikuski viittoi kyytiin")
    expect(spotlight.locator(".agency-label")).to_have_text("Subjekti: pystyin toimimaan")
    expect(phone.locator("[data-spotlight-banner] .story-title")).to_have_text(
        "Bussikuski viittoi kyytiin"
    )
    wall.wait_for_timeout(600)
    shot(wall, "projector-spotlight-1920x1080")

    control.locator(".story-card.is-spotlit").get_by_role("button", name="Lopeta valokeila").click()
    expect(spotlight).to_be_hidden()
    expect(phone.locator("[data-spotlight-banner]")).to_be_hidden()
    expect(wall.locator("[data-wall] .story-card")).to_have_count(3)


def test_a_phone_reacts_and_the_wall_counts_it(live_server, new_context, shot):
    key = _seed(live_server, 3, "reactions@example.fi")
    with live_server.app.app_context():
        workshop = workshops.workshop_by_projector_key(key)
        code, workshop_id = workshop.code, workshop.id
    wall = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    control = new_context(viewport={"width": 1440, "height": 900}).new_page()
    # What the wall and the control page send, by websocket or by polling: the counts come
    # on the tick, outside the seq, so neither asks for a snapshot for them.
    sent: list[str] = []
    for page in (wall, control):
        page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(str(frame))))
        page.on("request", lambda request: sent.append(str(request.post_data_buffer or b"")))
    wall.goto(f"/projector/{key}")
    sign_in(control, "reactions@example.fi")
    control.goto(f"/workshops/{workshop_id}")
    for page in (wall, control):
        expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    phone = _join(new_context("Pixel 5", viewport={"width": 360, "height": 740}), code, "Reagoija")
    sent.clear()
    card = phone.locator('[data-other-stories] .story-card:has-text("Bussikuski viittoi kyytiin")')
    heart = card.get_by_role("button", name="Sydän: 0")
    heart.click()
    expect(card.get_by_role("button", name="Sydän: 1")).to_have_attribute("aria-pressed", "true")
    wall_card = wall.locator('[data-wall] .story-card:has-text("Bussikuski viittoi kyytiin")')
    expect(wall_card.locator(".reaction")).to_have_text(["\u2764\ufe0f1"])
    control_card = control.locator(
        '[data-stories] .story-card:has-text("Bussikuski viittoi kyytiin")'
    )
    expect(control_card.locator(".reaction")).to_have_text(["\u2764\ufe0f1"])
    assert _whole_cards_only(wall)
    assert no_horizontal_overflow(phone)
    card.scroll_into_view_if_needed()
    shot(phone, "phone-reactions-360x740")
    card.get_by_role("button", name="Sydän: 1").click()  # and back
    expect(card.get_by_role("button", name="Sydän: 0")).to_have_attribute("aria-pressed", "false")
    expect(wall_card.locator(".reaction")).to_have_count(0)
    expect(control_card.locator(".reaction")).to_have_count(0)
    assert not [frame for frame in sent if "request_snapshot" in frame]


def test_the_facilitator_tags_a_story_and_phones_see_the_lens(live_server, new_context):
    key = _seed(live_server, 2, "lens-tagger@example.fi")
    with live_server.app.app_context():
        workshop = workshops.workshop_by_projector_key(key)
        code, workshop_id = workshop.code, workshop.id
    phone = _join(new_context("Pixel 5"), code, "Lukija")
    control = new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(control, "lens-tagger@example.fi")
    control.goto(f"/workshops/{workshop_id}")
    card = control.locator('[data-stories] .story-card:has-text("Kanta-asiakaskortti Toscanassa")')
    toggle = card.get_by_role("button", name="Kekseliäisyys asiakkaan hyväksi")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(card.get_by_role("button", name="Kekseliäisyys asiakkaan hyväksi")).to_have_attribute(
        "aria-pressed", "true"
    )
    phone_card = phone.locator('[data-other-stories] .story-card:has-text("Kanta-asiakaskortti")')
    expect(phone_card.locator(".lens")).to_have_text(["Kekseliäisyys asiakkaan hyväksi"])


def test_a_phone_edits_its_own_story(live_server, new_context):
    _owner, _workshop_id, code, _key = _room(live_server, "editor@example.fi")
    phone = _join(new_context("Pixel 5"), code, "Muokkaaja")
    _fill(phone, {**STORY, "title": "Alkuperäinen"})
    phone.get_by_role("button", name="Lähetä tarina").click()
    mine = phone.locator("[data-my-stories] .story-card")
    expect(mine.locator(".story-title")).to_have_text(["Alkuperäinen"])
    mine.get_by_role("button", name="Muokkaa").click()
    expect(phone.get_by_label("Otsikko")).to_have_value("Alkuperäinen")
    phone.get_by_label("Otsikko").fill("Korjattu otsikko")
    phone.get_by_role("button", name="Tallenna muutokset").click()
    expect(mine.locator(".story-title")).to_have_text(["Korjattu otsikko"])
    expect(mine).to_have_count(1)
    expect(phone.get_by_role("button", name="Lähetä tarina")).to_be_visible()
    expect(phone.get_by_label("Otsikko")).to_have_value("")


def test_the_facilitator_edits_lenses_and_deletes_a_story(live_server, new_context):
    key = _seed(live_server, 2, "lens-editor@example.fi")
    with live_server.app.app_context():
        workshop_id = workshops.workshop_by_projector_key(key).id
    # bypass_csp: axe is injected while the lens question is open.
    control = new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True).new_page()
    sign_in(control, "lens-editor@example.fi")
    control.goto(f"/workshops/{workshop_id}")
    control.get_by_text("Linssit", exact=True).click()
    control.get_by_label("Uusi linssi").fill("Rohkeus")
    control.get_by_role("button", name="Lisää", exact=True).click()
    expect(control.locator("[data-lens-list] input")).to_have_count(5)
    card = control.locator("[data-stories] .story-card").first
    expect(card.get_by_role("button", name="Rohkeus")).to_be_visible()
    card.get_by_role("button", name="Poista").click()
    card.locator("[data-ask] [data-confirm-yes]").click()  # it asks in the page first
    expect(control.locator("[data-stories] .story-card")).to_have_count(1)

    # Removing a lens asks in the page too: Esc and Cancel keep it, the red button removes it.
    from tests.browser.test_asking import _ask_keep_then_remove

    row = control.locator("[data-lens-list] li").nth(4)
    expect(row.locator("input")).to_have_value("Rohkeus")
    found = _ask_keep_then_remove(
        control,
        row,
        row.get_by_role("button", name="Poista"),
        row,
        "Poistetaanko linssi ”Rohkeus”? Sen kautta katsotut tarinat menettävät merkinnän.",
    )
    assert found == []
    expect(control.locator("[data-lens-list] input")).to_have_count(4)
