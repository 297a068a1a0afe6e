/* Practices on a phone, from the posting core: the practice in the spotlight as a banner
 * (beside the story one: one spotlight per room, so one of them at most), and reactions
 * on the practice cards, live: buttons on other people's, counts on one's own. The cards
 * are drawn by ../phone-practices.js; this part adds to each (PhoneKit.practiceDecorators). */
import { register } from "../core/screen.js";

const kit = window.PhoneKit;
const Cards = window.Cards;
let given = new Map(); // practice id -> the kinds this phone gave
let spotlit = null; // the practice in the spotlight, or null

const ctx = register("practices", {
  snapshot(state) {
    given = new Map(Object.entries(state.my_practice_reactions || {}).map(([id, kinds]) => [Number(id), kinds]));
    showSpotlight(state.practice_spotlight || null);
    redrawRows();
  },
  events: {
    spotlight_changed(data) { showSpotlight(data.practice || null); },
    practice_updated(data) {
      if (spotlit && data.practice && data.practice.id === spotlit.id) showSpotlight(data.practice);
    },
    practice_reactions_changed(data) { counted(data.practice_id, data.reactions); },
  },
});

/* The banner goes where the story's is, at the top of the page. */
const banner = ctx.root.querySelector("[data-practice-spotlight]");
const storyBanner = document.querySelector("[data-spotlight-banner]");
if (storyBanner) storyBanner.after(banner);

function showSpotlight(practice) {
  spotlit = practice;
  banner.hidden = !practice;
  const holder = banner.querySelector("[data-practice-spotlight-card]");
  holder.replaceChildren();
  if (practice) holder.appendChild(kit.practiceCard(practice));
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
if (kit.practiceDecorators) kit.practiceDecorators.push(decorate); // none without the form

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
  kit.api(on ? "PUT" : "DELETE", `/api/v1/practices/${practice.id}/reactions/${kind}`)
    .then((response) => (response.ok ? response.json() : null))
    .then((result) => {
      if (!result) return;
      given.set(practice.id, result.mine);
      counted(practice.id, result.reactions);
    })
    .catch(() => {}); // offline: the tap is not kept; the count stays as the room has it
}
