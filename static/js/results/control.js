/* The results on the control page: the ranking in the server's order, and the commitments
 * (owner, first step, order) that the organisation takes away.
 *
 * The control page keeps one store (static/js/facilitator-kit.js): it hears every event
 * first and says what changed; this part redraws from it. */
import { register } from "../core/screen.js";
import { format, plural, decimal } from "../core/format.js";
import { el } from "../core/dom.js";
import { inRankedOrder } from "../core/ranking.js";

const C = window.Control;
const ctx = register("results", {});
const words = ctx.words;
const panel = ctx.root;
const summary = panel.querySelector("[data-results-summary]");
const rankingList = panel.querySelector("[data-ranking]");
const rankingEmpty = panel.querySelector("[data-ranking-empty]");
const commitmentList = panel.querySelector("[data-commitments]");
const commitmentsEmpty = panel.querySelector("[data-commitments-empty]");
const commitmentCount = panel.querySelector("[data-commitment-count]");
const errorLine = panel.querySelector("[data-results-error]");
let focusOwnerOf = null; // a practice just made a commitment: its owner field gets focus
let map = null; // the agency x ease map, when static/js/map.js is on the page (optional)
if (window.PracticeMap) {
  map = new window.PracticeMap(panel.querySelector("[data-results-map]"), { words: words.map });
  panel.querySelector("[data-results-map-figure]").hidden = false;
}

function commitmentUrl(id) { return "/api/v1/practices/" + id + "/commitment"; }

/* The practices (or, where the room voted on them, the stories) in the server's ranking. */
function ranking(store) {
  const onStories = (store.voting || {}).on === "stories";
  const items = onStories ? store.stories : Array.from(store.practices.values());
  return inRankedOrder(items.filter((item) => !item.is_hidden), store.tally)
    .map((row, index) => ({ ...row, rank: index + 1, practice: onStories ? null : row.item, story: onStories ? row.item : null }));
}

/* The commitments, in their order. */
function commitments() {
  return Array.from(C.store.practices.values())
    .filter((p) => p.commitment)
    .sort((a, b) => (a.commitment.position - b.commitment.position) || (a.id - b.id));
}

function rankRatings(row) {
  if (!row.ratings) return words.no_ratings;
  return format(words.agency_mean, { value: decimal(row.agency) }) + " · " +
    format(words.ease_mean, { value: decimal(row.ease) });
}

function rankRow(row) {
  const practice = row.item; // a practice, or a story where the room voted on the stories
  const li = el("li", "ctl-rank-row");
  li.dataset[row.story ? "storyId" : "practiceId"] = practice.id;
  li.appendChild(el("span", "ctl-rank-number", String(row.rank)));
  const main = el("div", "ctl-rank-main");
  main.appendChild(el("span", "ctl-rank-title", practice.title));
  const facts = el("span", "ctl-rank-facts");
  facts.appendChild(el("strong", "", plural(words.dots, row.dots)));
  if (!row.story) facts.appendChild(document.createTextNode(" · " + rankRatings(row)));
  main.appendChild(facts);
  li.appendChild(main);
  if (row.story) return li; // commitments are made of practices
  if (practice.commitment) {
    li.appendChild(el("span", "chip ctl-rank-commitment", format(words.commitment_n, { n: practice.commitment.position + 1 })));
  } else {
    const make = el("button", "button button-small", words.make_commitment);
    make.type = "button";
    make.dataset.makeCommitment = "";
    make.addEventListener("click", () => {
      make.disabled = true;
      focusOwnerOf = practice.id;
      C.api("PUT", commitmentUrl(practice.id), {}).then((result) => {
        make.disabled = false;
        C.showError(errorLine, result);
      });
    });
    li.appendChild(make);
  }
  return li;
}

function showRanking(store) {
  const rows = ranking(store);
  rankingList.replaceChildren(...rows.map(rankRow));
  rankingEmpty.hidden = rows.length > 0;
  if (map) {
    map.update(rows.filter((row) => row.practice).map((row) => ({
      id: row.practice.id, label: String(row.rank), title: row.practice.title,
      agency: row.agency, ease: row.ease, weight: row.dots, marked: Boolean(row.practice.commitment),
    })), { sized: true });
  }
  const tally = store.tally || {};
  summary.textContent = format(words.results_summary, {
    voters: tally.voters || 0, participants: tally.participants || 0, dots: tally.dots_cast || 0,
  }) + (store.workshop.phase === "voting" && !(store.voting || {}).revealed ? " · " + words.results_preview : "");
}

/* One input that saves itself on change, and says so. */
function savingField(practice, name, labelText, placeholder, maxLength, statusNode) {
  const wrap = el("div", "ctl-commitment-field");
  const id = "commitment-" + name + "-" + practice.id;
  const label = el("label", "", labelText);
  label.htmlFor = id;
  // A first step is a sentence or two: it gets room to wrap; an owner is a name.
  const input = el(name === "first_step" ? "textarea" : "input");
  if (name === "first_step") input.rows = 2;
  input.id = id;
  input.name = name;
  input.maxLength = maxLength;
  input.placeholder = placeholder;
  input.setAttribute("autocomplete", "off");
  input.value = (practice.commitment && practice.commitment[name]) || "";
  input.dataset.saved = input.value;
  input.addEventListener("input", () => {
    statusNode.textContent = input.value === input.dataset.saved ? "" : words.unsaved;
    statusNode.className = "ctl-commitment-status is-unsaved";
  });
  input.addEventListener("change", () => {
    statusNode.textContent = words.saving;
    statusNode.className = "ctl-commitment-status";
    C.api("PUT", commitmentUrl(practice.id), { [name]: input.value }).then((result) => {
      if (result.ok) {
        input.dataset.saved = input.value = (result.data.commitment || {})[name] || "";
        input.removeAttribute("aria-invalid");
        statusNode.textContent = words.saved;
        statusNode.className = "ctl-commitment-status is-saved";
      } else {
        input.setAttribute("aria-invalid", "true");
        statusNode.textContent = C.errorText(result);
        statusNode.className = "ctl-commitment-status is-error";
      }
    });
  });
  wrap.append(label, input);
  return wrap;
}

