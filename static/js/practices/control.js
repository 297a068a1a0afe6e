/* Practices on the control page, from the posting core: each practice card gets a
 * Spotlight button (End the spotlight on the one in it) and its reaction counts, live.
 * One spotlight per room: a practice's ends a story's and the other way round. The cards
 * are drawn by ../facilitator-practices.js; this part adds to each (Control.practiceCardParts). */
import { register } from "../core/screen.js";

const C = window.Control;
const Cards = window.Cards;
const i18n = C.i18n;
let spotlitId = null; // the practice in the spotlight, or null

register("practices", {
  snapshot(state) { mark(state.practice_spotlight ? state.practice_spotlight.id : null); },
  events: {
    spotlight_changed(data) { mark(data.practice ? data.practice.id : null); },
    practice_reactions_changed(data) { counted(data.practice_id, data.reactions); },
  },
});

function list() { return document.querySelector("[data-practice-list]"); }

/* The button of one card, as the spotlight stands now. */
function setButton(button, practice) {
  const isOn = practice.id === spotlitId;
  button.textContent = isOn ? i18n.end_spotlight : i18n.spotlight;
  button.classList.toggle("button-primary", isOn);
  button.hidden = Boolean(practice.is_hidden) && !isOn; // a hidden practice cannot be shown
}

function spotlightButton(practice) {
  const button = Cards.el("button", "button button-small");
  button.type = "button";
  button.dataset.action = "spotlight";
  setButton(button, practice);
  button.addEventListener("click", () => {
    const isOn = practice.id === spotlitId;
    button.disabled = true;
    const call = isOn
      ? C.api("DELETE", `/api/v1/workshops/${C.code}/spotlight`)
      : C.api("POST", `/api/v1/practices/${practice.id}/spotlight`);
    call.then((result) => {
      button.disabled = false;
      C.showError(document.querySelector("[data-practices-error]"), result);
    });
  });
  return button;
}

function reactionRow(practice) {
  const row = Cards.reactionRow(practice, {}); // counts only: facilitators do not react
  row.dataset.practiceReactions = practice.id;
  return row;
}

/* Called for each card as it is drawn, before its actions go in. */
function addTo(card, actions, practice) {
  card.classList.toggle("is-spotlit", practice.id === spotlitId);
  const row = reactionRow(practice);
  if (row.childNodes.length) card.appendChild(row);
  actions.insertBefore(spotlightButton(practice), actions.firstChild);
}
C.practiceCardParts.push(addTo);

function mark(id) {
  spotlitId = id;
  const holder = list();
  if (!holder) return;
  holder.querySelectorAll("[data-practice-id]").forEach((card) => {
    const practice = C.store.practices.get(Number(card.dataset.practiceId));
    const button = card.querySelector('[data-action="spotlight"]');
    if (!practice || !button) return;
    card.classList.toggle("is-spotlit", practice.id === spotlitId);
    setButton(button, practice);
  });
}

function counted(id, reactions) {
  const practice = C.store.practices.get(id);
  if (!practice) return;
  C.store.practices.set(id, { ...practice, reactions });
  const card = list() && list().querySelector(`[data-practice-id="${id}"]`);
  if (!card) return;
  const old = card.querySelector(`[data-practice-reactions="${id}"]`);
  const row = reactionRow({ ...practice, reactions });
  if (old) {
    old.replaceWith(row);
  } else if (row.childNodes.length) {
    card.insertBefore(row, card.querySelector(".card-actions"));
  }
}
