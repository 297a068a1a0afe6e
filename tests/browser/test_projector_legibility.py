"""The projector read from the back row: every text it shows, in every phase and state, at
least 32 px at 1920x1080 and headings at least 56 px (the same share of the screen at
1280x720: 21 and 37 px); whole cards only, no text line cut, the page number in its own
space; a long spotlighted story shown whole, page by page. Realistic and long content, in
Finnish and in English. A presenter's clicker (PageDown) turns the pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import run_axe
from tests.browser.legibility_room import (
    CONTENT,
    SIZES,
    Room,
    answer_pulse,
    join_people,
    make_room,
    propose_practices,
    write_stories,
)
from tests.browser.projector_measure import clipping, smallest_fonts
from tests.conftest import walk as walk_to_phase
from workshop.designs import services as designs
from workshop.practices import commitments
from workshop.practices import services as practices
from workshop.pulse import services as pulse
from workshop.stories import services as stories
from workshop.stories import spotlight
from workshop.voting import dots as voting
from workshop.voting import ratings, results
from workshop.workshops import admin, timer
from workshop.workshops import services as workshops


def _projector(new_context, room: Room, width: int = 1920, height: int = 1080, **options):
    page = new_context(viewport={"width": width, "height": height}, **options).new_page()
    page.goto(f"/projector/{room.key}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    return page


def _settle(page) -> None:
    """Wait until nothing moves: arrivals, the reveal, the map's circles, web fonts."""
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_function(
        """() => document.getAnimations().filter(a => a.playState === 'running'
                  && isFinite(a.effect.getComputedTiming().endTime)).length === 0""",
        timeout=15_000,
    )


#: The page numbers on the screen now, joined: they change when a page turns.
PAGE_LINES = """() => [...document.querySelectorAll('[data-page-line]')]
  .filter(p => !p.hidden && p.offsetParent && p.textContent.trim())
  .map(p => p.textContent).join('|')"""


class Walk:
    """Measure the projector in each state; collect the smallest font and every offender."""

    def __init__(self, page, width: int, height: int, shot, name: str, axe: bool = True):
        self.page, self.width, self.height, self.shot, self.name = page, width, height, shot, name
        self.body_min, self.heading_min = SIZES[(width, height)]
        self.smallest: dict[str, float] = {}
        self.offenders: list[str] = []
        self.cut: list[str] = []
        self.axe: list[str] = []
        self.runs_axe = axe

    def measure(self, state: str, *, pages: bool = True) -> None:
        """Measure now and, with `pages`, on each page a clicker reaches (PageDown)."""
        seen = set()
        for turn in range(40):
            _settle(self.page)
            page_line = self._page_line()
            if page_line and page_line in seen:
                break  # round again to the first page
            seen.add(page_line)
            smallest, offenders = smallest_fonts(self.page, self.body_min, self.heading_min)
            self.smallest[state] = min(self.smallest.get(state, 999.0), smallest)
            self.offenders += [
                f"{state}: {o['size']}px {'heading ' if o['heading'] else ''}{o['where']} {o['text']!r}"
                for o in offenders
            ]
            self.cut += [f"{state} (page {turn + 1}): {problem}" for problem in clipping(self.page)]
            if turn == 0:
                self.shot(self.page, f"legible-{self.name}-{state}-{self.width}x{self.height}")
                if self.runs_axe:
                    self.axe += [f"{state}: {v}" for v in run_axe(self.page)]
            if not pages or not page_line:
                break
            self.page.keyboard.press("PageDown")
            self.page.wait_for_function(f"line => ({PAGE_LINES})() !== line", arg=page_line)

    def _page_line(self) -> str:
        return self.page.evaluate(PAGE_LINES)


