"""A phone through a whole workshop at 360x740, measured as a person would meet it.

In every phase (the join page, lobby, stories, practices, voting, results, closed):
every tap target is at least 44x44 px, sticky bars take at most 15 % of the screen and
never sit over text while the page scrolls, nothing is wider than the screen, no clamped
text ends in a cut word, and axe-core finds nothing at any impact. Besides: a phase
change brings the phone to what the new phase asks, without the old phase's notices; the
voting page starts its cards in the first screen; the story form asks for the channel
once; and a closed workshop keeps what the room decided on the phone.

The figures measured are written to test-artifacts/phone-room-figures-<language>.json.
"""

from __future__ import annotations

import json

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, no_horizontal_overflow, run_axe
from tests.conftest import walk
from workshop.designs import services as designs
from workshop.participants import services as participants
from workshop.practices import commitments, voting
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.workshops import services as workshops
from workshop.workshops import timer
from workshop.workshops.services import Viewer

PHONE = {"viewport": {"width": 360, "height": 740}}
#: The sticky part of a phone screen may take at most this share of its height.
STICKY_SHARE = 0.15
#: The smallest tap target, both ways, in CSS pixels.
TAP = 44

LONG = (
    "Olin lomalla Toscanassa ja kävin ostoksilla pienessä lähikaupassa. Kassalla selvisi, "
    "että moni hinta koski vain kanta-asiakkaita, eikä minulla ollut korttia. Myyjä kääntyi "
    "takanani jonottavan naisen puoleen ja kysyi, saisiko hänen korttiaan lainata. Nainen "
    "ojensi sen hymyillen, ja [koko tarina on täällä](https://example.fi/tarina). "
)
STORIES = [
    ("Kanta-asiakaskortti Toscanassa", LONG * 2, 5, "in_person"),
    ("Bussikuski viittoi kyytiin", "Automaatti ei lukenut lippua. Kuljettaja viittoi.", 5, "other"),
    (
        "Hotelli vastasi twiittiin",
        "Vastaus tuli [heti](https://example.fi/h) kuin aulassa.",
        4,
        "social",
    ),
    ("Jonotusnumero 47", "Minut ohjattiin kolmeen eri jonoon. " * 6, 1, "phone"),
    (
        "Verkkokaupan palautus",
        "Palautus ei onnistunut, koska lomake ei toiminut. " * 4,
        2,
        "online",
    ),
]
PRACTICES = [
    ("Etu ilman kanta-asiakaskorttia", "Etu myös **ilman korttia**, nimellä. " * 6, [0]),
    (
        "Kuljettaja saa päättää",
        "Kuljettaja voi päästää kyytiin, jos automaatti ei onnistu. " * 5,
        [1],
    ),
    (
        "Vastaamme someen kuin aulassa",
        "Omalla nimellä, omin sanoin, [heti](https://example.fi).",
        [2],
    ),
    ("Yksi jono, yksi vastaava", "Ensimmäinen virkailija hoitaa asian loppuun.", [3, 1]),
    ("Palautus ilman lomaketta", "Palautuksen voi tehdä puhelimessa tai kaupassa.", [4]),
]

# --- measurements, in the page ---

#: Every tap target that is rendered: its smallest line box (an inline link that wraps
#: is as small as its smallest piece). A radio or checkbox is tapped through its label.
TAPS_JS = """() => {
  const picks = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label';
  const seen = new Set(); const out = [];
  const name = (el) => (el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '')
    + ' "' + (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"');
  for (const el of document.querySelectorAll(picks)) {
    let target = el;
    if (el.tagName === 'INPUT' && (el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) {
      target = el.closest('label');
    }
    // A label acts when tapping it toggles a choice; one above a text field is its caption.
    if (target.tagName === 'LABEL') {
      const control = target.control;
      if (!control || !(control.type === 'radio' || control.type === 'checkbox')) continue;
    }
    if (seen.has(target)) continue;
    seen.add(target);
    const style = getComputedStyle(target);
    if (style.visibility === 'hidden') continue;
    const rects = Array.from(target.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length) continue;
    out.push({
      what: name(target),
      width: Math.min(...rects.map((r) => r.width)),
      height: Math.min(...rects.map((r) => r.height)),
    });
  }
  return out;
}"""