function iconButton(text, label, onClick) {
  const b = el("button", "button button-small ctl-icon-button", text);
  b.type = "button";
  b.setAttribute("aria-label", label);
  b.addEventListener("click", onClick);
  return b;
}

function commitmentRow(practice) {
  const li = el("li", "ctl-commitment");
  li.dataset.practiceId = practice.id;
  const head = el("div", "ctl-commitment-head");
  head.append(el("span", "ctl-rank-number ctl-commitment-number"), el("h4", "ctl-commitment-title", practice.title));
  li.appendChild(head);
  const statusNode = el("p", "ctl-commitment-status");
  statusNode.setAttribute("role", "status");
  const fields = el("div", "ctl-commitment-fields");
  fields.append(
    savingField(practice, "owner", words.owner, words.owner_placeholder, 80, statusNode),
    savingField(practice, "first_step", words.first_step, words.first_step_placeholder, 280, statusNode),
  );
  li.appendChild(fields);
  const actions = el("div", "ctl-commitment-actions");
  const move = (delta) => (event) => {
    const trigger = event.currentTarget;
    const current = C.store.practices.get(practice.id) || practice;
    const position = current.commitment ? current.commitment.position : 0;
    trigger.disabled = true;
    C.api("PUT", commitmentUrl(practice.id), { position: Math.max(0, position + delta) }).then((result) => {
      C.showError(errorLine, result);
      showCommitments(); // which arrows apply depends on the order, not on this click
    });
  };
  const up = iconButton("\u2191", format(words.move_up, { title: practice.title }), move(-1));
  up.dataset.moveUp = "";
  const down = iconButton("\u2193", format(words.move_down, { title: practice.title }), move(1));
  down.dataset.moveDown = "";
  const remove = el("button", "button button-small button-danger", words.remove_commitment);
  remove.type = "button";
  remove.setAttribute("aria-label", format(words.remove_commitment_label, { title: practice.title }));
  remove.addEventListener("click", () => {
    C.ask(remove, li, {
      key: "commitment-remove:" + practice.id,
      text: format(words.confirm_remove_commitment, { title: practice.title }),
      onYes: () => {
        remove.disabled = true;
        C.api("DELETE", commitmentUrl(practice.id)).then((result) => {
          remove.disabled = false;
          C.showError(errorLine, result);
        });
      },
    });
  });
  actions.append(up, down, statusNode, remove);
  li.appendChild(actions);
  return li;
}

/* Fields keep what is being typed: only values the person is not editing are replaced. */
function refreshRow(li, practice) {
  li.querySelector(".ctl-commitment-title").textContent = practice.title;
  ["owner", "first_step"].forEach((name) => {
    const input = li.querySelector('[name="' + name + '"]');
    const value = (practice.commitment && practice.commitment[name]) || "";
    if (input.value === input.dataset.saved && document.activeElement !== input) input.value = value;
    input.dataset.saved = value;
  });
}

function showCommitments() {
  const chosen = commitments();
  const focused = document.activeElement;
  const rows = new Map(Array.from(commitmentList.children, (li) => [Number(li.dataset.practiceId), li]));
  chosen.forEach((practice, index) => {
    let li = rows.get(practice.id);
    if (li) {
      refreshRow(li, practice);
      rows.delete(practice.id);
    } else {
      li = commitmentRow(practice);
    }
    li.querySelector(".ctl-commitment-number").textContent = String(index + 1);
    li.querySelector("[data-move-up]").disabled = index === 0;
    li.querySelector("[data-move-down]").disabled = index === chosen.length - 1;
    if (commitmentList.children[index] !== li) commitmentList.insertBefore(li, commitmentList.children[index] || null);
  });
  rows.forEach((li) => li.remove());
  // Moving a row takes the focus with it: give it back, so arrows can be pressed again.
  if (focused && focused !== document.activeElement && commitmentList.contains(focused)) {
    const row = focused.closest("li");
    const target = focused.disabled && row ? row.querySelector("[data-move-up]:not(:disabled), [data-move-down]:not(:disabled)") : focused;
    if (target) target.focus();
  }
  if (focusOwnerOf !== null) {
    const owner = commitmentList.querySelector('[data-practice-id="' + focusOwnerOf + '"] input[name="owner"]');
    if (owner) { owner.focus(); focusOwnerOf = null; }
  }
  commitmentCount.textContent = chosen.length;
  commitmentsEmpty.hidden = chosen.length > 0;
}

C.register({
  update(store, what) {
    if (what === "stories" && (store.voting || {}).on !== "stories") return;
    showRanking(store);
    if (what !== "tally") showCommitments();
  },
});
