"""A phone as the workshop moves: a phase change brings it to what the new phase asks,
without the old phase's notices; the voting page starts its cards in the first screen; the
story form asks for the channel once; a closed workshop keeps what the room decided; the
join page through the QR code says the code is there.
"""

from __future__ import annotations

from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe
from tests.browser.phone_room import (
    PRACTICES,
    STORIES,
    asked_is_in_view,
    in_first_screen,
    join_phone,
    make_room,
    move,
    others_propose,
    others_write_stories,
    phone_context,
    scroll_to_the_foot,
    view_of,
)
from workshop.participants import services as participants
from workshop.practices import commitments
from workshop.voting import dots as voting


def part_words(page, key: str) -> dict:
    """An activity part's words (its data-i18n-part JSON), as its script reads them."""
    return page.evaluate(
        "(key) => JSON.parse(document.querySelector(`script[data-i18n-part='${key}']`).textContent)",
        key,
    )


def test_a_phase_change_brings_the_phone_to_what_the_new_phase_asks(live_server, new_context):
    room = make_room(live_server, "phone-phases@example.fi")
    phone = join_phone(phone_context(new_context), room["code"], "Eero")
    move(live_server, room, "stories")
    story_ids = others_write_stories(live_server, room)
    expect(phone.locator("[data-other-stories] .story-card")).to_have_count(len(STORIES))
    words = phone.evaluate("() => Live.i18n")

    # A story sent; then the person reads to the foot of the page.
    form = phone.locator("[data-story-form]")
    form.locator("#s-title").fill("Kassa keksi keinon")
    form.locator("#s-happened").fill("Myyjä lainasi kortin jonosta.")
    form.locator('input[name="agency"][value="4"]').check()
    form.locator('input[name="channel"][value="in_person"]').check()
    form.locator('button[type="submit"]').click()
    expect(form.locator("[data-form-status]")).to_have_text(words["sent"])
    scroll_to_the_foot(phone)

    # Practices: the phone comes to the instruction and the form's heading, not the foot.
    move(live_server, room, "practices")
    others_propose(live_server, room, story_ids)
    expect(view_of(phone, "practices")).to_be_visible()
    asked_is_in_view(phone, '[data-phase-view="practices"] h1')
    practice_form = phone.locator("[data-practice-form]")
    practice_form.locator("#p-title").fill("Myyjä saa antaa alennuksen")
    practice_form.locator('button[type="submit"]').click()
    expect(practice_form.locator("[data-practice-status]")).to_have_text(
        part_words(phone, "practices")["sent"]
    )

    # Back to the stories.
    scroll_to_the_foot(phone)
    move(live_server, room, "stories")
    expect(view_of(phone, "stories")).to_be_visible()
    asked_is_in_view(phone, '[data-phase-view="stories"] h1')
    move(live_server, room, "practices")
    expect(view_of(phone, "practices")).to_be_visible()

    # Voting from the foot of the practices: the instruction, and the first card in view.
    with live_server.app.app_context():
        voting.change_voting(room["owner"], room["id"], {"budget": 3})
    scroll_to_the_foot(phone)
    move(live_server, room, "voting")
    expect(phone.locator(".vote-card")).to_have_count(len(PRACTICES) + 1)
    asked_is_in_view(phone, '[data-phase-view="voting"] h1')
    first = in_first_screen(phone, ".vote-card")
    assert 0 <= first["top"] < first["height"], first

    # Results, then closed: the same, each from the foot of the last.
    scroll_to_the_foot(phone)
    move(live_server, room, "results")
    asked_is_in_view(phone, '[data-phase-view="results"] h1')