#: The sticky (and fixed) parts in view: their share of the screen's height, whether two of
#: them overlap, and any text that shows beside one of them (so the bar sits over it).
STICKY_JS = """() => {
  const H = innerHeight, W = innerWidth;
  const all = Array.from(document.querySelectorAll('body *')).filter((el) => {
    const position = getComputedStyle(el).position;
    if (position !== 'sticky' && position !== 'fixed') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < H;
  });
  const bars = all.filter((el) => !all.some((other) => other !== el && other.contains(el)));
  const rects = bars.map((el) => el.getBoundingClientRect());
  const spans = rects.map((r) => [Math.max(0, r.top), Math.min(H, r.bottom)]).sort((a, b) => a[0] - b[0]);
  let covered = 0, end = -1;
  for (const [top, bottom] of spans) {
    if (bottom <= end) continue;
    covered += bottom - Math.max(top, end);
    end = bottom;
  }
  const label = (el) => el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\\s+/).join('.');
  const overlaps = [];
  rects.forEach((a, i) => rects.forEach((b, j) => {
    if (j <= i) return;
    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (x > 1 && y > 1) overlaps.push(label(bars[i]) + ' / ' + label(bars[j]));
  }));
  // Text under a bar that also shows beside it: the bar sits over a line being read.
  const beside = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    if (bars.some((bar) => bar.contains(node))) continue;
    range.selectNodeContents(node);
    for (const line of range.getClientRects()) {
      if (line.width < 1 || line.height < 1) continue;
      rects.forEach((bar, i) => {
        const x = Math.min(line.right, bar.right) - Math.max(line.left, bar.left);
        const y = Math.min(line.bottom, bar.bottom) - Math.max(line.top, bar.top);
        if (x > 1 && y > 1 && (line.left < bar.left - 1 || line.right > bar.right + 1)) {
          beside.push(label(bars[i]) + ' over "' + node.textContent.trim().slice(0, 30) + '"');
        }
      });
    }
  }
  // Across each bar's middle, what the eye meets must be the bar itself.
  const through = [];
  const plain = new Set([document.documentElement, document.body, document.getElementById('main')]);
  rects.forEach((bar, i) => {
    const y = (Math.max(0, bar.top) + Math.min(H, bar.bottom)) / 2;
    for (let x = 2; x < W - 1; x += 8) {
      const hit = document.elementFromPoint(x, y);
      if (hit && !bars[i].contains(hit) && !plain.has(hit) && !hit.matches('.phone-phase')) {
        through.push(label(bars[i]) + ' beside ' + label(hit) + ' at ' + x);
        break;
      }
    }
  });
  return {share: covered / H, height: covered, bars: bars.map(label), overlaps, beside, through};
}"""

#: Text cut by CSS (an ellipsis or a line clamp) ends in the middle of a word: none may be.
CLAMPED_JS = """() => Array.from(document.querySelectorAll('body *')).filter((el) => {
  const style = getComputedStyle(el);
  if (!el.getClientRects().length) return false;
  const clamped = style.webkitLineClamp !== 'none' && el.scrollHeight > el.clientHeight + 1;
  const ellipsis = style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1;
  return clamped || ellipsis;
}).map((el) => el.className + ': ' + el.textContent.trim().slice(-30))"""


def _scan_sticky(phone) -> dict:
    """Scroll the page from top to bottom; return the worst the sticky bars did."""
    height = phone.evaluate("() => document.documentElement.scrollHeight - innerHeight")
    worst = {"share": 0.0, "height": 0.0, "overlaps": [], "beside": [], "through": [], "bars": []}
    for y in [*range(0, max(height, 0), 170), height]:
        phone.evaluate("y => window.scrollTo(0, y)", y)
        phone.wait_for_timeout(30)
        found = phone.evaluate(STICKY_JS)
        if found["share"] > worst["share"]:
            worst.update(share=found["share"], height=found["height"], bars=found["bars"])
        for kind in ("overlaps", "beside", "through"):
            worst[kind] += [f"{item} (scrolled {y})" for item in found[kind]]
    phone.evaluate("() => window.scrollTo(0, 0)")
    return worst