def _walk_every_phase(
    live_server, new_context, shot, language: str, width: int, height: int, room: Room | None = None
):
    name = language if room is None else f"{language}-limits"
    room = room or make_room(live_server, language)
    # axe is injected as an inline script, which the page's CSP refuses unless bypassed.
    page = _projector(new_context, room, width, height, reduced_motion="reduce", bypass_csp=True)
    walk = Walk(page, width, height, shot, name)
    words = CONTENT[language]

    def settings(**changes):
        with live_server.app.app_context():
            workshops.change_settings(room.owner, room.id, changes)

    def phase(name: str):
        with live_server.app.app_context():
            walk_to_phase(room.owner, room.id, name)
        expect(page.locator("body")).to_have_attribute("data-phase", name)

    walk.measure("lobby")
    settings(are_examples_shown=True)
    expect(page.locator("[data-examples]")).to_be_visible()
    walk.measure("lobby-examples")
    settings(are_examples_shown=False, is_qr_shown=True)
    expect(page.locator("[data-qr-overlay]")).to_be_visible()
    walk.measure("qr-overlay", pages=False)
    settings(is_qr_shown=False)

    join_people(live_server, room, language)
    phase("pulse")
    answer_pulse(live_server, room)
    expect(page.locator("[data-pulse-people]")).to_have_text("20")
    walk.measure("pulse-counts")
    with live_server.app.app_context():
        pulse.reveal(room.owner, room.id)
    expect(page.locator(".pulse-mean-number")).to_have_count(3)  # the fourth: too few
    walk.measure("pulse-revealed")

    write_stories(live_server, room, language)
    expect(page.locator("[data-private-count]")).to_have_text("40")
    walk.measure("stories-private")
    settings(are_examples_shown=True)
    expect(page.locator("[data-examples]")).to_be_visible()
    walk.measure("stories-examples")
    settings(are_examples_shown=False)
    with live_server.app.app_context():
        stories.reveal(room.owner, room.id)
    expect(page.locator("[data-wall] .story-card")).to_have_count(40)
    walk.measure("stories-wall")

    with live_server.app.app_context():
        spotlight.spotlight(room.owner, room.id, room.long_story)
    expect(page.locator("[data-spotlight] .story-title")).to_have_text(words["long"][0])
    walk.measure("spotlight")
    _whole_spotlight(page, words)
    with live_server.app.app_context():
        spotlight.spotlight(room.owner, room.id, None)
    expect(page.locator("[data-spotlight]")).to_be_hidden()

    phase("practices")
    propose_practices(live_server, room, language)
    expect(page.locator("[data-practices-private-count]")).to_have_text(
        str(len(words["practices"]))
    )
    walk.measure("practices-private")
    with live_server.app.app_context():
        practices.reveal(room.owner, room.id)
    expect(page.locator(".board-card")).to_have_count(len(words["practices"]))
    walk.measure("practices")
    with live_server.app.app_context():
        timer.change_timer(room.owner, room.id, "start", 10 * 60)
        timer.change_timer(room.owner, room.id, "pause")
    expect(page.locator("[data-timer]")).to_have_attribute("data-state", "paused")
    walk.measure("timer-paused", pages=False)
    with live_server.app.app_context():
        workshops.change_settings(room.owner, room.id, {"locks_at_time_up": True})
        timer.change_timer(room.owner, room.id, "stop")
    expect(page.locator("[data-timer]")).to_have_attribute("data-state", "stopped")
    with live_server.app.app_context():
        timer.change_timer(room.owner, room.id, "start", 1)
    expect(page.locator("[data-timer]")).to_have_attribute("data-state", "ended", timeout=10_000)
    walk.measure("timer-ended", pages=False)
    with live_server.app.app_context():
        timer.change_timer(room.owner, room.id, "stop")
        workshops.change_settings(room.owner, room.id, {"locks_at_time_up": False})

    with live_server.app.app_context():
        voting.change_voting(room.owner, room.id, {"budget": 3, "hide_tally": True})
    phase("voting")
    with live_server.app.app_context():
        for n, person in enumerate(room.people[:14]):
            for k, practice_id in enumerate(room.practice_ids[:-2]):
                score = {"agency": 1 + (n + k) % 5, "ease": 1 + (n * k) % 5}
                ratings.rate(person, practice_id, score)
            for dot in range(3):
                target = room.practice_ids[(n + dot * 5) % len(room.practice_ids)]
                voting.cast_vote(person, f"dot-{n}-{dot}", target)
    expect(page.locator("[data-voters]")).to_have_text("14 / 25")
    expect(page.locator("[data-voting-map] .map-dot")).to_have_count(len(room.practice_ids) - 2)
    walk.measure("voting-map")

    with live_server.app.app_context():
        results.reveal_votes(room.owner, room.id)
    expect(page.locator('[data-phase-view="results"]')).to_have_attribute(
        "data-reveal-state", "done", timeout=15_000
    )
    # Customer agency by channel under the standings: five channels side by side, the
    # online one flagged, measured with the rest.
    channels = page.locator("[data-results-channels]")
    expect(channels.locator(".channel-tile")).to_have_count(5)
    expect(channels.locator(".channel-tile.is-flagged")).to_have_attribute("data-channel", "online")
    expect(channels.locator(".channel-tile.is-small")).to_have_count(2)
    expect(channels.locator("[data-channels-line]")).to_have_text(words["channel_flag"])
    walk.measure("results-revealed")
    phase("results")
    with live_server.app.app_context():
        commitments.set_commitment(room.owner, room.practice_ids[0], {"owner": words["owner"]})
        commitments.set_commitment(room.owner, room.practice_ids[3], {"owner": words["owner"]})
    expect(page.locator(".standing-commitment")).to_have_count(2)
    walk.measure("results-commitments")
    phase("closed")
    walk.measure("closed")
    with live_server.app.app_context():
        admin.delete_workshop(room.owner, room.id)
    expect(page.locator("[data-deleted]")).to_be_visible()
    walk.measure("deleted", pages=False)
    return walk


