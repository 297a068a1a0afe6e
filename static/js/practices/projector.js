/* A practice in the spotlight on the projector: its title, who wrote it (where names are
 * shown), what it is, the stories it comes from and its reactions, large enough for the
 * back row, over everything but the timer. One spotlight per room: the page's own script
 * (../projector.js) draws a story's, and a practice's ends it (spotlight_changed). */
import { register } from "../core/screen.js";
import { plural } from "../core/format.js";

const Cards = window.Cards;
const el = Cards.el;
let shown = null; // the practice in the spotlight, or null

const ctx = register("practices", {
  // After the page's handlers: a story's spotlight ended there takes the class away.
  snapshot(state) { show(state.practice_spotlight || null); },
  events: {
    spotlight_changed(data) { show(data.practice || null); },
    practice_updated(data) {
      if (shown && data.practice && data.practice.id === shown.id) show(data.practice);
    },
    practice_reactions_changed(data) {
      if (shown && data.practice_id === shown.id) show({ ...shown, reactions: data.reactions });
    },
  },
});

const box = ctx.root.querySelector("[data-practice-spotlight]");
const words = ctx.words;

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
