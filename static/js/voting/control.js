/* Voting on the control page: the rules (budget, cap, self-votes, hiding), the live tally
 * from the tick in the server's ranking, and revealing the votes.
 *
 * The control page keeps one store (static/js/facilitator-kit.js): it hears every event
 * first and says what changed; this part redraws from it. */
import { register } from "../core/screen.js";
import { format, plural, decimal } from "../core/format.js";
import { el } from "../core/dom.js";
import { inRankedOrder } from "../core/ranking.js";

const C = window.Control;
const ctx = register("voting", {});
const words = ctx.words;
const panel = ctx.root;
const form = panel.querySelector("[data-voting-form]");
const fields = form.querySelector("[data-voting-fields]");
const suggestion = form.querySelector("[data-suggestion]");
const status = form.querySelector("[data-form-status]");
const saveButton = form.querySelector("[data-voting-save]");
const useSuggestion = form.querySelector("[data-use-suggestion]");
let isDirty = false; // the facilitator is editing: events do not overwrite the form

function showStatus(state) {
  status.dataset.state = state; // saved, saving, unsaved, closed (tests wait for these)
  status.textContent = state ? words.status[state] : "";
}

function fillForm(voting) {
  if (isDirty || !voting || voting.budget === undefined) return;
  form.elements.budget.value = voting.budget;
  // The server reports the effective cap; a cap of the whole budget reads as "no cap".
  const cap = voting.per_practice_cap;
  form.elements.per_practice_cap.value = cap && cap < voting.budget ? cap : "";
  form.elements.self_votes.checked = Boolean(voting.self_votes);
  form.elements.hide_tally.checked = Boolean(voting.hide_tally);
}

function showSuggestion(voting) {
  const text = format(words.suggestion, { n: voting.suggested_budget });
  useSuggestion.disabled = Number(form.elements.budget.value) === voting.suggested_budget;
  suggestion.textContent = voting.is_budget_set ? text : text + " " + words.budget_not_fixed;
}

function showRound(store) {
  // Which voting step of the plan the rules are for, where the plan votes more than once.
  const line = form.querySelector("[data-voting-round]");
  const steps = (store.plan && store.plan.steps) || [];
  const rounds = steps.flatMap((step, i) => (step.activity === "voting" ? [i] : []));
  const n = rounds.indexOf(store.voting ? store.voting.step_index : -1) + 1;
  line.hidden = rounds.length < 2 || n === 0;
  line.textContent = line.hidden ? "" : format(words.round, { n, count: rounds.length });
}

function showLock(workshop) {
  const isOver = workshop.phase === "results" || workshop.phase === "closed";
  fields.disabled = isOver;
  saveButton.hidden = isOver;
  if (isOver) showStatus("closed");
  else if (status.dataset.state === "closed") showStatus("");
}

form.addEventListener("input", () => {
  isDirty = true;
  showStatus("unsaved");
  showSuggestion(C.store.voting);
});

function readForm() {
  const budget = form.elements.budget.value.trim();
  const cap = form.elements.per_practice_cap.value.trim();
  return {
    // Not a number stays a string: the server answers with the message for the field.
    budget: /^\d+$/.test(budget) ? Number(budget) : budget,
    per_practice_cap: cap === "" ? null : /^\d+$/.test(cap) ? Number(cap) : cap,
    self_votes: form.elements.self_votes.checked,
    hide_tally: form.elements.hide_tally.checked,
  };
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  saveButton.disabled = true;
  showStatus("saving");
  C.api("PUT", "/api/v1/workshops/" + C.code + "/voting", readForm()).then((result) => {
    saveButton.disabled = false;
    C.showFormErrors(form, result);
    if (!result.ok) {
      showStatus("unsaved");
      return;
    }
    isDirty = false;
    C.store.voting = result.data;
    fillForm(result.data);
    showSuggestion(result.data);
    showStatus("saved");
  });
});

useSuggestion.addEventListener("click", () => {
  form.elements.budget.value = C.store.voting.suggested_budget;
  isDirty = true;
  form.requestSubmit();
});