class Figures:
    """What one phase measured, kept for the report and checked at once."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.phases: dict[str, dict] = {}

    def measure(self, phone, phase: str, shot=None) -> None:
        taps = phone.evaluate(TAPS_JS)
        small = [t for t in taps if t["width"] < TAP - 0.01 or t["height"] < TAP - 0.01]
        sticky = _scan_sticky(phone)
        smallest = min(taps, key=lambda t: min(t["width"], t["height"]))
        self.phases[phase] = {
            "taps": len(taps),
            "smallest_tap": smallest,
            "too_small": small,
            "sticky_share": round(sticky["share"], 3),
            "sticky_px": round(sticky["height"], 1),
            "sticky_bars": sticky["bars"],
            "sticky_problems": sticky["overlaps"] + sticky["beside"] + sticky["through"],
            "overflows": not no_horizontal_overflow(phone),
            "clamped": phone.evaluate(CLAMPED_JS),
            "axe": run_axe(phone),
        }
        if shot:
            shot(phone, f"phone-room-{self.language}-{phase}-360x740")
            phone.evaluate("() => window.scrollTo(0, innerHeight * 1.3)")
            shot(phone, f"phone-room-{self.language}-{phase}-scrolled-360x740")
            phone.evaluate("() => window.scrollTo(0, 0)")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"phone-room-figures-{self.language}.json").write_text(
            json.dumps(self.phases, indent=2, ensure_ascii=False)
        )

    def check(self) -> None:
        problems = {}
        for phase, found in self.phases.items():
            wrong = {
                "too_small": found["too_small"],
                "sticky_problems": found["sticky_problems"][:6],
                "sticky_share": found["sticky_share"]
                if found["sticky_share"] > STICKY_SHARE
                else 0,
                "overflows": found["overflows"],
                "clamped": found["clamped"],
                "axe": found["axe"],
            }
            wrong = {k: v for k, v in wrong.items() if v}
            if wrong:
                problems[phase] = wrong
        assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


# --- the room ---


def _room(live_server, email: str, language: str = "fi") -> dict:
    """A workshop from the built-in template, public writing, four other people's stories."""
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        workshop = designs.start_workshop(owner, "Objektista subjektiksi", language)
        workshops.change_settings(
            owner, workshop.id, {"private_writing": False, "are_examples_shown": True}
        )
        people = [participants.join(workshop.code, f"Osallistuja {n}")[0].id for n in range(4)]
        return {
            "owner": owner,
            "id": workshop.id,
            "code": workshop.code,
            "plan": workshop.plan,
            "people": people,
        }


def _move(live_server, room: dict, phase: str, *, seconds: int | None = 900) -> None:
    with live_server.app.app_context():
        walk(room["owner"], room["id"], phase)
        if seconds and phase != "closed":
            timer.change_timer(room["owner"], room["id"], "start", seconds)


def _others_write_stories(live_server, room: dict) -> list[int]:
    ids = []
    with live_server.app.app_context():
        for n, (title, happened, agency, channel) in enumerate(STORIES):
            person = room["people"][n % len(room["people"])]
            body = {"title": title, "happened": happened, "agency": agency, "channel": channel}
            if n % 2 == 0:
                body["staff_did"] = "Myyjä keksi keinon, ja [tässä ohje](https://example.fi/o)."
            ids.append(stories.post_story(person, body, f"s{n}")[0].id)
    return ids


def _others_propose(live_server, room: dict, story_ids: list[int]) -> list[int]:
    ids = []
    with live_server.app.app_context():
        for n, (title, description, links) in enumerate(PRACTICES):
            author = Viewer(room["id"], Audience.PARTICIPANTS, participant_id=room["people"][n % 4])
            body = {
                "title": title,
                "description": description,
                "story_ids": [story_ids[i] for i in links],
            }
            ids.append(practices.post_practice(author, body, f"p{n}")[0].id)
    return ids


def _join(context, code: str, name: str, figures: Figures | None = None, shot=None):
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    if figures:
        figures.measure(phone, "join", shot)
    phone.locator("#display_name").fill(name)
    phone.locator('button[type="submit"]').click()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    return phone


def _phone_context(new_context, **kwargs):
    # axe is injected as a script (CSP), and cards are measured at rest.
    return new_context("Pixel 5", bypass_csp=True, reduced_motion="reduce", **PHONE, **kwargs)


def _view(phone, phase: str):
    return phone.locator(f'[data-phase-view="{phase}"]')


