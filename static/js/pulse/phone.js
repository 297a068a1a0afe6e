/* The agency pulse on a phone: one scale of 1–5 per statement, saved at each tap (another
 * tap changes it). A tap while the network is down is kept, shown, and sent again until the
 * server has it (the same rating again changes nothing there). The scales are drawn once per
 * round, so a tick never takes the focus away; once the results are shown they close and
 * each statement says its figure. */
import { register } from "../core/screen.js";
import { decimal, format } from "../core/format.js";
import { el } from "../core/dom.js";

const RETRY_MS = 3000;

let pulse = null; // the round on now, as the server last sent it
let mine = {}; // statement -> rating the server holds
const pending = new Map(); // statement -> rating not yet acknowledged
let drawnRound = null;
let retry = null;

const ctx = register("pulse", {
  snapshot(state) {
    pulse = state.pulse;
    mine = (state.my_pulse && state.my_pulse.ratings) || {};
    draw();
  },
  events: { phase_changed(data) { if ("pulse" in data) { pulse = data.pulse; draw(); } } },
  unsequenced: { pulse(data) { pulse = data; draw(); } },
  // A phone may come back to a round it answered: its ratings come with a snapshot.
  enter(c) { mine = {}; pending.clear(); draw(); return c.RESYNC; },
});

const root = ctx.root;
const code = document.body.dataset.code;
const words = ctx.words;
const list = root.querySelector("[data-pulse-statements]");
const status = root.querySelector("[data-pulse-status]");
const error = root.querySelector("[data-pulse-error]");

function showError(message) {
  error.textContent = message || "";
  error.hidden = !message;
}

function scale(statement, index) {
  const li = el("li");
  const set = el("fieldset", "pulse-scale");
  set.appendChild(el("legend", null, statement.text));
  const row = el("div", "pulse-choices");
  for (let n = 1; n <= 5; n++) {
    const option = el("label", "pulse-choice");
    const input = el("input");
    input.type = "radio";
    input.name = "pulse-" + index;
    input.value = String(n);
    option.append(input, el("span", null, String(n)));
    row.appendChild(option);
  }
  row.addEventListener("change", (event) => rate(index, Number(event.target.value)));
  const result = el("p", "pulse-result");
  result.hidden = true;
  set.append(row, result);
  li.appendChild(set);
  return li;
}

function draw() {
  const round = pulse && pulse.round;
  if (!round) { list.replaceChildren(); drawnRound = null; status.textContent = ""; return; }
  const key = round.id + ":" + JSON.stringify(round.statements.map((s) => s.text));
  if (key !== drawnRound) {
    list.replaceChildren(...round.statements.map(scale));
    drawnRound = key;
  }
  const closed = round.revealed;
  round.statements.forEach((statement, index) => {
    const set = list.children[index];
    const chosen = pending.has(index) ? pending.get(index) : mine[String(index)];
    set.querySelectorAll("input").forEach((input) => {
      input.checked = Number(input.value) === chosen;
      input.disabled = closed;
    });
    const result = set.querySelector(".pulse-result");
    result.hidden = !closed;
    if (closed) {
      result.textContent = statement.mean === null
        ? format(words.fewer, { n: round.figure_min })
        : format(words.mean, { mean: decimal(statement.mean), n: statement.answers });
    }
  });
  const answered = new Set([...Object.keys(mine).map(Number), ...pending.keys()]).size;
  if (closed) status.textContent = words.closed;
  // The phone page's own words: sending, or kept here until the connection is back.
  else if (pending.size) status.textContent = navigator.onLine ? window.Live.i18n.sending : window.Live.i18n.queued;
  else if (answered) status.textContent = format(words.answered, { n: answered, total: round.statements.length }) + ". " + words.saved;
  else status.textContent = "";
}

function rate(index, rating) {
  showError("");
  pending.set(index, rating);
  draw();
  flush();
}

async function flush() {
  clearTimeout(retry);
  for (const [index, rating] of [...pending]) {
    try {
      const response = await ctx.request("POST", `/api/v1/workshops/${code}/pulse/answers`, { statement: index, rating });
      const body = await response.json().catch(() => ({}));
      if (response.status === 503) { // busy: the same rating again in a moment
        retry = setTimeout(flush, 1000 * ((body.error && body.error.retry_after) || 2));
        break;
      }
      if (pending.get(index) === rating) pending.delete(index); // a later tap waits its turn
      if (response.ok) mine = body.ratings;
      else showError(body.error ? body.error.message : ""); // refused: say why, do not retry
    } catch (fault) {
      retry = setTimeout(flush, RETRY_MS); // the network: keep it, try again
      break;
    }
  }
  draw();
}

window.addEventListener("online", flush);
