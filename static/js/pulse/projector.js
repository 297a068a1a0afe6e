/* The agency pulse on the projector. While the phones answer: each statement with how many
 * have answered it, and how many people in all; never a figure. Once revealed: each
 * statement's mean, its spread over 1–5, and where an earlier round asked it, the change
 * ("3,1 → 3,8 (+0,7), 14 answers"); under 5 answers only "fewer than 5 answers". Every text
 * is >= 32 px at 1920 px wide: rows that do not fit turn as pages (the clicker turns them). */
import { register } from "../core/screen.js";
import { decimal, format, plural } from "../core/format.js";
import { el } from "../core/dom.js";
import { Pager } from "../core/pager.js";
import { signed, shortDate } from "./numbers.js";

let pulse = null;
let drawn = ""; // the rows on the screen, so a tick that changes nothing moves nothing

const ctx = register("pulse", {
  snapshot(state) { set(state.pulse); },
  events: { phase_changed(data) { if ("pulse" in data) set(data.pulse); } },
  unsequenced: { pulse(data) { set(data); } },
  enter() { drawn = ""; draw(); },
});

const words = ctx.words;
const section = ctx.root.querySelector('[data-phase-view="pulse"]');
const board = section.querySelector("[data-pulse-board]");
const people = section.querySelector("[data-pulse-people]");
const peopleLabel = section.querySelector("[data-pulse-people-label]");
const pager = new Pager(board, section.querySelector("[data-pulse-page]"), { words, seconds: 15 });

function set(next) {
  pulse = next;
  draw();
}

function spread(counts) {
  const most = Math.max(1, ...Object.values(counts));
  const box = el("div", "pulse-spread");
  for (let level = 1; level <= 5; level++) {
    const n = counts[level] || 0;
    const column = el("div", "pulse-level");
    column.setAttribute("aria-label", format(words.level, { level, n }));
    const bar = el("span", "pulse-bar");
    bar.style.setProperty("--share", String(n / most));
    bar.setAttribute("aria-hidden", "true");
    const count = el("span", "pulse-level-count", String(n));
    count.setAttribute("aria-hidden", "true");
    column.append(bar, count, el("span", "pulse-level-label", String(level)));
    box.appendChild(column);
  }
  return box;
}

function row(statement, revealed, index) {
  const li = el("li", "pulse-row");
  li.dataset.statement = String(index);
  const main = el("div", "pulse-main");
  main.appendChild(el("p", "pulse-text", statement.text));
  li.appendChild(main);
  if (!revealed) {
    li.appendChild(el("p", "pulse-count", plural(words.answers, statement.answers)));
    return li;
  }
  if (statement.mean === null) {
    li.classList.add("is-few");
    li.appendChild(el("p", "pulse-few", format(words.fewer, { n: pulse.round.figure_min })));
    return li;
  }
  const change = statement.change;
  const line = el("p", "pulse-change");
  if (change) {
    line.textContent = plural(words.change, change.answers, {
      before: decimal(change.before), after: decimal(change.after), delta: signed(change.delta),
    });
    line.appendChild(el("span", "pulse-since", " · " + format(words.since, { date: shortDate(change.since.at) })));
    li.classList.add(change.delta > 0 ? "is-up" : change.delta < 0 ? "is-down" : "is-same");
  } else {
    line.textContent = plural(words.answers, statement.answers);
  }
  main.appendChild(line);
  const mean = el("p", "pulse-mean");
  mean.append(el("span", "pulse-mean-label", words.mean), el("span", "pulse-mean-number", decimal(statement.mean)));
  li.append(spread(statement.counts), mean);
  return li;
}

function draw() {
  if (!ctx.isActive()) return;
  const round = pulse && pulse.round;
  section.classList.toggle("is-revealed", Boolean(round && round.revealed));
  const count = round ? round.people : 0;
  people.textContent = String(count);
  peopleLabel.textContent = plural(round && round.revealed ? words.shown : words.people, count);
  const signature = JSON.stringify(round);
  if (signature === drawn) return;
  drawn = signature;
  board.replaceChildren(...(round ? round.statements.map((s, i) => row(s, round.revealed, i)) : []));
  pager.layout();
  if (!pager.running) pager.start();
}

window.ProjectorFit.onTurn((step) => (section.hidden ? false : pager.turn(step)));
window.addEventListener("resize", () => { drawn = ""; draw(); });