# --- the tests ---


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_phase_fits_a_360_px_phone(live_server, new_context, shot, language):
    room = _room(live_server, f"phone-room-{language}@example.fi", language)
    figures = Figures(language)
    context = _phone_context(new_context, locale="fi-FI" if language == "fi" else "en-GB")
    phone = _join(context, room["code"], "Aino", figures, shot)
    expect(_view(phone, "lobby")).to_be_visible()
    expect(phone.locator("[data-examples]")).to_be_visible()
    figures.measure(phone, "lobby", shot)

    # Stories: everyone's on the wall, links in them, my own with its buttons, a timer.
    _move(live_server, room, "stories")
    story_ids = _others_write_stories(live_server, room)
    expect(_view(phone, "stories")).to_be_visible()
    form = phone.locator("[data-story-form]")
    form.locator("#s-title").fill("Kassa keksi keinon")
    form.locator("#s-happened").fill("Myyjä lainasi kortin [jonosta](https://example.fi/j).")
    form.locator('input[name="agency"][value="4"]').check()
    form.locator('input[name="channel"][value="in_person"]').check()
    form.locator('button[type="submit"]').click()
    expect(phone.locator("[data-my-stories] .story-card .card-actions")).to_have_count(1)
    expect(phone.locator("[data-other-stories] .story-card")).to_have_count(len(STORIES))
    expect(phone.locator("[data-phone-timer]")).to_be_visible()
    figures.measure(phone, "stories", shot)

    # Offline while writing: the banner above the timer's band, the story kept on the phone.
    context.set_offline(True)
    expect(phone.locator("[data-offline-banner]")).to_be_visible(timeout=10_000)
    form.locator("#s-title").fill("Kirjoitettu ilman yhteyttä")
    form.locator("#s-happened").fill("Verkko katkesi kesken kaiken.")
    form.locator('input[name="agency"][value="2"]').check()
    form.locator('input[name="channel"][value="online"]').check()
    form.locator('button[type="submit"]').click()
    queued = phone.evaluate("() => Live.i18n.queued")
    expect(form.locator("[data-form-status]")).to_have_text(queued)
    figures.measure(phone, "stories-offline", shot)
    context.set_offline(False)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(phone.locator("[data-my-stories] .story-card")).to_have_count(2)

    # Practices: a story picked (its chip), my own practice with its buttons, everyone's.
    _move(live_server, room, "practices")
    _others_propose(live_server, room, story_ids)
    expect(_view(phone, "practices")).to_be_visible()
    practice_form = phone.locator("[data-practice-form]")
    practice_form.locator("#p-title").fill("Myyjä saa antaa alennuksen")
    practice_form.locator(".story-option input").first.check()
    practice_form.locator('button[type="submit"]').click()
    expect(phone.locator("[data-my-practices] .practice-card .card-actions")).to_have_count(1)
    practice_form.locator(".story-option input").nth(1).check()
    expect(practice_form.locator(".picked-chip")).to_have_count(1)
    expect(phone.locator("[data-other-practices] .practice-card")).to_have_count(len(PRACTICES))
    figures.measure(phone, "practices", shot)

    # Voting: the dots bar with the timer; a notice with its button.
    with live_server.app.app_context():
        voting.change_voting(room["owner"], room["id"], {"budget": 5, "per_practice_cap": 2})
    _move(live_server, room, "voting")
    expect(_view(phone, "voting")).to_be_visible()
    cards = phone.locator(".vote-card")
    expect(cards).to_have_count(len(PRACTICES) + 1)
    cards.nth(2).locator("[data-add]").click()
    expect(phone.locator("[data-dots-left]")).to_have_attribute("data-remaining", "4")
    with live_server.app.app_context():
        voting.change_voting(room["owner"], room["id"], {"budget": 3})
    expect(phone.locator("[data-dots-left]")).to_have_attribute("data-remaining", "2")
    with live_server.app.app_context():
        practices.set_hidden(
            room["owner"], int(cards.nth(2).get_attribute("data-practice-id")), hidden=True
        )
    expect(phone.locator("[data-dots-notice]")).to_be_visible()
    figures.measure(phone, "voting", shot)

    # Offline while voting: the banner and the bar share the top, and the waiting dot says so.
    context.set_offline(True)
    expect(phone.locator("[data-offline-banner]")).to_be_visible(timeout=10_000)
    phone.locator(".vote-card").first.locator("[data-add]").click()
    expect(phone.locator("[data-dots-state]")).to_be_visible()
    figures.measure(phone, "voting-offline", shot)
    context.set_offline(False)
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    expect(phone.locator("[data-offline-banner]")).to_be_hidden()

    # Results and closed: the commitments and the ranking.
    _move(live_server, room, "results")
    with live_server.app.app_context():
        first = int(phone.locator(".vote-card").first.get_attribute("data-practice-id"))
        commitments.set_commitment(
            room["owner"],
            first,
            {"owner": "Myymäläpäällikkö Liisa Mäkelä", "first_step": "Ohje kassoille maanantaina"},
        )
    expect(phone.locator("[data-commitment-list] .commitment")).to_have_count(1)
    figures.measure(phone, "results", shot)
    _move(live_server, room, "closed")
    expect(_view(phone, "closed")).to_be_visible()
    figures.measure(phone, "closed", shot)
    figures.check()