def test_the_old_phase_notices_do_not_come_back_with_it(live_server, new_context):
    room = make_room(live_server, "phone-notices@example.fi")
    phone = join_phone(phone_context(new_context), room["code"], "Kaisa")
    words = phone.evaluate("() => Live.i18n")
    move(live_server, room, "stories")
    story_ids = others_write_stories(live_server, room)
    form = phone.locator("[data-story-form]")
    form.locator("#s-title").fill("Kassa keksi keinon")
    form.locator("#s-happened").fill("Myyjä lainasi kortin jonosta.")
    form.locator('input[name="agency"][value="4"]').check()
    form.locator('input[name="channel"][value="in_person"]').check()
    form.locator('button[type="submit"]').click()
    status = form.locator("[data-form-status]")
    expect(status).to_have_text(words["sent"])

    move(live_server, room, "practices")
    others_propose(live_server, room, story_ids)
    practice_form = phone.locator("[data-practice-form]")
    practice_form.locator('button[type="submit"]').click()  # no title: refused, said by the field
    expect(practice_form.locator('[data-error-for="title"]')).to_be_visible()
    practice_form.locator("#p-title").fill("Myyjä saa antaa alennuksen")
    practice_form.locator('button[type="submit"]').click()
    practice_status = practice_form.locator("[data-practice-status]")
    expect(practice_status).to_have_text(part_words(phone, "practices")["sent"])
    practice_form.locator("#p-title").fill("")
    practice_form.locator('button[type="submit"]').click()
    expect(practice_form.locator('[data-error-for="title"]')).to_be_visible()

    # The room goes back to the stories and on again: what each said then stays said.
    move(live_server, room, "stories")
    expect(view_of(phone, "stories")).to_be_visible()
    expect(status).to_have_text("")
    move(live_server, room, "practices")
    expect(view_of(phone, "practices")).to_be_visible()
    expect(practice_status).to_have_text("")
    expect(practice_form.locator('[data-error-for="title"]')).to_be_hidden()
    expect(practice_form.locator("#p-title")).not_to_have_attribute("aria-invalid", "true")


def test_the_voting_page_says_its_task_once_and_starts_the_cards_in_the_first_screen(
    live_server, new_context
):
    # With the template's instruction for voting (the longest), and with none.
    planned = make_room(live_server, "phone-vote-planned@example.fi")
    owner = planned["owner"]
    plain_id, plain_code, _key = live_server.workshop(owner, "Ilman suunnitelmaa")
    plain = {"owner": owner, "id": plain_id, "code": plain_code}
    with live_server.app.app_context():
        plain["people"] = [
            participants.join(plain_code, f"Osallistuja {n}")[0].id for n in range(4)
        ]
    for room in (planned, plain):
        move(live_server, room, "stories")
        story_ids = others_write_stories(live_server, room)
        move(live_server, room, "practices")
        others_propose(live_server, room, story_ids)
        with live_server.app.app_context():
            voting.change_voting(room["owner"], room["id"], {"budget": 5})
        move(live_server, room, "voting")

        phone = join_phone(phone_context(new_context), room["code"], "Sanna")
        expect(phone.locator(".vote-card")).to_have_count(len(PRACTICES))
        # Whatever is said between the top of the page and the first card, but the counts.
        said = phone.evaluate(
            """() => {
              const first = document.querySelector('.vote-card');
              return Array.from(document.querySelectorAll('main p')).filter((p) =>
                p.getClientRects().length && p.textContent.trim()
                && (p.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)
                && !p.closest('.phone-header, [data-dots-bar], .dots-status')
                && !p.matches('.phone-workshop')).map((p) => p.textContent.trim());
            }"""
        )
        assert len(said) == 1, said  # one short instruction: the plan's, or the page's own
        first = in_first_screen(phone, ".vote-card")
        assert 0 <= first["top"] < first["height"], first
        title = in_first_screen(phone, ".vote-card .practice-title")
        assert title["top"] + 30 < title["height"], title  # its title is read in the first screen


CHANNELS = {
    "fi": ("Millä kanavalla?", ["Kasvokkain", "Puhelimessa", "Verkossa", "Somessa", "Muualla"]),
    "en": ("Which channel?", ["In person", "By phone", "Online", "On social media", "Elsewhere"]),
}


