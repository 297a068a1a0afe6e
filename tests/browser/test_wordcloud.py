"""The word-cloud warm-up in a real browser: a projector and three phones, in Finnish and
English. Phones send words (one of them offline first, one reloads), the projector counts
people while the cloud is private, the facilitator hides, merges and reveals it on the
control page, and the projector draws every word at least 32 px, none over another, none
moving when another arrives.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.browser.projector_measure import clipping, smallest_fonts
from workshop.designs import services as designs
from workshop.facilitators import services as facilitators

PHONE = {"viewport": {"width": 360, "height": 740}}
WORDS = {
    "fi": {
        "join": ("Nimesi", "Liity"),
        "send": "Lähetä",
        "field": "Sanasi tai lyhyt ilmaus",
        "reveal": "Näytä pilvi osallistujille",
        "hide": "Piilota",
        "words": [["Kiire", "jono"], ["kiire!", "odotus", "Jonot"], ["Tervetullut", "KIIRE"]],
    },
    "en": {
        "join": ("Your name", "Join"),
        "send": "Send",
        "field": "Your word or short phrase",
        "reveal": "Show the cloud to the room",
        "hide": "Hide",
        "words": [["Rushed", "queue"], ["rushed!", "waiting", "queues"], ["Welcome", "RUSHED"]],
    },
}


def _room(live_server, email: str, language: str) -> dict:
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        workshop = designs.start_workshop(owner, "Lämmittely", language)
        _token, raw = facilitators.mint_api_token(owner, "browser test")
        return {
            "id": workshop.id,
            "code": workshop.code,
            "key": workshop.projector_key,
            "token": raw,
            "email": email,
        }


def _join(context, code: str, name: str, words: dict):
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    label, button = words["join"]
    phone.get_by_label(label).fill(name)
    phone.get_by_role("button", name=button).click()
    expect(phone.locator('[data-phase-view="lobby"]')).to_be_visible()
    return phone


def _send(phone, word: str, words: dict) -> None:
    phone.get_by_label(words["field"]).fill(word)
    phone.get_by_role("button", name=words["send"], exact=True).click()


def _cloud_words(projector) -> dict[str, dict]:
    return projector.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.cloud-word')]
            .filter((el) => !el.hidden)
            .map((el) => { const r = el.getBoundingClientRect();
              return [el.textContent, {x: r.left, y: r.top, w: r.width, h: r.height,
                size: parseFloat(getComputedStyle(el).fontSize)}]; }))"""
    )