def _whole_spotlight(page, words: dict) -> None:
    """Every line of the long story comes whole on the screen on some page: nothing is cut."""
    unseen = page.evaluate(
        """async () => {
          const card = document.querySelector('.spotlight .story-card');
          const nodes = [];
          const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) if (node.textContent.trim()) nodes.push(node);
          const seen = nodes.map(() => new Set());
          const line = () => [...document.querySelectorAll('.spotlight [data-page-line]')]
            .map(p => p.hidden ? '' : p.textContent).join('');
          const first = line();
          for (let turn = 0; turn < 30; turn++) {
            nodes.forEach((node, i) => {
              let clip = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
              for (let a = node.parentElement; a; a = a.parentElement) {
                const s = getComputedStyle(a);
                if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
                const b = a.getBoundingClientRect();
                clip = {left: Math.max(clip.left, b.left), top: Math.max(clip.top, b.top),
                        right: Math.min(clip.right, b.right), bottom: Math.min(clip.bottom, b.bottom)};
              }
              const range = document.createRange();
              range.selectNodeContents(node);
              [...range.getClientRects()].forEach((r, k) => {
                if (r.width < 1) return;
                if (r.left >= clip.left - 1 && r.right <= clip.right + 1
                    && r.top >= clip.top - 1 && r.bottom <= clip.bottom + 1) seen[i].add(k);
              });
            });
            if (!first) break;
            document.dispatchEvent(new KeyboardEvent('keydown', {key: 'PageDown', bubbles: true}));
            await new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)));
            if (line() === first) break;
          }
          return nodes.filter((node, i) => {
            const range = document.createRange();
            range.selectNodeContents(node);
            const count = [...range.getClientRects()].filter(r => r.width >= 1).length;
            return seen[i].size < count;
          }).map(node => node.textContent.slice(0, 80));
        }"""
    )
    assert unseen == [], unseen
    text = page.locator(".spotlight .story-card").inner_text()
    for part in words["long"][1:]:
        assert part.strip()[:40] in text


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_projector_text_is_legible_from_the_back_row(
    live_server, new_context, shot, language
):
    walk = _walk_every_phase(live_server, new_context, shot, language, 1920, 1080)
    print(f"\nsmallest font per state at 1920x1080 ({language}):", walk.smallest)
    assert walk.offenders == [], "\n".join(walk.offenders[:40])
    assert walk.cut == [], "\n".join(walk.cut[:40])
    assert walk.axe == [], "\n".join(walk.axe)


def test_the_same_share_of_a_1280x720_screen(live_server, new_context, shot):
    walk = _walk_every_phase(live_server, new_context, shot, "fi", 1280, 720)
    print("\nsmallest font per state at 1280x720 (fi):", walk.smallest)
    assert walk.offenders == [], "\n".join(walk.offenders[:40])
    assert walk.cut == [], "\n".join(walk.cut[:40])


