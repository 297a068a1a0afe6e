/* The results on the projector: the ranking (rank, title, dots, means, trace, commitment)
 * beside the map, in the server's order. Their reveal ranks the practices from the last to
 * the first, the winner last. Once the votes are revealed in the voting step, the results
 * show there too (its view is "results"), and follow the tally as votes still change. */
import { register } from "../core/screen.js";
import { format, plural, decimal } from "../core/format.js";
import { el } from "../core/dom.js";
import { inRankedOrder } from "../core/ranking.js";
import { Pager, fitCard } from "../core/pager.js";

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const STEP_MS = 700; // between two rows of the reveal
const WINNER_PAUSE_MS = 1100; // a breath before the first place
const ROW_MS = 1900; // one row's own animation (it rises, its bar grows), see .is-revealing in results.css

let phase = document.body.dataset.phase;
let voting = null;
let results = null; // as the server last sent them
let shownView = null; // the view this part last showed

function currentView() {
  return phase === "voting" && voting && voting.revealed && results ? "results" : phase;
}
/* While the results are in sight, a change to the practices comes with a fresh snapshot:
 * the ranking carries them. */
function resyncIfShown() { return currentView() === "results" ? ctx.RESYNC : undefined; }

const ctx = register("results", {
  view: currentView,
  snapshot(state) {
    phase = state.workshop.phase;
    voting = state.voting;
    results = state.results || null;
    show(false); // a snapshot never replays the reveal
  },
  events: {
    phase_changed(data) {
      phase = data.phase;
      voting = data.voting || voting;
      if (data.results) results = data.results;
      if (data.phase === "voting" && voting && voting.revealed) return ctx.RESYNC; // back from the results
      show(true);
    },
    votes_revealed(data) {
      voting = { ...voting, revealed: true };
      if (data.results) results = data.results;
      show(true);
    },
    commitments_changed(data) { commitments(data.commitments); },
    practice_posted: resyncIfShown,
    practice_updated: resyncIfShown,
    practice_deleted: resyncIfShown,
    practice_hidden: resyncIfShown,
    practice_restored: resyncIfShown,
    practices_revealed: resyncIfShown,
    practices_merged: resyncIfShown,
    // The channels count the visible stories: a story hidden or back changes them.
    story_hidden: resyncIfShown,
    story_restored: resyncIfShown,
    story_deleted: resyncIfShown,
    story_updated: resyncIfShown,
  },
  unsequenced: {
    tally(data) { if (phase === "voting" && currentView() === "results") fromTally(data); },
  },
});

const words = ctx.words;
const section = ctx.root.querySelector('[data-phase-view="results"]');
const summary = section.querySelector("[data-results-summary]");
const list = section.querySelector("[data-ranking]");
const pager = new Pager(list, section.querySelector("[data-standings-page]"), {
  words, seconds: 15, firstSeconds: 40,
  prepare: (row) => fitCard(row, { ".standing-title": 2 }),
});
const map = new window.PracticeMap(section.querySelector("[data-results-map]"), { words: words.map, large: true });
const caption = section.querySelector("[data-results-caption]");
const channelBox = section.querySelector("[data-results-channels]");
const channelLine = channelBox.querySelector("[data-channels-line]");
const channelTiles = channelBox.querySelector("[data-channel-tiles]");
let drawn = null; // the results on the screen
let signed = "";
let timer = null;
let pending = null; // results that came during the reveal: drawn after it

/* Show the part's view; `animate` reveals the results when they come into sight. */
function show(animate) {
  const before = shownView;
  ctx.showViews();
  shownView = currentView();
  if (shownView === "results") draw(results, animate && before !== "results");
}

function signature(next) {
  return JSON.stringify([next.voters, next.participants, next.dots_cast, next.channels, next.ranking.map((r) => {
    const item = r.practice || r.story;
    return [item.id, r.dots, r.agency, r.ease, item.title, item.commitment];
  })]);
}

