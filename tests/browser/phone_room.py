"""What the phone-room browser tests share: a room from the built-in plan, moves through
it, the others' stories and practices, and the scans that measure a phone at 360x740
(tap targets, sticky bars, clamped text)."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, no_horizontal_overflow, run_axe
from tests.conftest import walk
from workshop.designs import services as designs
from workshop.participants import services as participants
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


def scan_sticky(phone) -> dict:
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
        sticky = scan_sticky(phone)
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


def make_room(live_server, email: str, language: str = "fi") -> dict:
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


def move(live_server, room: dict, phase: str, *, seconds: int | None = 900) -> None:
    with live_server.app.app_context():
        walk(room["owner"], room["id"], phase)
        if seconds and phase != "closed":
            timer.change_timer(room["owner"], room["id"], "start", seconds)


def others_write_stories(live_server, room: dict) -> list[int]:
    ids = []
    with live_server.app.app_context():
        for n, (title, happened, agency, channel) in enumerate(STORIES):
            person = room["people"][n % len(room["people"])]
            body = {"title": title, "happened": happened, "agency": agency, "channel": channel}
            if n % 2 == 0:
                body["staff_did"] = "Myyjä keksi keinon, ja [tässä ohje](https://example.fi/o)."
            ids.append(stories.post_story(person, body, f"s{n}")[0].id)
    return ids


def others_propose(live_server, room: dict, story_ids: list[int]) -> list[int]:
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


def join_phone(context, code: str, name: str, figures: Figures | None = None, shot=None):
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    if figures:
        figures.measure(phone, "join", shot)
    phone.locator("#display_name").fill(name)
    phone.locator('button[type="submit"]').click()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    return phone


def phone_context(new_context, **kwargs):
    # axe is injected as a script (CSP), and cards are measured at rest.
    return new_context("Pixel 5", bypass_csp=True, reduced_motion="reduce", **PHONE, **kwargs)


def view_of(phone, phase: str):
    return phone.locator(f'[data-phase-view="{phase}"]')


# --- the tests ---


def scroll_to_the_foot(phone) -> None:
    phone.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    phone.wait_for_function("() => window.scrollY > innerHeight")


def in_first_screen(phone, selector: str) -> dict:
    """Where the first element matching `selector` starts, against the screen's height."""
    return phone.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return {top: r.top, height: innerHeight}; }""",
        selector,
    )


def asked_is_in_view(phone, heading: str) -> None:
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