def _scroll_to_the_foot(phone) -> None:
    phone.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    phone.wait_for_function("() => window.scrollY > innerHeight")


def _in_first_screen(phone, selector: str) -> dict:
    """Where the first element matching `selector` starts, against the screen's height."""
    return phone.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return {top: r.top, height: innerHeight}; }""",
        selector,
    )


def _asked_is_in_view(phone, heading: str) -> None:
    """The phase's instruction starts near the top of the screen, its heading below it."""
    phone.wait_for_function(
        """h => { const brief = document.querySelector('[data-phase-brief]');
                  const top = brief.getBoundingClientRect().top;
                  const head = document.querySelector(h).getBoundingClientRect();
                  return !brief.hidden && top >= 0 && top < innerHeight * 0.4
                    && head.top >= 0 && head.bottom <= innerHeight; }""",
        arg=heading,
        timeout=5_000,
    )


def test_a_phase_change_brings_the_phone_to_what_the_new_phase_asks(live_server, new_context):
    room = _room(live_server, "phone-phases@example.fi")
    phone = _join(_phone_context(new_context), room["code"], "Eero")
    _move(live_server, room, "stories")
    story_ids = _others_write_stories(live_server, room)
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
    _scroll_to_the_foot(phone)

    # Practices: the phone comes to the instruction and the form's heading, not the foot.
    _move(live_server, room, "practices")
    _others_propose(live_server, room, story_ids)
    expect(_view(phone, "practices")).to_be_visible()
    _asked_is_in_view(phone, '[data-phase-view="practices"] h1')
    practice_form = phone.locator("[data-practice-form]")
    practice_form.locator("#p-title").fill("Myyjä saa antaa alennuksen")
    practice_form.locator('button[type="submit"]').click()
    expect(practice_form.locator("[data-practice-status]")).to_have_text(words["practice"]["sent"])

    # Back to the stories.
    _scroll_to_the_foot(phone)
    _move(live_server, room, "stories")
    expect(_view(phone, "stories")).to_be_visible()
    _asked_is_in_view(phone, '[data-phase-view="stories"] h1')
    _move(live_server, room, "practices")
    expect(_view(phone, "practices")).to_be_visible()

    # Voting from the foot of the practices: the instruction, and the first card in view.
    with live_server.app.app_context():
        voting.change_voting(room["owner"], room["id"], {"budget": 3})
    _scroll_to_the_foot(phone)
    _move(live_server, room, "voting")
    expect(phone.locator(".vote-card")).to_have_count(len(PRACTICES) + 1)
    _asked_is_in_view(phone, '[data-phase-view="voting"] h1')
    first = _in_first_screen(phone, ".vote-card")
    assert 0 <= first["top"] < first["height"], first

    # Results, then closed: the same, each from the foot of the last.
    _scroll_to_the_foot(phone)
    _move(live_server, room, "results")
    _asked_is_in_view(phone, '[data-phase-view="results"] h1')


def test_the_old_phase_notices_do_not_come_back_with_it(live_server, new_context):
    room = _room(live_server, "phone-notices@example.fi")
    phone = _join(_phone_context(new_context), room["code"], "Kaisa")
    words = phone.evaluate("() => Live.i18n")
    _move(live_server, room, "stories")
    story_ids = _others_write_stories(live_server, room)
    form = phone.locator("[data-story-form]")
    form.locator("#s-title").fill("Kassa keksi keinon")
    form.locator("#s-happened").fill("Myyjä lainasi kortin jonosta.")
    form.locator('input[name="agency"][value="4"]').check()
    form.locator('input[name="channel"][value="in_person"]').check()
    form.locator('button[type="submit"]').click()
    status = form.locator("[data-form-status]")
    expect(status).to_have_text(words["sent"])

    _move(live_server, room, "practices")
    _others_propose(live_server, room, story_ids)
    practice_form = phone.locator("[data-practice-form]")
    practice_form.locator('button[type="submit"]').click()  # no title: refused, said by the field
    expect(practice_form.locator('[data-error-for="title"]')).to_be_visible()
    practice_form.locator("#p-title").fill("Myyjä saa antaa alennuksen")
    practice_form.locator('button[type="submit"]').click()
    practice_status = practice_form.locator("[data-practice-status]")
    expect(practice_status).to_have_text(words["practice"]["sent"])
    practice_form.locator("#p-title").fill("")
    practice_form.locator('button[type="submit"]').click()
    expect(practice_form.locator('[data-error-for="title"]')).to_be_visible()

    # The room goes back to the stories and on again: what each said then stays said.
    _move(live_server, room, "stories")
    expect(_view(phone, "stories")).to_be_visible()
    expect(status).to_have_text("")
    _move(live_server, room, "practices")
    expect(_view(phone, "practices")).to_be_visible()
    expect(practice_status).to_have_text("")
    expect(practice_form.locator('[data-error-for="title"]')).to_be_hidden()
    expect(practice_form.locator("#p-title")).not_to_have_attribute("aria-invalid", "true")