/* --- the live tally --- */
const votersNumber = panel.querySelector("[data-tally-voters]");
const leftNumber = panel.querySelector("[data-tally-left]");
const castNumber = panel.querySelector("[data-tally-cast]");
const tallyList = panel.querySelector("[data-tally-list]");
const tallyEmpty = panel.querySelector("[data-tally-empty]");
const tallyNote = panel.querySelector("[data-tally-note]");
const revealBox = panel.querySelector("[data-reveal-votes-box]");
const revealButton = panel.querySelector("[data-reveal-votes]");
const revealedChip = panel.querySelector("[data-votes-revealed-chip]");
const errorLine = panel.querySelector("[data-voting-error]");

function setNumber(node, text) {
  if (node.textContent === text) return;
  node.textContent = text;
  window.Live.bump(node);
}

/* What the dots go on (the practices, or the stories), in the server's ranking. */
function ranking(store) {
  const onStories = (store.voting || {}).on === "stories";
  const items = onStories ? store.stories : Array.from(store.practices.values());
  return inRankedOrder(items.filter((item) => !item.is_hidden), store.tally)
    .map((row) => ({ ...row, story: onStories ? row.item : null }));
}

function ratingLine(row) {
  if (row.story) return ""; // a story has its teller's own rating, not the room's
  if (!row.ratings) return words.no_ratings;
  return [
    format(words.agency_mean, { value: decimal(row.agency) }),
    format(words.ease_mean, { value: decimal(row.ease) }),
    plural(words.ratings, row.ratings),
  ].join(" · ");
}

function tallyRow(row, most) {
  const li = el("li", "ctl-tally-row");
  li.dataset[row.story ? "storyId" : "practiceId"] = row.item.id;
  li.appendChild(el("span", "ctl-tally-title", row.item.title));
  const dots = el("span", "ctl-tally-dots", String(row.dots));
  dots.dataset.tallyDots = "";
  dots.setAttribute("aria-label", plural(words.dots, row.dots));
  li.appendChild(dots);
  const bar = el("span", "ctl-tally-bar");
  bar.setAttribute("aria-hidden", "true");
  const fill = el("span", "ctl-tally-fill");
  fill.style.setProperty("--share", most ? row.dots / most : 0);
  bar.appendChild(fill);
  li.append(bar, el("span", "ctl-tally-ratings", ratingLine(row)));
  return li;
}

function showTally(store) {
  const tally = store.tally || { voters: 0, participants: 0, dots_cast: 0, dots_left: 0 };
  setNumber(votersNumber, tally.voters + " / " + tally.participants);
  setNumber(leftNumber, String(tally.dots_left || 0));
  setNumber(castNumber, String(tally.dots_cast || 0));
  const rows = ranking(store);
  const most = rows.reduce((m, row) => Math.max(m, row.dots), 0);
  tallyList.replaceChildren(...rows.map((row) => tallyRow(row, most)));
  tallyEmpty.hidden = rows.length > 0;
}

function showReveal(store) {
  const voting = store.voting || {};
  revealBox.hidden = store.workshop.phase !== "voting" || Boolean(voting.revealed);
  revealedChip.hidden = !voting.revealed;
  tallyNote.textContent = voting.revealed ? words.tally_revealed_note
    : voting.hide_tally ? words.tally_hidden_note : words.tally_public_note;
}

revealButton.addEventListener("click", () => {
  revealButton.disabled = true;
  C.api("POST", "/api/v1/workshops/" + C.code + "/reveal", { what: "votes" }).then((result) => {
    revealButton.disabled = false;
    C.showError(errorLine, result);
  });
});

C.register({
  update(store, what) {
    if (what !== "tally" && what !== "stories") {
      fillForm(store.voting);
      showSuggestion(store.voting);
      showRound(store);
      showLock(store.workshop);
      showReveal(store);
    }
    // The stories too: where the room votes on them, they are the tally's rows.
    if (what !== "commitments") showTally(store);
  },
});
