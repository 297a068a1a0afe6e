/* The agency pulse on the control page. While the phones answer: how many have answered
 * each statement (never a mean before the reveal, here too: a mean that moves with each tap
 * would tell who answered what), and the reveal, which ends answering. Then each figure,
 * and its change since an earlier round. The check-in link: made (its address shown this
 * once, to copy), revoked; each check-in's count comes on the tick. */
import { register } from "../core/screen.js";
import { decimal, format, plural } from "../core/format.js";
import { el } from "../core/dom.js";
import { signed, shortDate } from "./numbers.js";

let pulse = null;

const ctx = register("pulse", {
  snapshot(state) { pulse = state.pulse; draw(); },
  events: { phase_changed(data) { if ("pulse" in data) { pulse = data.pulse; draw(); } } },
  unsequenced: { pulse(data) { pulse = data; draw(); } },
});

const root = ctx.root;
const code = document.body.dataset.code;
const words = ctx.words;
const room = root.querySelector("[data-pulse-room]");
const people = root.querySelector("[data-pulse-people]");
const stateLine = root.querySelector("[data-pulse-state]");
const reveal = root.querySelector("[data-pulse-reveal]");
const rows = root.querySelector("[data-pulse-rows]");
const error = root.querySelector("[data-pulse-error]");
const create = root.querySelector("[data-pulse-link-create]");
const fresh = root.querySelector("[data-pulse-link-new]");
const url = root.querySelector("[data-pulse-link-url]");
const copy = root.querySelector("[data-pulse-link-copy]");
const revoke = root.querySelector("[data-pulse-link-revoke]");
const checkIns = root.querySelector("[data-pulse-check-ins]");

async function act(method, path) {
  error.hidden = true;
  const response = await ctx.request(method, `/api/v1/workshops/${code}/pulse/${path}`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    error.textContent = body.error ? body.error.message : String(response.status);
    error.hidden = false;
    return null;
  }
  return body;
}

function figure(statement, round) {
  if (!round.revealed) return plural(words.answers, statement.answers);
  if (statement.mean === null) return format(words.fewer, { n: round.figure_min });
  const shown = format(words.mean, { mean: decimal(statement.mean), n: statement.answers });
  const change = statement.change;
  if (!change) return shown;
  return shown + " · " + format(words.change, {
    before: decimal(change.before), after: decimal(change.after), delta: signed(change.delta),
  });
}

function draw() {
  const round = pulse && pulse.round;
  room.hidden = !round;
  if (round) {
    people.textContent = plural(words.people, round.people);
    stateLine.textContent = round.revealed ? words.shown : words.private;
    reveal.hidden = round.revealed;
    rows.replaceChildren(...round.statements.map((statement) => {
      const li = el("li", "ctl-pulse-row");
      li.append(el("span", "ctl-pulse-text", statement.text), el("span", "ctl-pulse-figure", figure(statement, round)));
      return li;
    }));
  }
  const rounds = (pulse && pulse.check_ins) || [];
  revoke.hidden = !rounds.some((r) => r.is_live);
  checkIns.replaceChildren(...rounds.map((r) => el("li", null,
    plural(words.check_in, r.answers, { date: shortDate(r.at) }) + " · " + (r.is_live ? words.live : words.closed))));
}

reveal.addEventListener("click", () => act("POST", "reveal"));
create.addEventListener("click", async () => {
  const made = await act("POST", "link");
  if (!made) return;
  url.value = made.url;
  fresh.hidden = false;
  url.focus();
  url.select();
});
revoke.addEventListener("click", async () => {
  if (await act("DELETE", "link") !== null) fresh.hidden = true;
});
copy.addEventListener("click", () => {
  const original = copy.textContent;
  navigator.clipboard.writeText(url.value).then(() => {
    copy.textContent = words.copied;
    setTimeout(() => { copy.textContent = original; }, 1500);
  }, () => { url.focus(); url.select(); }); // no clipboard (http): select it
});
