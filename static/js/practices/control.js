/* Practices on the control page: the live list with hide, restore, delete, merge
 * (./merge.js) and the spotlight, each card with its reaction counts; revealing the
 * practices; adding one from here (./add.js). One spotlight per room: a practice's ends a
 * story's and the other way round. The practices come from the control page's store
 * (static/js/facilitator-kit.js), which the voting and results panels read too. */
import { register } from "../core/screen.js";
import { el } from "../core/dom.js";
import { format, plural } from "../core/format.js";
import { merger } from "./merge.js";
import { adding } from "./add.js";

const C = window.Control;
const Cards = window.Cards;
let spotlitId = null; // the practice in the spotlight, or null

const ctx = register("practices", {
  snapshot(state) { mark(state.practice_spotlight ? state.practice_spotlight.id : null); },
  events: {
    spotlight_changed(data) { mark(data.practice ? data.practice.id : null); },
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
const panel = ctx.root;
const list = panel.querySelector("[data-practice-list]");
const countPill = panel.querySelector("[data-practice-count]");
const empty = panel.querySelector("[data-practices-empty]");
const errorLine = panel.querySelector("[data-practices-error]");
const privateRow = panel.querySelector("[data-practices-private]");
const revealButton = panel.querySelector("[data-reveal-practices]");
const shown = new Map(); // practice id -> the JSON its card was drawn from
const merge = merger(list, words, redraw, button);
const showStoryOptions = adding(panel.querySelector("[data-practice-add]"), words);

function button(label, className, onClick, action) {
  const b = el("button", "button button-small " + (className || ""), label);
  b.type = "button";
  if (action) b.dataset.action = action;
  b.addEventListener("click", onClick);
  return b;
}

/* Run an API call from a button: disabled meanwhile; the error shown above the list. */
function act(trigger, method, url, payload) {
  trigger.disabled = true;
  return C.api(method, url, payload).then((result) => {
    trigger.disabled = false;
    C.showError(errorLine, result);
    return result;
  });
}

function traceLine(practice) {
  const trace = el("div", "ctl-practice-trace");
  const n = practice.stories.length;
  if (!n) {
    trace.appendChild(el("span", "muted", words.trace_none));
    return trace;
  }
  trace.appendChild(el("span", "ctl-trace-label", plural(words.trace, n)));
  const items = el("ul", "ctl-trace-list");
  practice.stories.forEach((story) => items.appendChild(el("li", "", story.title)));
  trace.appendChild(items);
  return trace;
}

/* --- the spotlight and the reactions --- */
function setSpotlightButton(spot, practice) {
  const isOn = practice.id === spotlitId;
  spot.textContent = isOn ? words.end_spotlight : words.spotlight;
  spot.classList.toggle("button-primary", isOn);
  spot.hidden = Boolean(practice.is_hidden) && !isOn; // a hidden practice cannot be shown
}

function spotlightButton(practice) {
  const spot = el("button", "button button-small");
  spot.type = "button";
  spot.dataset.action = "spotlight";
  setSpotlightButton(spot, practice);
  spot.addEventListener("click", () => {
    const isOn = practice.id === spotlitId;
    spot.disabled = true;
    const call = isOn
      ? C.api("DELETE", `/api/v1/workshops/${C.code}/spotlight`)
      : C.api("POST", `/api/v1/practices/${practice.id}/spotlight`);
    call.then((result) => {
      spot.disabled = false;
      C.showError(errorLine, result);
    });
  });
  return spot;
}

function reactionRow(practice) {
  const row = Cards.reactionRow(practice, {}); // counts only: facilitators do not react
  row.dataset.practiceReactions = practice.id;
  return row;
}

function mark(id) {
  spotlitId = id;
  list.querySelectorAll("[data-practice-id]").forEach((node) => {
    const practice = C.store.practices.get(Number(node.dataset.practiceId));
    const spot = node.querySelector('[data-action="spotlight"]');
    if (!practice || !spot) return;
    node.classList.toggle("is-spotlit", practice.id === spotlitId);
    setSpotlightButton(spot, practice);
  });
}

function counted(id, reactions) {
  const practice = C.store.practices.get(id);
  if (!practice) return;
  C.store.practices.set(id, { ...practice, reactions });
  const node = list.querySelector(`[data-practice-id="${id}"]`);
  if (!node) return;
  const old = node.querySelector(`[data-practice-reactions="${id}"]`);
  const row = reactionRow({ ...practice, reactions });
  if (old) {
    old.replaceWith(row);
  } else if (row.childNodes.length) {
    node.insertBefore(row, node.querySelector(".card-actions"));
  }
}

/* --- the cards --- */
function card(practice, isNew) {
  const node = el("article", "ctl-practice-card");
  node.dataset.practiceId = practice.id;
  if (practice.is_hidden) node.classList.add("is-hidden");
  if (isNew) node.classList.add("arrive");
  node.classList.toggle("is-spotlit", practice.id === spotlitId);
  node.appendChild(el("h3", "ctl-practice-title", practice.title));
  const meta = el("p", "ctl-practice-meta");
  if (practice.is_hidden) meta.appendChild(el("span", "chip chip-warn", words.hidden));
  if (practice.commitment) {
    meta.appendChild(el("span", "chip", format(words.commitment_n, { n: practice.commitment.position + 1 })));
  }
  if (practice.by_facilitator) meta.appendChild(el("span", "", words.by_facilitator));
  else if (practice.authors.length) {
    const byline = practice.authors.length === 1 ? words.authors.one : words.authors.other;
    meta.appendChild(el("span", "", format(byline, { name: practice.authors[0], names: practice.authors.join(", ") })));
  }
  if (meta.childNodes.length) node.appendChild(meta);
  if (practice.description_html) {
    const body = el("div", "story-body ctl-practice-body");
    body.innerHTML = practice.description_html; // cleaned on the server (nh3 allowlist)
    node.appendChild(body);
  }
  node.appendChild(traceLine(practice));
  const reactions = reactionRow(practice);
  if (reactions.childNodes.length) node.appendChild(reactions);

  const actions = el("div", "card-actions");
  actions.appendChild(spotlightButton(practice));
  const base = "/api/v1/practices/" + practice.id;
  actions.appendChild(practice.is_hidden
    ? button(words.restore, "", (e) => act(e.currentTarget, "POST", base + "/restore"), "restore")
    : button(words.hide, "", (e) => act(e.currentTarget, "POST", base + "/hide"), "hide"));
  const mergeButton = button(words.merge, "", () => {
    C.closeAsk(false); // one question at a time
    const before = merge.openId();
    merge.open(practice.id);
    if (before && before !== practice.id) redraw(before);
    redraw(practice.id);
    const select = list.querySelector(`[data-practice-id="${practice.id}"] select`);
    if (select) select.focus();
  }, "merge");
  mergeButton.disabled = C.store.practices.size < 2;
  mergeButton.setAttribute("aria-expanded", String(merge.isOpen(practice.id)));
  actions.appendChild(mergeButton);
  const remove = button(words.delete, "button-danger", () => {
    if (merge.isOpen(practice.id)) { merge.close(); redraw(practice.id); }
    askDelete();
  }, "delete");
  function askDelete() {
    const trigger = list.querySelector(`[data-practice-id="${practice.id}"] [data-action="delete"]`) || remove;
    C.ask(trigger, trigger.closest(".ctl-practice-card"), {
      key: "practice-delete:" + practice.id,
      text: format(words.confirm_delete_practice, { title: practice.title }),
      onYes: (t) => act(t, "DELETE", base),
    });
  }
  actions.appendChild(remove);
  node.appendChild(actions);
  if (merge.isOpen(practice.id)) node.appendChild(merge.form(practice));
  C.reask(remove, node, "practice-delete:" + practice.id);
  return node;
}

/* Focus in a redrawn card the control that had it in the old one (same action). */
function keepFocus(node, focused) {
  const selector = focused.dataset.action ? `[data-action="${focused.dataset.action}"]`
    : focused.hasAttribute("data-merge-select") ? "[data-merge-select]" : null;
  const twin = selector && node.querySelector(selector);
  if (twin) twin.focus();
}

function redraw(id) {
  const existing = list.querySelector(`[data-practice-id="${id}"]`);
  const practice = C.store.practices.get(id);
  if (existing && practice) existing.replaceWith(card(practice, false));
}

/* Keep the cards in step with the store: add, replace what changed, drop what went. */
function render(animate) {
  const practices = Array.from(C.store.practices.values()).sort((a, b) => a.id - b.id);
  const open = merge.openId();
  if (open !== null && !C.store.practices.has(open)) merge.close();
  const seen = new Set();
  let previous = null;
  practices.forEach((practice) => {
    seen.add(practice.id);
    const json = JSON.stringify(practice) + C.store.practices.size;
    const existing = list.querySelector(`[data-practice-id="${practice.id}"]`);
    let node = existing;
    if (!existing || shown.get(practice.id) !== json) {
      node = card(practice, animate && !existing);
      if (existing) {
        const focused = existing.contains(document.activeElement) ? document.activeElement : null;
        existing.replaceWith(node);
        if (focused) keepFocus(node, focused); // a live change does not take the focus away
      }
    }
    shown.set(practice.id, json);
    const after = previous ? previous.nextSibling : list.firstChild;
    if (node !== after) list.insertBefore(node, after);
    previous = node;
  });
  Array.from(list.children).forEach((node) => {
    if (!seen.has(Number(node.dataset.practiceId))) {
      shown.delete(Number(node.dataset.practiceId));
      node.remove();
    }
  });
  list.querySelectorAll("[data-merge-select]").forEach((select) => {
    merge.fillTargets(select, Number(select.closest("[data-practice-id]").dataset.practiceId));
  });
  countPill.textContent = practices.length;
  empty.hidden = practices.length > 0;
}

function showPrivacy(workshop) {
  privateRow.hidden = !(workshop.phase === "practices" && workshop.private_writing && !workshop.practices_revealed);
}

revealButton.addEventListener("click", () => {
  act(revealButton, "POST", `/api/v1/workshops/${C.code}/reveal`, { what: "practices" }).then((result) => {
    if (!result.ok) return;
    C.store.workshop.practices_revealed = true;
    showPrivacy(C.store.workshop);
  });
});

C.register({
  update(store, what) {
    if (what === "stories" || what === "all") showStoryOptions(store.stories);
    if (what === "practices" || what === "all" || what === "phase" || what === "commitments") {
      render(what === "practices");
    }
    if (what === "all" || what === "phase" || what === "practices") showPrivacy(store.workshop);
  },
});