def _overlapping(boxes: dict[str, dict]) -> list[tuple[str, str]]:
    names = sorted(boxes)
    found = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            p, q = boxes[a], boxes[b]
            apart = (
                p["x"] + p["w"] <= q["x"]
                or q["x"] + q["w"] <= p["x"]
                or p["y"] + p["h"] <= q["y"]
                or q["y"] + q["h"] <= p["y"]
            )
            if not apart:
                found.append((a, b))
    return found


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_word_cloud_with_a_projector_and_three_phones(
    live_server, new_context, playwright, shot, language
):
    words = WORDS[language]
    room = _room(live_server, f"cloud-{language}@example.fi", language)
    api = playwright.request.new_context(
        base_url=live_server.url, extra_http_headers={"Authorization": f"Bearer {room['token']}"}
    )
    projector_context = new_context(viewport={"width": 1920, "height": 1080}, bypass_csp=True)
    projector = projector_context.new_page()
    projector.goto(f"/projector/{room['key']}")
    phones = []
    for name in ("Liisa", "Ville", "Aino"):
        context = new_context("Pixel 5", bypass_csp=True, reduced_motion="reduce", **PHONE)
        phones.append((context, _join(context, room["code"], name, words)))

    # The built-in plan opens with the pulse, then the warm-up: the cloud is its second step.
    for phase in ("pulse", "wordcloud"):
        moved = api.put(f"/api/v1/workshops/{room['code']}/phase", data={"phase": phase})
        assert moved.ok, moved.text()
    for _context, phone in phones:
        expect(
            phone.locator('[data-part="wordcloud"] [data-phase-view="wordcloud"]')
        ).to_be_visible()
    stage = projector.locator('[data-part="wordcloud"] [data-phase-view="wordcloud"]')
    expect(stage).to_be_visible()

    # Liisa sends offline first: her word waits on the phone and goes when she is back.
    liisa_context, liisa = phones[0]
    liisa_context.set_offline(True)
    _send(liisa, words["words"][0][0], words)
    expect(liisa.locator(".cloud-mine-note")).to_be_visible()
    liisa_context.set_offline(False)
    liisa.evaluate("window.dispatchEvent(new Event('online'))")
    expect(liisa.locator(".cloud-remove")).to_have_count(1)
    for (_context, phone), sent in zip(phones, words["words"], strict=True):
        for word in sent:
            if phone is liisa and word == sent[0]:
                continue
            _send(phone, word, words)
        expect(phone.locator(".cloud-remove")).to_have_count(len(sent))
    # Three is the most: the field closes on the phone that sent three.
    expect(phones[1][1].get_by_label(words["field"])).to_be_disabled()
    assert no_horizontal_overflow(phones[1][1])
    assert run_axe(phones[1][1]) == []
    shot(phones[1][1], f"wordcloud-phone-{language}")

    # Private: the projector counts people, not words.
    expect(projector.locator("[data-cloud-people]")).to_have_text("3")
    expect(projector.locator(".cloud-word")).to_have_count(0)

    # A phone that reloads keeps its words.
    aino = phones[2][1]
    aino.reload()
    expect(aino.locator(".cloud-remove")).to_have_count(2)

    # The facilitator hides one word, merges "jono" into "jonot", and reveals the cloud.
    control_context = new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    control = control_context.new_page()
    sign_in(control, room["email"])
    control.goto(f"/workshops/{room['id']}")
    rows = control.locator('[data-part="wordcloud"] .cloud-row')
    expect(rows).to_have_count(5)  # kiire (3 people), jono, odotus, jonot, tervetullut
    hidden_word = words["words"][2][0].casefold()
    control.locator(f'.cloud-row[data-word="{hidden_word}"]').get_by_role(
        "button",
        name=WORDS["fi"]["hide"],  # the control page speaks its facilitator's language
    ).click()
    expect(control.locator(f'.cloud-row[data-word="{hidden_word}"]')).to_have_class(
        "cloud-row is-hidden"
    )
    merged, into = words["words"][0][1].casefold(), words["words"][1][2].casefold()
    control.locator(f'.cloud-row[data-word="{merged}"] select').select_option(into)
    expect(rows).to_have_count(4)
    control.get_by_role("button", name=WORDS["fi"]["reveal"]).click()

    expect(projector.locator(".cloud-word")).to_have_count(3)
    cloud = _cloud_words(projector)
    assert set(cloud) == {words["words"][0][0], words["words"][1][1], words["words"][1][2]}
    biggest = max(cloud, key=lambda w: cloud[w]["size"])
    assert biggest == words["words"][0][0]  # three people sent it
    assert min(box["size"] for box in cloud.values()) >= 32
    assert _overlapping(cloud) == []
    smallest, _texts = smallest_fonts(projector, 32, 56)
    assert smallest >= 32
    # Contrast is measured once the words have arrived (they fade in).
    expect(projector.locator(".cloud-word.is-new")).to_have_count(0)
    assert clipping(projector) == []
    assert run_axe(projector) == []
    shot(projector, f"wordcloud-projector-{language}")

    # A word arriving later leaves the others where they are.
    before = _cloud_words(projector)
    _send(aino, "uusi" if language == "fi" else "fresh", words)
    expect(projector.locator(".cloud-word")).to_have_count(4)
    after = _cloud_words(projector)
    for word, box in before.items():
        assert (after[word]["x"], after[word]["y"]) == (box["x"], box["y"]), word
    assert _overlapping(after) == []

    # The projector reconnects (a reload) and draws the same cloud.
    projector.reload()
    expect(projector.locator(".cloud-word")).to_have_count(4)
    assert run_axe(control) == []
    shot(control, f"wordcloud-control-{language}")
