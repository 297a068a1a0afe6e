/* The word cloud on the control page: the words with how many people sent each, most
 * first; hide one from the room or bring it back, merge one into another ("asiakas" into
 * "asiakkaat"), and show the cloud to the room. Every change reaches the screens on the
 * next tick, this page included. */
import { register } from "../core/screen.js";
import { format, plural } from "../core/format.js";

let cloud = null;

const ctx = register("wordcloud", {
  snapshot(state) { cloud = state.cloud; draw(); },
  events: { phase_changed(data) { if ("cloud" in data) { cloud = data.cloud; draw(); } } },
  unsequenced: { cloud(data) { cloud = data; draw(); } },
});

const root = ctx.root;
const code = document.body.dataset.code;
const words = ctx.words;
const summary = root.querySelector("[data-cloud-summary]");
const stateLine = root.querySelector("[data-cloud-state]");
const reveal = root.querySelector("[data-cloud-reveal]");
const error = root.querySelector("[data-cloud-error]");
const list = root.querySelector("[data-cloud-words]");

async function act(path, payload) {
  error.hidden = true;
  const response = await ctx.request("POST", `/api/v1/workshops/${code}/cloud/${path}`, payload);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    error.textContent = body.error ? body.error.message : String(response.status);
    error.hidden = false;
  }
}

function button(label, onClick, extra) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "button " + (extra || "");
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

function row(word, others) {
  const li = document.createElement("li");
  li.className = "cloud-row" + (word.hidden ? " is-hidden" : "");
  li.dataset.word = word.word;
  const text = document.createElement("span");
  text.className = "cloud-row-text";
  text.textContent = word.text;
  const count = document.createElement("span");
  count.className = "cloud-row-count";
  count.textContent = plural(words.people, word.count);
  li.append(text, count);
  if (word.merged.length) {
    const also = document.createElement("span");
    also.className = "muted cloud-row-merged";
    also.textContent = format(words.merged, { words: word.merged.join(", ") });
    li.appendChild(also);
  }
  const actions = document.createElement("span");
  actions.className = "cloud-row-actions";
  actions.appendChild(word.hidden
    ? button(words.restore, () => act("hidden", { word: word.word, hidden: false }))
    : button(words.hide, () => act("hidden", { word: word.word, hidden: true })));
  if (others.length) {
    const select = document.createElement("select");
    select.setAttribute("aria-label", format(words.merge_label, { word: word.text }));
    const first = document.createElement("option");
    first.value = "";
    first.textContent = words.merge;
    select.appendChild(first);
    others.forEach((other) => {
      const option = document.createElement("option");
      option.value = other.word;
      option.textContent = other.text;
      select.appendChild(option);
    });
    select.addEventListener("change", () => {
      if (select.value) act("merges", { word: word.word, into: select.value });
    });
    actions.appendChild(select);
  }
  li.appendChild(actions);
  return li;
}

function draw() {
  if (!cloud) return;
  summary.textContent = `${plural(words.people, cloud.people)} · ${plural(words.distinct, cloud.words.length)}`;
  stateLine.textContent = cloud.revealed ? words.shown : cloud.is_live ? words.live : words.private;
  reveal.hidden = cloud.revealed || cloud.is_live;
  list.replaceChildren(...cloud.words.map((word) =>
    row(word, cloud.words.filter((other) => other.word !== word.word && !other.hidden))));
}

reveal.addEventListener("click", () => act("reveal"));