def test_the_story_form_asks_for_the_channel_once_then_the_place(live_server, new_context):
    for language, (question, options) in CHANNELS.items():
        room = make_room(live_server, f"phone-channel-{language}@example.fi", language)
        move(live_server, room, "stories")
        context = phone_context(new_context, locale="fi-FI" if language == "fi" else "en-GB")
        phone = join_phone(context, room["code"], "Aino")
        form = phone.locator("[data-story-form]")
        channel = form.locator("fieldset.chips")
        expect(channel.locator("legend")).to_have_text(question)
        expect(channel.locator("label.choice")).to_have_text(options)
        # The place comes after the channel, and nothing else asks "where".
        labels = form.locator("label, legend").all_inner_texts()
        assert labels.index(question) < next(
            i for i, text in enumerate(labels) if text.startswith(("Paikka", "Place"))
        )
        assert not [t for t in labels if t.startswith(("Missä", "Where"))], labels

        # The card says the channel in the very words of the form.
        form.locator("#s-title").fill("Puhelinpalvelu kuunteli")
        form.locator("#s-happened").fill("Asia hoitui yhdellä puhelulla.")
        form.locator('input[name="agency"][value="4"]').check()
        form.locator('input[name="channel"][value="phone"]').check()
        form.locator('button[type="submit"]').click()
        expect(phone.locator("[data-my-stories] .story-card .chip").first).to_have_text(options[1])


def test_a_closed_workshop_keeps_the_commitments_and_the_ranking_on_the_phone(
    live_server, new_context, shot
):
    room = make_room(live_server, "phone-closed@example.fi")
    move(live_server, room, "stories")
    story_ids = others_write_stories(live_server, room)
    move(live_server, room, "practices")
    practice_ids = others_propose(live_server, room, story_ids)
    with live_server.app.app_context():
        voting.change_voting(room["owner"], room["id"], {"budget": 3})
        move(live_server, room, "voting")
        voting.cast_vote(room["people"][0], "d1", practice_ids[1])
        move(live_server, room, "results")
        commitments.set_commitment(
            room["owner"],
            practice_ids[1],
            {"owner": "Liikennepäällikkö", "first_step": "Ohje kuljettajille maanantaina"},
        )
    phone = join_phone(phone_context(new_context), room["code"], "Ville")
    commitment = phone.locator("[data-commitment-list] .commitment")
    expect(commitment).to_have_count(1)
    ranking = phone.locator("[data-ranking-list] .rank-item")
    expect(ranking).to_have_count(len(PRACTICES))

    move(live_server, room, "closed")
    expect(view_of(phone, "closed")).to_be_visible()
    for _ in range(2):  # as it closed, and after a reload (the snapshot)
        expect(commitment).to_have_count(1)
        expect(commitment).to_be_visible()
        expect(ranking.first).to_be_visible()
        expect(commitment).to_contain_text(PRACTICES[1][0])
        expect(commitment).to_contain_text("Liikennepäällikkö")
        expect(commitment).to_contain_text("Ohje kuljettajille maanantaina")
        expect(ranking).to_have_count(len(PRACTICES))
        expect(ranking.first).to_contain_text(PRACTICES[1][0])
        expect(phone.locator("[data-closed-kept]")).to_be_visible()
        assert no_horizontal_overflow(phone)
        assert run_axe(phone) == []
        phone.reload()
        expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    shot(phone, "phone-closed-kept-360x740", full_page=True)


def test_the_join_page_through_the_qr_code_says_the_code_is_there(live_server, new_context):
    room = make_room(live_server, "phone-join@example.fi")
    with live_server.app.test_request_context(), force_locale("fi"):
        type_it = gettext("Type the code shown on the screen. No account, no app.")
        filled = gettext("The code is already filled in. No account, no app.")
    assert type_it != filled
    phone = phone_context(new_context).new_page()
    phone.goto(f"/join/{room['code']}")
    expect(phone.locator("#code")).to_have_value(room["code"])
    expect(phone.locator("main")).not_to_contain_text(type_it)
    expect(phone.locator("main")).to_contain_text(filled)
    # Without the code (the address typed by hand) the page asks for it.
    phone.goto("/join")
    expect(phone.locator("main")).to_contain_text(type_it)