function row(item, most) {
  const practice = item.practice || item.story; // the room may have voted on the stories
  const li = el("li", "standing-row" + (item.rank === 1 && item.dots > 0 ? " is-first" : ""));
  li.dataset.itemId = practice.id;
  li.dataset[item.practice ? "practiceId" : "storyId"] = practice.id;
  li.dataset.rank = item.rank;
  const number = el("span", "standing-number", String(item.rank));
  number.setAttribute("aria-label", format(words.rank, { rank: item.rank }));
  li.appendChild(number);
  const main = el("div", "standing-main");
  main.appendChild(el("h3", "standing-title", practice.title));
  const meta = el("p", "standing-meta");
  if (practice.commitment) {
    const chip = el("span", "standing-commitment", format(words.commitment, { n: practice.commitment.position + 1 }));
    if (practice.commitment.owner) {
      chip.appendChild(el("span", "standing-owner", " \u00b7 " + format(words.owner, { owner: practice.commitment.owner })));
    }
    meta.appendChild(chip);
    li.classList.add("is-commitment");
  }
  if (item.practice) {
    meta.appendChild(el("span", "standing-means", format(words.means, { agency: decimal(item.agency), ease: decimal(item.ease) })));
    const count = (practice.stories || []).length; // on the projector the trace is a count
    if (count) meta.appendChild(el("span", "standing-trace", plural(words.trace, count, { count })));
  }
  main.appendChild(meta);
  li.appendChild(main);
  const bar = el("span", "standing-bar");
  bar.setAttribute("aria-hidden", "true");
  bar.style.setProperty("--share", most ? item.dots / most : 0);
  li.appendChild(bar);
  const dots = el("p", "standing-dots");
  dots.dataset.dots = item.dots;
  dots.append(el("span", "standing-dots-number", String(item.dots)), el("span", "standing-dots-unit", plural(words.dot, item.dots)));
  li.appendChild(dots);
  return li;
}

function points(delays) {
  return drawn.ranking.filter((item) => item.practice).map((item) => ({
    id: item.practice.id, label: String(item.rank), title: item.practice.title,
    agency: item.agency, ease: item.ease, weight: item.dots,
    marked: Boolean(item.practice.commitment), delay: delays ? delays.get(item.practice.id) || 0 : 0,
  }));
}

/* Draw the results; with `animate`, reveal them: the last place first, the winner last. */
function draw(next, animate) {
  if (!next) return;
  if (section.dataset.revealState === "running") { pending = next; return; }
  const keepPage = !animate && drawn !== null;
  drawn = next;
  signed = signature(next);
  const most = Math.max(0, ...next.ranking.map((r) => r.dots));
  summary.textContent = format(words.results_summary, { voters: next.voters, participants: next.participants, dots: next.dots_cast });
  list.replaceChildren(...next.ranking.map((item) => row(item, most)));
  const committed = next.ranking.some((item) => item.practice && item.practice.commitment);
  // Stories have no agency x ease map: their ranking takes the whole screen.
  section.classList.toggle("is-on-stories", next.ranking.some((item) => item.story));
  caption.textContent = words.size_ranks + (committed ? " " + words.ring : "");
  channels(next.channels); // before the pager measures: it takes the standings' room
  pager.stop();
  if (!keepPage) pager.page = 0;
  pager.layout();
  if (animate && !reducedMotion.matches) {
    reveal();
  } else {
    map.update(points(), { sized: true });
    finish();
  }
}

function reveal() {
  const last = (pager.pages[0] || []).length;
  const delays = new Map();
  let end = 0;
  Array.from(list.children).forEach((li) => {
    const place = Number(li.dataset.rank);
    const delay = place > last ? 0 : (last - place) * STEP_MS + (place === 1 ? WINNER_PAUSE_MS : 0);
    li.style.setProperty("--reveal-delay", delay + "ms");
    delays.set(Number(li.dataset.itemId), delay);
    end = Math.max(end, delay);
  });
  section.dataset.revealState = "running";
  list.classList.add("is-revealing");
  // Every circle starts alike, as during voting, and grows with its row.
  map.update(points(), { sized: false });
  requestAnimationFrame(() => requestAnimationFrame(() => map.update(points(delays), { sized: true })));
  clearTimeout(timer);
  timer = setTimeout(finish, end + ROW_MS);
}

