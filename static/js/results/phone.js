/* The results on the phone: the commitments first (owner, first step), then the
 * practices ranked by dots with the mean ratings and the stories they come from (or,
 * where the room voted on the stories, the stories ranked by dots), in the server's order.
 * Once the workshop has closed they stay on the phone: what the room decided. */
import { register } from "../core/screen.js";
import { format, plural, decimal } from "../core/format.js";
import { el, dotGlyphs } from "../core/dom.js";
import { trace } from "../practices/card.js"; // as every practice card on the phone has it

let results = null;
let commitments = null; // practice JSON in order, once commitments_changed said so

const ctx = register("results", {
  snapshot(state) { setResults(state.results); },
  events: {
    phase_changed(data) { if ("results" in data) setResults(data.results); },
    votes_revealed(data) { setResults(data.results); },
    commitments_changed(data) {
      commitments = data.commitments;
      if (results) {
        const now = new Map(data.commitments.map((p) => [p.id, p.commitment]));
        results.ranking.forEach((r) => { if (r.practice) r.practice.commitment = now.get(r.practice.id) || null; });
        results.commitments = data.commitments.map((p) => p.id);
      }
      draw();
    },
  },
});

const words = ctx.words;
const root = ctx.root;
const summary = root.querySelector("[data-results-summary]");
const waiting = root.querySelector("[data-results-waiting]");
const commitSection = root.querySelector("[data-commitments]");
const commitList = root.querySelector("[data-commitment-list]");
const rankSection = root.querySelector("[data-ranking]");
const rankList = root.querySelector("[data-ranking-list]");
const rankHeading = rankSection.querySelector("h2");
const rankTitle = rankHeading.textContent;
const closedKept = document.querySelector("[data-closed-kept]"); // in the closed card

function stat(label, value) {
  const item = el("span", "rank-stat");
  item.append(el("span", "rank-stat-label", label), el("span", "rank-stat-value", value));
  return item;
}

function rankItem(entry) {
  const item = el("li", "rank-item");
  const ranked = entry.practice || entry.story;
  item.dataset[entry.practice ? "practiceId" : "storyId"] = ranked.id;
  item.appendChild(el("span", "rank-number", String(entry.rank)));
  const main = el("div", "rank-main");
  main.appendChild(el("h3", "rank-title", ranked.title));
  const stats = el("p", "rank-stats");
  const dotsStat = el("span", "rank-stat rank-dots");
  dotsStat.appendChild(entry.dots ? dotGlyphs(1, 0) : dotGlyphs(0, 1));
  dotsStat.appendChild(el("span", "rank-stat-value", plural(words.dots, entry.dots)));
  stats.appendChild(dotsStat);
  main.appendChild(stats);
  if (!entry.practice) { item.appendChild(main); return item; }
  stats.append(stat(words.agency, decimal(entry.agency)), stat(words.ease, decimal(entry.ease)));
  const line = trace(entry.practice);
  if (line) main.appendChild(line);
  item.appendChild(main);
  return item;
}

function commitmentItem(practice) {
  const item = el("li", "commitment");
  item.dataset.practiceId = practice.id;
  item.appendChild(el("h3", "commitment-title", practice.title));
  const facts = el("dl", "commitment-facts");
  const c = practice.commitment || {};
  [[words.owner, c.owner], [words.first_step, c.first_step]].forEach(([label, value]) => {
    if (!value) return;
    facts.append(el("dt", null, label), el("dd", null, value));
  });
  if (facts.childNodes.length) item.appendChild(facts);
  const line = trace(practice);
  if (line) item.appendChild(line);
  return item;
}

function committed() {
  if (commitments) return commitments;
  if (!results) return [];
  const byId = new Map(results.ranking.filter((r) => r.practice).map((r) => [r.practice.id, r.practice]));
  return results.commitments.map((id) => byId.get(id)).filter(Boolean);
}

function draw() {
  waiting.hidden = !!results;
  rankSection.hidden = !results;
  summary.hidden = !results;
  const chosen = committed();
  commitSection.hidden = !chosen.length;
  commitList.replaceChildren(...chosen.map(commitmentItem));
  if (closedKept) closedKept.hidden = !results && !chosen.length;
  if (!results) return;
  summary.textContent = format(words.summary, {
    voters: results.voters, participants: results.participants, dots: results.dots_cast,
  });
  const onStories = results.ranking.length > 0 && !results.ranking[0].practice;
  rankHeading.textContent = onStories ? words.ranking_stories : rankTitle;
  rankList.replaceChildren(...results.ranking.map(rankItem));
}

function setResults(next) {
  results = next || null;
  commitments = null; // the results carry the commitments as they stand
  draw();
}
