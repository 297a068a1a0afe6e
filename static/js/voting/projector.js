/* Voting on the projector: "3 / 12 have voted", the dots left, and the live agency x ease
 * map with its key in pages. While the tally is hidden (tally.dots is null) nothing here
 * shows dots per practice. Once the votes are revealed the results take its place
 * (../results/projector.js), so its view then is "results". */
import { register } from "../core/screen.js";
import { plural } from "../core/format.js";
import { Pager, fitCard } from "../core/pager.js";

let phase = document.body.dataset.phase;
let voting = null;
let tally = null;
let people = 0;
let hasResults = false;
let practices = new Map(); // id -> practice, as this screen may read them

function isRevealed() { return Boolean(voting && voting.revealed && hasResults); }

const ctx = register("voting", {
  view: () => (phase === "voting" && isRevealed() ? "results" : phase),
  snapshot(state) {
    phase = state.workshop.phase;
    voting = state.voting;
    tally = state.tally;
    hasResults = Boolean(state.results);
    people = state.workshop.participant_count;
    resetPractices(state.practices);
    show();
  },
  events: {
    participant_removed(data) { people = data.participant_count; draw(); },
    phase_changed(data) {
      phase = data.phase;
      voting = data.voting || voting;
      if (data.results) hasResults = true;
      if (data.practices) resetPractices(data.practices);
      if (data.phase === "voting") {
        // Back from the results: the snapshot carries them (and the tally).
        if (voting && voting.revealed) return ctx.RESYNC;
        tally = null;
      }
      show();
    },
    practice_posted: putPractice,
    practice_updated: putPractice,
    practice_deleted: putPractice,
    practice_hidden: putPractice,
    practice_restored: putPractice,
    practices_revealed(data) { resetPractices(data.practices); draw(); },
    practices_merged(data) { resetPractices(data.practices); draw(); },
    voting_changed(data) { voting = data.voting; draw(); },
    votes_revealed(data) {
      voting = { ...voting, revealed: true };
      if (data.results) hasResults = true;
      show();
    },
  },
  unsequenced: {
    participant_count(data) { people = data.participant_count; draw(); },
    tally(data) { tally = data; draw(); },
  },
});

const words = ctx.words;
const section = ctx.root.querySelector('[data-phase-view="voting"]');
const voters = section.querySelector("[data-voters]");
const votersBar = section.querySelector("[data-voters-bar]");
const dotsLeft = section.querySelector("[data-dots-left]");
const budget = section.querySelector("[data-budget]");
const legend = section.querySelector("[data-voting-legend]");
const caption = section.querySelector("[data-voting-caption]");
const map = new window.PracticeMap(section.querySelector("[data-voting-map]"), { words: words.map, large: true });
// The key to the circles, one line each, in pages of whole lines.
const legendPager = new Pager(legend, section.querySelector("[data-legend-page]"), {
  words,
  prepare: (item) => fitCard(item, { ".map-legend-title": 1 }),
});
let legendKey = null;

function resetPractices(list) { practices = new Map((list || []).map((p) => [p.id, p])); }
function putPractice(data) {
  if (data.practice) practices.set(data.practice.id, data.practice);
  else practices.delete(data.practice_id);
  draw();
}

/* The part's views follow the phase and the reveal; then the board is drawn in sight. */
function show() {
  ctx.showViews();
  draw();
}

/* Page the key again (it changed, or the screen did). */
function relayout() {
  if (!legend.offsetParent) { legendKey = null; return; } // drawn again when shown
  legendPager.layout();
  if (!legendPager.running) legendPager.start();
}

/* Before the first tick of a new vote: nobody has voted, every dot is left. */
function emptyTally() {
  const each = voting ? voting.budget : 0;
  return { voters: 0, participants: people, dots_left: people * each, dots: null, dots_cast: null, ratings: {}, revealed: false };
}

function draw() {
  if (section.hidden) return;
  // Dots on the stories: the count of who has voted, without the practices' map.
  const onStories = Boolean(voting && voting.on === "stories");
  section.classList.toggle("is-on-stories", onStories);
  const shown = onStories ? [] : Array.from(practices.values()).sort((a, b) => a.id - b.id);
  const count = tally || emptyTally();
  const dots = count.dots; // null while the tally is hidden: then no sizes, no counts
  const points = shown.map((p, i) => {
    const rating = (count.ratings || {})[String(p.id)];
    return {
      id: p.id, label: String(i + 1), title: p.title,
      agency: rating ? rating.agency : null, ease: rating ? rating.ease : null,
      weight: dots ? dots[String(p.id)] || 0 : null,
    };
  });
  const rated = map.update(points, { sized: Boolean(dots) });
  // "Not rated yet" tells something only beside practices that are.
  // The key is redrawn only when it changes (not on every tick): it keeps its page.
  const unrated = rated ? words.unrated : "";
  const key = JSON.stringify([unrated, points.map((p) => [p.id, p.label, p.title, p.agency == null || p.ease == null])]);
  if (key !== legendKey) {
    legendKey = key;
    window.PracticeMap.legend(legend, points, { unrated });
    relayout();
  }
  voters.textContent = count.voters + " / " + count.participants;
  votersBar.style.setProperty("--share", count.participants ? count.voters / count.participants : 0);
  dotsLeft.textContent = plural(words.dots_left, count.dots_left, { count: count.dots_left });
  budget.textContent = voting ? plural(words.budget, voting.budget, { count: voting.budget }) : "";
  caption.textContent = !rated ? words.map_empty : dots ? words.size_dots : words.dots_hidden;
}

// The clicker turns the key's pages while the vote is in front.
window.ProjectorFit.onTurn((step) => (section.hidden ? false : legendPager.turn(step)));
window.addEventListener("resize", relayout);
