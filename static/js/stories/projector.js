/* The stories on the projector: the wall (whole cards at full size, as many as fit, the
 * rest on pages that turn), how many have written and how the stories spread from object
 * to subject, the count while writing is private, and the spotlight, one story large and
 * whole over whatever step is on (a long one in pages). The cards are ../cards.js's. */
import { register } from "../core/screen.js";
import { plural } from "../core/format.js";
import { Pager, fitCard } from "../core/pager.js";

const Cards = window.Cards;
const Fit = window.ProjectorFit;
const pageWords = window.Live.i18n; // the pagers' "page {page} of {pages}", every board's
const SPOTLIGHT_PAGE_SECONDS = 25; // a page of a long story: time to read it aloud

const room = { people: 0, stories: 0, authors: 0, isPublic: false };
/* The wall holds the room's newest stories; where the room holds more, the server counts
 * how all of them spread from object to subject, and the changes keep that count here. */
let spread = null;

const ctx = register("stories", {
  snapshot(state) {
    Cards.setLenses(state.lenses);
    showSpotlight(state.spotlight);
    room.isPublic = !state.workshop.private_writing || state.workshop.stories_revealed;
    room.people = state.workshop.participant_count;
    showStats(state);
    spread = state.stories_agency || null;
    resetWall(state.stories);
  },
  events: {
    participant_removed(data) { room.people = data.participant_count; showStats(); },
    phase_changed(data) {
      if (!data.stories) return;
      spread = data.stories_agency || null;
      resetWall(data.stories);
    },
    lenses_changed(data) {
      Cards.setLenses(data.lenses);
      resetWall(Array.from(wall.data.values()));
    },
    spotlight_changed(data) { showSpotlight(data.story); },
    story_posted: (data) => storyChanged(data, true),
    story_updated: (data) => storyChanged(data, false),
    story_deleted: (data) => storyChanged(data, false),
    story_hidden: (data) => storyChanged(data, false),
    story_restored: (data) => storyChanged(data, true),
    stories_revealed(data) {
      room.isPublic = true;
      showStats();
      spread = data.stories_agency || null;
      resetWall(data.stories);
    },
  },
  unsequenced: {
    participant_count(data) { room.people = data.participant_count; showStats(); },
    // On the tick, outside the seq: the counts of the stories reacted to since the last one.
    reaction_counts(data) {
      const counted = Object.entries(data.stories || {});
      counted.forEach(([id, reactions]) => wall.update(Number(id), { reactions }));
      if (counted.length) showPage();
    },
  },
  // The section shows now: page its cards.
  enter() { showPage(); },
});

const root = ctx.root;
const stats = root.querySelector("[data-wall-stats]");
const privateBox = root.querySelector("[data-wall-private]");
const privateCount = root.querySelector("[data-private-count]");
const pageLine = root.querySelector("[data-wall-page]");
const wallBox = root.querySelector("[data-wall]");
const wall = new Cards.Wall(wallBox);
// Whole cards only, as many as fit at full size; the rest on the next page.
const wallPager = new Pager(wallBox, pageLine, {
  words: pageWords,
  prepare(card) {
    // How it was said takes one of the three lines of what happened: four cards still fit.
    const manner = card.querySelector(".story-manner");
    fitCard(card, {
      ".story-title": 2, ".story-meta": 1, ".story-body:not(.story-manner)": manner ? 2 : 3, ".story-manner": 1,
    });
  },
});

function showStats(data) {
  if (data) { room.stories = data.story_count; room.authors = data.author_count; }
  // "6 stories · 5/5 people have written": each part in the plural its number asks for.
  const words = ctx.words.wall_stats;
  stats.textContent = plural(words.stories, room.stories) + " · " +
    plural(words.writers, room.people, { authors: room.authors, people: room.people });
  privateCount.textContent = room.stories;
  privateBox.hidden = room.isPublic;
  wallBox.hidden = !room.isPublic;
}

function showDistribution() {
  const tally = spread ? spread.slice() : [0, 0, 0, 0, 0];
  if (!spread) wall.data.forEach((story) => { tally[story.agency - 1] += 1; });
  const most = Math.max(...tally, 1);
  tally.forEach((n, i) => {
    root.querySelector(`[data-dist-count="${i + 1}"]`).textContent = n;
    root.querySelector(`[data-dist-bar="${i + 1}"]`).style.setProperty("--share", n / most);
  });
}

/* Page the wall again (cards or the screen changed); show the page a newcomer is on. */
function showPage(newcomer) {
  if (wallBox.hidden || !wallBox.offsetParent) return;
  wallPager.layout();
  if (newcomer) wallPager.go(wallPager.pageOf(newcomer));
  if (!wallPager.running) wallPager.start();
}

function resetWall(stories) {
  wall.reset(stories);
  showDistribution();
  showPage();
}

/* `arrives`: a story that was not counted before (posted, or back from hidden). One older
 * than the wall's that changes or leaves cannot be counted here: a snapshot counts it. */
function storyChanged(data, arrives) {
  const old = wall.data.get(data.story ? data.story.id : data.story_id);
  if (spread) {
    if (!old && !arrives) return ctx.RESYNC;
    if (old) spread[old.agency - 1] -= 1;
    if (data.story) spread[data.story.agency - 1] += 1;
  }
  showStats(data);
  let newcomer = null;
  if (data.story) {
    const isNew = !wall.data.has(data.story.id);
    wall.put(data.story, isNew);
    if (isNew) newcomer = wallBox.querySelector(`[data-story-id="${data.story.id}"]`);
  } else {
    wall.drop(data.story_id);
  }
  showDistribution();
  showPage(newcomer);
}

/* The spotlight: the whole story, large; a long one in pages that turn, never cut. */
const spotlightBox = root.querySelector("[data-spotlight]");
let spotlightPages = null;
function showSpotlight(story) {
  spotlightBox.hidden = !story;
  document.body.classList.toggle("has-spotlight", Boolean(story));
  if (spotlightPages) spotlightPages.stop();
  spotlightPages = null;
  spotlightBox.replaceChildren();
  if (!story) return;
  const card = Cards.story(story, { full: true });
  // The head and the marker stay; what happened and the rest flow into the pages.
  const box = Cards.el("div", "spotlight-pages");
  const flow = Cards.el("div", "spotlight-flow");
  const head = card.querySelector(".agency") || card.querySelector(".story-head");
  while (head.nextSibling) flow.appendChild(head.nextSibling);
  box.appendChild(flow);
  card.appendChild(box);
  const line = Cards.el("p", "spotlight-page");
  line.dataset.pageLine = "";
  card.appendChild(line);
  spotlightBox.appendChild(card);
  spotlightPages = new Fit.Pages(box, flow, line, {
    words: pageWords,
    seconds: SPOTLIGHT_PAGE_SECONDS,
    fits: () => card.scrollHeight <= card.clientHeight + 1 && box.scrollHeight <= box.clientHeight + 1,
  });
  spotlightPages.layout();
}

// The clicker turns what is in front: the spotlight before any step's pages.
Fit.onTurn((step) => {
  if (!spotlightPages || spotlightBox.hidden) return false;
  return step > 0 ? spotlightPages.next() : spotlightPages.prev();
}, true);
Fit.onTurn((step) => ctx.isActive() && wallPager.turn(step));

window.addEventListener("resize", () => {
  showPage();
  if (spotlightPages) spotlightPages.layout();
});
