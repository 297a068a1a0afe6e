/* The word cloud on a phone: send a word or a short phrase (three at most), see one's own
 * and take one back. A word sent while the network is down is kept, shown as sending, and
 * sent again with the same key until the server has it (a replay changes nothing there). */
import { register } from "../core/screen.js";
import { format, plural } from "../core/format.js";

const MAX = 3;
const RETRY_MS = 3000;

let mine = [];
const outbox = []; // {key, text} not yet acknowledged
let retry = null;

const ctx = register("wordcloud", {
  snapshot(state) { mine = state.my_words || []; draw(); },
  // Its words in this step come with a snapshot (a phone may come back to a cloud).
  enter(c) { mine = []; draw(); flush(); return c.RESYNC; },
});

const root = ctx.root;
const code = document.body.dataset.code;
const form = root.querySelector("[data-cloud-form]");
const input = form.elements.text;
const error = root.querySelector("[data-cloud-error]");
const left = root.querySelector("[data-cloud-left]");
const list = root.querySelector("[data-cloud-mine]");
const words = ctx.words;

function showError(message) {
  error.textContent = message || "";
  error.hidden = !message;
}

function draw() {
  list.replaceChildren();
  mine.forEach((word) => list.appendChild(item(word.text, word.id)));
  outbox.forEach((held) => list.appendChild(item(held.text, null)));
  const count = mine.length + outbox.length;
  const free = Math.max(0, MAX - count);
  left.textContent = free ? plural(words.left, free) : words.full;
  input.disabled = free === 0;
  form.querySelector("[data-cloud-send]").disabled = free === 0;
}

function item(text, id) {
  const li = document.createElement("li");
  li.className = "cloud-mine-item";
  const label = document.createElement("span");
  label.className = "cloud-mine-text";
  label.textContent = text;
  li.appendChild(label);
  if (id === null) {
    const note = document.createElement("span");
    note.className = "muted cloud-mine-note";
    note.textContent = navigator.onLine ? words.sending : words.offline;
    li.appendChild(note);
  } else {
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button cloud-remove";
    remove.textContent = "✕";
    remove.setAttribute("aria-label", format(words.remove, { word: text }));
    remove.addEventListener("click", () => withdraw(id));
    li.appendChild(remove);
  }
  return li;
}

async function send(held) {
  const response = await ctx.request("POST", `/api/v1/workshops/${code}/words`, held);
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    mine = body.words;
    return true;
  }
  // Refused (not a network fault): the word will not go in as it is; say why.
  showError(body.error ? body.error.message : "");
  return true;
}

// One flush at a time: a word sent while another is on its way joins the running one.
// (Two at once both sent the first word, and each then dropped one: the second was lost.)
let flushing = false;

async function flush() {
  clearTimeout(retry);
  if (flushing) return;
  flushing = true;
  try {
    while (outbox.length) {
      try {
        await send(outbox[0]);
        outbox.shift();
      } catch (fault) {
        retry = setTimeout(flush, RETRY_MS); // the network: keep it, try again
        break;
      }
    }
  } finally {
    flushing = false;
  }
  draw();
}

async function withdraw(id) {
  showError("");
  try {
    const response = await ctx.request("DELETE", `/api/v1/workshops/${code}/words/${id}`);
    const body = await response.json().catch(() => ({}));
    if (response.ok) mine = body.words;
    else showError(body.error ? body.error.message : "");
  } catch (fault) {
    showError(words.offline);
  }
  draw();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) { showError(words.required); input.focus(); return; }
  showError("");
  outbox.push({ text, key: window.Live.newKey() });
  input.value = "";
  draw();
  flush();
});
// Rendered disabled until this handler is on (templates/stories/phone.html); draw() decides after.
form.querySelector("[data-cloud-send]").disabled = false;

window.addEventListener("online", flush);
