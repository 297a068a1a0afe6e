/* Practices on the projector. In the practices step, the board (./board.js): whole cards
 * in pages, or only a count while they are private. And on every step, a practice in the
 * spotlight: its title, who wrote it (where names are shown), what it is, the stories it
 * comes from and its reactions, large enough for the back row, over everything but the
 * timer. One spotlight per room: the stories' part draws a story's, and a practice's ends it
 * (spotlight_changed). */
import { register } from "../core/screen.js";
import { plural } from "../core/format.js";
import { PracticeBoard } from "./board.js";

const Cards = window.Cards;
const el = Cards.el;
let shown = null; // the practice in the spotlight, or null

function isPublic(workshop) { return !workshop.private_writing || Boolean(workshop.practices_revealed); }

const ctx = register("practices", {
  snapshot(state) {
    board.reset(state.practices, isPublic(state.workshop), state.practice_count);
    queueMicrotask(() => board.relayout()); // once the runtime has shown the step's view
    // After the page's handlers: a story's spotlight ended there takes the class away.
    show(state.practice_spotlight || null);
  },
  enter() { board.relayout(); },
  events: {
    phase_changed(data) {
      if (data.practices) board.reset(data.practices, true);
      else if (data.phase === "practices") {
        board.isPublic = isPublic(data);
        board.hasWatched = true; // from here on, every new practice passes this screen
        board.render();
      }
    },
    practice_posted: practiceEvent("posted"),
    practice_updated(data) {
      practiceChanged({ event: "updated", ...data });
      if (shown && data.practice && data.practice.id === shown.id) show(data.practice);
    },
    practice_deleted: practiceEvent("deleted"),
    practice_hidden: practiceEvent("hidden"),
    practice_restored: practiceEvent("restored"),
    practices_revealed(data) { replaced({ revealed: true, ...data }); },
    practices_merged: replaced,
    commitments_changed(data) {
      const committed = new Map(data.commitments.map((p) => [p.id, p.commitment]));
      board.list().forEach((p) => { p.commitment = committed.get(p.id) || null; });
    },
    spotlight_changed(data) { show(data.practice || null); },
  },
  unsequenced: {
    // On the tick, outside the seq: the counts of the practices reacted to since the last one.
    reaction_counts(data) {
      const reactions = shown && (data.practices || {})[shown.id];
      if (reactions) show({ ...shown, reactions });
    },
  },
});

const words = ctx.words;
const section = ctx.root.querySelector('[data-phase-view="practices"]');
const board = new PracticeBoard(section, words);

function practiceChanged(data) {
  board.setCount(data.practice_count);
  if (data.practice) {
    const isNew = !board.data.has(data.practice_id);
    board.put(data.practice, isNew && ctx.isActive());
  } else if (!board.isPublic && /posted|updated|restored/.test(data.event)) {
    board.countPrivate(data.practice_id); // written, but not revealed yet
  } else {
    board.drop(data.practice_id, false);
  }
}
function practiceEvent(name) {
  return (data) => practiceChanged({ event: name, ...data });
}
function replaced(data) {
  // The count comes along: after a merge it is one less, at once.
  board.reset(data.practices, board.isPublic || Boolean(data.revealed), data.practice_count);
}

// The clicker turns the board's pages while it is in view.
window.ProjectorFit.onTurn((step) => (section.hidden ? false : board.pager.turn(step)));
window.addEventListener("resize", () => board.relayout());

const box = ctx.root.querySelector("[data-practice-spotlight]");

function show(practice) {
  shown = practice;
  box.hidden = !practice;
  box.replaceChildren();
  if (practice) {
    document.body.classList.add("has-spotlight");
    box.appendChild(card(practice));
  } else if (!document.querySelector("[data-spotlight]:not([hidden])")) {
    document.body.classList.remove("has-spotlight"); // a story's stays
  }
}

function card(practice) {
  const node = el("article", "practice-spot");
  node.dataset.practiceId = practice.id;
  node.appendChild(el("h2", "practice-spot-title", practice.title));
  const by = practice.by_facilitator ? words.by_facilitator : (practice.authors || []).join(", ");
  if (by) node.appendChild(el("p", "practice-spot-by", by));
  if (practice.description_html) {
    const body = el("div", "practice-spot-body");
    // A long description a little smaller, never under the back row's 32 px.
    const length = (practice.description || "").length;
    if (length > 420) body.classList.add(length > 700 ? "is-longest" : "is-long");
    body.innerHTML = practice.description_html; // cleaned on the server (nh3 allowlist)
    node.appendChild(body);
  }
  const stories = practice.stories || [];
  if (stories.length) {
    // The titles where they fit (three); more is a count, as on the board.
    const trace = el("p", "practice-spot-trace");
    trace.appendChild(el("span", "practice-spot-trace-label", plural(words.trace, stories.length)));
    if (stories.length <= 3) trace.appendChild(document.createTextNode(" " + stories.map((s) => s.title).join(", ")));
    node.appendChild(trace);
  }
  const reactions = Cards.reactionRow(practice, {});
  if (reactions.childNodes.length) node.appendChild(reactions);
  return node;
}
