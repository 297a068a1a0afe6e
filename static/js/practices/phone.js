/* Practices on a phone: in their step, proposing one (./form.js) and the lists of one's
 * own and (once shown) everyone's; on every step, the practice in the spotlight as a banner
 * (beside the story one: one spotlight per room, so one of them at most), and reactions on
 * the practice cards, live: buttons on other people's, counts on one's own. The practices
 * come from the phone's store (static/js/phone-kit.js), which every part of the phone reads. */
import { register } from "../core/screen.js";
import { el } from "../core/dom.js";
import { practiceCard } from "./card.js";
import { proposing } from "./form.js";

const kit = window.PhoneKit;
const store = kit.store;
const Cards = window.Cards;
let given = new Map(); // practice id -> the kinds this phone gave
let spotlit = null; // the practice in the spotlight, or null

const ctx = register("practices", {
  snapshot(state) {
    given = new Map(Object.entries(state.my_practice_reactions || {}).map(([id, kinds]) => [Number(id), kinds]));
    showSpotlight(state.practice_spotlight || null);
    redrawRows();
    form.outbox.flush(); // every (re)connect is a chance to deliver
  },
  events: {
    spotlight_changed(data) { showSpotlight(data.practice || null); },
    practice_updated(data) {
      if (spotlit && data.practice && data.practice.id === spotlit.id) showSpotlight(data.practice);
    },
  },
  unsequenced: {
    // On the tick, outside the seq: the counts of the practices reacted to since the last one.
    reaction_counts(data) {
      const counts = Object.entries(data.practices || {});
      counts.forEach(([id, reactions]) => counted(Number(id), reactions));
    },
  },
});

const words = ctx.words;
const view = ctx.root.querySelector('[data-phase-view="practices"]');
const form = proposing(view.querySelector("[data-practice-form]"), words);
const mineList = view.querySelector("[data-my-practices]");
const mineEmpty = view.querySelector("[data-my-practices-empty]");
const othersSection = view.querySelector("[data-all-practices]");
const othersList = view.querySelector("[data-other-practices]");
const othersEmpty = view.querySelector("[data-other-practices-empty]");

/* --- the lists --- */
function actions(practice, card) {
  const row = el("div", "card-actions");
  const edit = el("button", "button button-small", words.edit);
  edit.type = "button";
  edit.addEventListener("click", () => form.startEditing(practice));
  const remove = el("button", "button button-small button-danger", words.delete);
  remove.type = "button";
  const deleteOptions = {
    key: "practice-delete:" + practice.id,
    text: words.confirm_delete,
    onYes() {
      kit.api("DELETE", "/api/v1/practices/" + practice.id).then((response) => {
        if (response.ok) { kit.dropPractice(practice.id); return undefined; }
        return response.json().then((data) => form.showErrors(data.error));
      }).catch(() => form.showStatus(words.error));
    },
  };
  remove.addEventListener("click", () => kit.ask(remove, card, deleteOptions));
  row.append(edit, remove);
  card.appendChild(row);
  kit.reask(remove, card, deleteOptions.key);
  return row;
}
/* A listed card carries its reactions. */
function listed(practice) {
  const card = practiceCard(practice);
  decorate(card, practice);
  return card;
}
function drawLists() {
  const mine = [];
  const others = [];
  store.practices.forEach((p) => (store.myIds.has(p.id) ? mine : others).push(p));
  const open = store.phase === "practices";
  mineList.replaceChildren(...mine.map((p) => {
    const card = listed(p);
    if (open) actions(p, card);
    return card;
  }));
  mineEmpty.hidden = mine.length > 0;
  othersList.replaceChildren(...others.map(listed));
  othersSection.hidden = !(store.isPublic || others.length);
  othersEmpty.hidden = others.length > 0;
}

let storiesDrawn = null;
kit.listen((what) => {
  if (what === "all" || what === "practices" || what === "voting") drawLists();
  if (what === "all" || what === "stories") {
    const ids = Array.from(store.stories.values(), (s) => s.id + ":" + s.title).join("\n");
    if (ids !== storiesDrawn) { storiesDrawn = ids; form.drawOptions(); }
  }
});
// The old phase's notices do not come back with it; one waiting to be sent stays.
kit.onPhase(() => { if (!form.outbox.pending()) form.feedback.forget(); });

/* --- the spotlight and the reactions --- */
/* The banner goes where the story's is, at the top of the page. */
const banner = ctx.root.querySelector("[data-practice-spotlight]");
const storyBanner = document.querySelector("[data-spotlight-banner]");
if (storyBanner) storyBanner.after(banner);

function showSpotlight(practice) {
  spotlit = practice;
  banner.hidden = !practice;
  const holder = banner.querySelector("[data-practice-spotlight-card]");
  holder.replaceChildren();
  if (practice) holder.appendChild(practiceCard(practice));
}

function isMine(id) { return kit.store.myIds.has(id); }

/* Buttons on another person's practice (or the facilitator's); counts on one's own. */
function row(practice) {
  const options = isMine(practice.id) ? {} : {
    react: { mine: (id) => given.get(id) || [], toggle: react },
  };
  const line = Cards.reactionRow(practice, options);
  line.dataset.practiceReactions = practice.id;
  return line;
}

function decorate(card, practice) {
  const line = row(practice);
  if (line.childNodes.length) card.appendChild(line);
}

/* Put a practice's reaction row in step with what is known, keeping the focus on the
 * button that had it (a live count must not take it away). */
function redrawRow(id) {
  const practice = kit.store.practices.get(id);
  document.querySelectorAll(`[data-practice-reactions="${id}"]`).forEach((old) => {
    if (!practice) return;
    const focused = old.contains(document.activeElement) ? [...old.children].indexOf(document.activeElement) : -1;
    const fresh = row(practice);
    old.replaceWith(fresh);
    if (focused >= 0 && fresh.children[focused]) fresh.children[focused].focus();
  });
}
function redrawRows() { kit.store.practices.forEach((_p, id) => redrawRow(id)); }

function counted(id, reactions) {
  const practice = kit.store.practices.get(id);
  if (practice) kit.store.practices.set(id, { ...practice, reactions });
  if (spotlit && spotlit.id === id) spotlit = { ...spotlit, reactions };
  redrawRow(id);
}

function react(practice, kind, on) {
  // Busy: the same tap again, later (a reaction set twice is set once).
  kit.whenFree(() => kit.api(on ? "PUT" : "DELETE", `/api/v1/practices/${practice.id}/reactions/${kind}`))
    .then((response) => (response.ok ? response.json() : null))
    .then((result) => {
      if (!result) return;
      given.set(practice.id, result.mine);
      counted(practice.id, result.reactions);
    })
    .catch(() => {}); // offline: the tap is not kept; the count stays as the room has it
}