function finish() {
  list.classList.remove("is-revealing");
  section.dataset.revealState = "done";
  pager.start();
  if (pending) {
    const next = pending;
    pending = null;
    draw(next, false);
  }
}

/* Votes still change after a reveal during voting: the tally's ranking, with the items
 * the results already hold (a new one comes with a snapshot). */
function fromTally(tally) {
  if (!drawn || !tally.dots || !tally.ranked) return;
  const items = drawn.ranking.map((r) => r.practice || r.story);
  const isStory = drawn.ranking.some((r) => r.story);
  const ranking = inRankedOrder(items, tally)
    .filter((row) => tally.ranked.includes(row.item.id))
    .map((row, index) => (isStory
      ? { rank: index + 1, story: row.item, dots: row.dots }
      : { rank: index + 1, practice: row.item, dots: row.dots, agency: row.agency, ease: row.ease, ratings: row.ratings }));
  const next = { ...drawn, voters: tally.voters, participants: tally.participants, dots_cast: tally.dots_cast, ranking };
  if (signature(next) !== signed) draw(next, false);
}

/* The flag in one sentence, as workshop/stories/channels.py says it. */
function flagSentence(flag) {
  const name = (key) => words.channels[key] || key;
  const other = flag.others.length === 1 && words.channels[flag.others[0]];
  const elsewhere = other ? other.charAt(0).toLowerCase() + other.slice(1) : words.flag.elsewhere;
  return format(flag.mean < 3 ? words.flag.object : words.flag.less, {
    where: name(flag.channel), mean: decimal(flag.mean), others_mean: decimal(flag.others_mean), elsewhere,
  });
}

/* Customer agency by channel, side by side: each channel's mean and count; the widest flag
 * says itself above them (the charter lists every flag). Nothing while the stories are private. */
function channels(data) {
  const rows = data ? data.channels : [];
  channelBox.hidden = rows.length < 2; // one channel compares with nothing
  if (channelBox.hidden) return;
  const flag = data.flags[0];
  const small = rows.some((row) => row.is_small);
  channelLine.textContent = flag ? flagSentence(flag) : (small ? words.by_channel_small : words.by_channel);
  channelLine.classList.toggle("is-flag", Boolean(flag));
  channelTiles.replaceChildren(...rows.map((row) => {
    const tile = el("li", "channel-tile" + (row.is_flagged ? " is-flagged" : "") + (row.is_small ? " is-small" : ""));
    tile.dataset.channel = row.channel;
    tile.append(
      el("span", "channel-name", words.channels[row.channel] || row.channel),
      el("span", "channel-mean", decimal(row.mean)),
      el("span", "channel-count", plural(words.channel_stories, row.count)),
    );
    return tile;
  }));
}

/* Commitments changed: mark them (no new reveal). */
function commitments(committed) {
  const base = pending || drawn;
  if (!base) return;
  const byPractice = new Map(committed.map((p) => [p.id, p.commitment]));
  const ranking = base.ranking.map((item) => (item.practice
    ? { ...item, practice: { ...item.practice, commitment: byPractice.get(item.practice.id) || null } }
    : item));
  results = { ...base, ranking, commitments: committed.map((p) => p.id) };
  draw(results, false);
}

// The clicker turns the standings' pages while they are in front.
window.ProjectorFit.onTurn((step) => (section.hidden ? false : pager.turn(step)));
/* Page again after the screen changed size. */
window.addEventListener("resize", () => {
  if (drawn && section.dataset.revealState !== "running") pager.layout();
});