def test_the_reveal_keeps_its_contrast_mid_animation(live_server, new_context, shot):
    """axe, every impact level, while the ranking rises (frozen at several moments) and after."""
    room = make_room(live_server, "en")
    write_stories(live_server, room, "en", 6)
    with live_server.app.app_context():
        stories.reveal(room.owner, room.id)
        walk_to_phase(room.owner, room.id, "practices")
    propose_practices(live_server, room, "en")
    with live_server.app.app_context():
        practices.reveal(room.owner, room.id)
        voting.change_voting(room.owner, room.id, {"budget": 3, "hide_tally": True})
        walk_to_phase(room.owner, room.id, "voting")
        for n, person in enumerate(room.people[:8]):
            for k, practice_id in enumerate(room.practice_ids):
                ratings.rate(person, practice_id, {"agency": 1 + (n + k) % 5, "ease": 1 + k % 5})
            for dot in range(3):
                target = room.practice_ids[(n + dot) % len(room.practice_ids)]
                voting.cast_vote(person, f"dot-{n}-{dot}", target)
    page = _projector(new_context, room, bypass_csp=True)
    expect(page.locator("[data-voters]")).to_have_text("8 / 25")
    with live_server.app.app_context():
        results.reveal_votes(room.owner, room.id)
    section = page.locator('[data-phase-view="results"]')
    expect(section).to_have_attribute("data-reveal-state", "running")
    for moment in (0.15, 0.5, 0.85):
        # Freeze every running animation at this share of its own run (after its delay).
        page.evaluate(
            """share => document.getAnimations().forEach(a => {
                 const t = a.effect.getComputedTiming();
                 a.pause();
                 a.currentTime = t.delay + share * t.duration;
               })""",
            moment,
        )
        shot(page, f"projector-reveal-{int(moment * 100)}")
        assert run_axe(page) == [], moment
    page.evaluate("() => document.getAnimations().forEach(a => a.finish())")
    expect(section).to_have_attribute("data-reveal-state", "done", timeout=15_000)
    assert run_axe(page) == []


def test_the_longest_welcome_instructions_and_title_stay_whole(live_server, new_context, shot):
    """A template at its limits: a 120-character name, a 600-character welcome, 200-character
    instructions. Still >= 32 px, nothing cut, no text drawn over another."""
    owner = live_server.facilitator("legible-limits@example.fi")
    sentence = "Tänään etsimme yhdessä hetkiä, joissa asiakas sai toimia itse. "
    with live_server.app.app_context():
        design = designs.builtin_design("fi")
        design["name"] = "Pitkät tekstit"
        design["welcome"] = (sentence * 10)[:600].strip()
        for texts in [design["lobby"], *design["steps"]]:
            texts["projector"] = (sentence * 4)[:200].strip()
        template = designs.save_template(owner, design)
        title = ("Asiakaskokemuksen arvotyöpaja " * 5)[:120].strip()
        workshop = designs.start_workshop(owner, title, "fi", template.id)
        room = Room(owner, workshop.id, workshop.code, workshop.projector_key)
        timer.change_timer(owner, room.id, "start", 25 * 60)
    walk = _walk_every_phase(live_server, new_context, shot, "fi", 1920, 1080, room)
    print("\nsmallest font per state with the longest texts:", walk.smallest)
    assert walk.offenders == [], "\n".join(walk.offenders[:40])
    assert walk.cut == [], "\n".join(walk.cut[:40])


def test_a_window_made_full_screen_lays_the_room_out_again(live_server, new_context, shot):
    """The projector opened in a window, then made full screen (F11): pages, fitted texts
    and the map follow the new size; nothing is cut, nothing stays small."""
    room = make_room(live_server, "fi")
    write_stories(live_server, room, "fi", 12)
    with live_server.app.app_context():
        stories.reveal(room.owner, room.id)
    page = _projector(new_context, room, 1366, 768, reduced_motion="reduce")
    expect(page.locator("[data-wall] .story-card")).to_have_count(12)
    page.set_viewport_size({"width": 1920, "height": 1080})
    walk = Walk(page, 1920, 1080, shot, "resized", axe=False)
    walk.measure("stories-wall")
    with live_server.app.app_context():
        spotlight.spotlight(room.owner, room.id, room.long_story)
    expect(page.locator("[data-spotlight] .story-title")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 720})
    page.set_viewport_size({"width": 1920, "height": 1080})
    walk.measure("spotlight")
    assert walk.offenders == [], "\n".join(walk.offenders[:40])
    assert walk.cut == [], "\n".join(walk.cut[:40])