def test_the_voting_page_says_its_task_once_and_starts_the_cards_in_the_first_screen(
    live_server, new_context
):
    # With the template's instruction for voting (the longest), and with none.
    planned = _room(live_server, "phone-vote-planned@example.fi")
    owner = planned["owner"]
    plain_id, plain_code, _key = live_server.workshop(owner, "Ilman suunnitelmaa")
    plain = {"owner": owner, "id": plain_id, "code": plain_code}
    with live_server.app.app_context():
        plain["people"] = [
            participants.join(plain_code, f"Osallistuja {n}")[0].id for n in range(4)
        ]
    for room in (planned, plain):
        _move(live_server, room, "stories")
        story_ids = _others_write_stories(live_server, room)
        _move(live_server, room, "practices")
        _others_propose(live_server, room, story_ids)
        with live_server.app.app_context():
            voting.change_voting(room["owner"], room["id"], {"budget": 5})
        _move(live_server, room, "voting")

        phone = _join(_phone_context(new_context), room["code"], "Sanna")
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
        first = _in_first_screen(phone, ".vote-card")
        assert 0 <= first["top"] < first["height"], first
        title = _in_first_screen(phone, ".vote-card .practice-title")
        assert title["top"] + 30 < title["height"], title  # its title is read in the first screen


CHANNELS = {
    "fi": ("Millä kanavalla?", ["Kasvokkain", "Puhelimessa", "Verkossa", "Somessa", "Muualla"]),
    "en": ("Which channel?", ["In person", "By phone", "Online", "On social media", "Elsewhere"]),
}


def test_the_story_form_asks_for_the_channel_once_then_the_place(live_server, new_context):
    for language, (question, options) in CHANNELS.items():
        room = _room(live_server, f"phone-channel-{language}@example.fi", language)
        _move(live_server, room, "stories")
        context = _phone_context(new_context, locale="fi-FI" if language == "fi" else "en-GB")
        phone = _join(context, room["code"], "Aino")
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
    room = _room(live_server, "phone-closed@example.fi")
    _move(live_server, room, "stories")
    story_ids = _others_write_stories(live_server, room)
    _move(live_server, room, "practices")
    practice_ids = _others_propose(live_server, room, story_ids)
    with live_server.app.app_context():
        voting.change_voting(room["owner"], room["id"], {"budget": 3})
        _move(live_server, room, "voting")
        voting.cast_vote(room["people"][0], "d1", practice_ids[1])
        _move(live_server, room, "results")
        commitments.set_commitment(
            room["owner"],
            practice_ids[1],
            {"owner": "Liikennepäällikkö", "first_step": "Ohje kuljettajille maanantaina"},
        )
    phone = _join(_phone_context(new_context), room["code"], "Ville")
    commitment = phone.locator("[data-commitment-list] .commitment")
    expect(commitment).to_have_count(1)
    ranking = phone.locator("[data-ranking-list] .rank-item")
    expect(ranking).to_have_count(len(PRACTICES))

    _move(live_server, room, "closed")
    expect(_view(phone, "closed")).to_be_visible()
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
    room = _room(live_server, "phone-join@example.fi")
    with live_server.app.test_request_context(), force_locale("fi"):
        type_it = gettext("Type the code shown on the screen. No account, no app.")
        filled = gettext("The code is already filled in. No account, no app.")
    assert type_it != filled
    phone = _phone_context(new_context).new_page()
    phone.goto(f"/join/{room['code']}")
    expect(phone.locator("#code")).to_have_value(room["code"])
    expect(phone.locator("main")).not_to_contain_text(type_it)
    expect(phone.locator("main")).to_contain_text(filled)
    # Without the code (the address typed by hand) the page asks for it.
    phone.goto("/join")
    expect(phone.locator("main")).to_contain_text(type_it)
