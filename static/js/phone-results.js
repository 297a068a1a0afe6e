/* The results on the phone: the commitments first (owner, first step), then the
 * practices ranked by dots with the mean ratings and the stories they come from (or,
 * where the room voted on the stories, the stories ranked by dots).
 * Once the workshop has closed they stay on the phone: what the room decided. */
(function () {
  "use strict";
  var kit = window.PhoneKit;
  var words = kit.i18n.results;
  var el = Cards.el;
  var view = document.querySelector('[data-phase-view="results"]');
  if (!view) return;
  var summary = view.querySelector("[data-results-summary]");
  var waiting = view.querySelector("[data-results-waiting]");
  var commitSection = document.querySelector("[data-commitments]");
  var commitList = document.querySelector("[data-commitment-list]");
  var rankSection = document.querySelector("[data-ranking]");
  var rankList = document.querySelector("[data-ranking-list]");
  var rankHeading = rankSection.querySelector("h2");
  var rankTitle = rankHeading.textContent;
  var closedKept = document.querySelector("[data-closed-kept]");
  var results = null;
  var commitments = null; // practice JSON in order, once commitments_changed said so

  function stat(label, value) {
    var item = el("span", "rank-stat");
    item.appendChild(el("span", "rank-stat-label", label));
    item.appendChild(el("span", "rank-stat-value", value));
    return item;
  }

  function rankItem(entry) {
    var item = el("li", "rank-item");
    var ranked = entry.practice || entry.story;
    item.dataset[entry.practice ? "practiceId" : "storyId"] = ranked.id;
    item.appendChild(el("span", "rank-number", String(entry.rank)));
    var main = el("div", "rank-main");
    main.appendChild(el("h3", "rank-title", ranked.title));
    var stats = el("p", "rank-stats");
    var dotsStat = el("span", "rank-stat rank-dots");
    dotsStat.appendChild(entry.dots ? kit.dots(1, 0) : kit.dots(0, 1));
    dotsStat.appendChild(el("span", "rank-stat-value", kit.count(entry.dots, words.dots)));
    stats.appendChild(dotsStat);
    main.appendChild(stats);
    if (!entry.practice) { item.appendChild(main); return item; }
    stats.appendChild(stat(words.agency, kit.mean(entry.agency)));
    stats.appendChild(stat(words.ease, kit.mean(entry.ease)));
    var line = kit.trace(entry.practice);
    if (line) main.appendChild(line);
    item.appendChild(main);
    return item;
  }

  function commitmentItem(practice) {
    var item = el("li", "commitment");
    item.dataset.practiceId = practice.id;
    item.appendChild(el("h3", "commitment-title", practice.title));
    var facts = el("dl", "commitment-facts");
    var c = practice.commitment || {};
    [[words.owner, c.owner], [words.first_step, c.first_step]].forEach(function (pair) {
      if (!pair[1]) return;
      facts.appendChild(el("dt", null, pair[0]));
      facts.appendChild(el("dd", null, pair[1]));
    });
    if (facts.childNodes.length) item.appendChild(facts);
    var line = kit.trace(practice);
    if (line) item.appendChild(line);
    return item;
  }

  function committed() {
    if (commitments) return commitments;
    if (!results) return [];
    var byId = new Map(results.ranking.filter(function (r) { return r.practice; })
      .map(function (r) { return [r.practice.id, r.practice]; }));
    return results.commitments.map(function (id) { return byId.get(id); }).filter(Boolean);
  }

  function draw() {
    waiting.hidden = !!results;
    rankSection.hidden = !results;
    summary.hidden = !results;
    var chosen = committed();
    commitSection.hidden = !chosen.length;
    commitList.replaceChildren.apply(commitList, chosen.map(commitmentItem));
    if (closedKept) closedKept.hidden = !results && !chosen.length;
    if (!results) return;
    summary.textContent = kit.format(words.summary, {
      voters: results.voters, participants: results.participants, dots: results.dots_cast,
    });
    var onStories = results.ranking.length > 0 && !results.ranking[0].practice;
    rankHeading.textContent = onStories ? words.ranking_stories : rankTitle;
    rankList.replaceChildren.apply(rankList, results.ranking.map(rankItem));
  }

  function setResults(next) {
    results = next || null;
    commitments = null; // the results carry the commitments as they stand
    draw();
  }

  kit.register({
    snapshot: function (state) { setResults(state.results); },
    events: {
      phase_changed: function (data) { if ("results" in data) setResults(data.results); },
      votes_revealed: function (data) { setResults(data.results); },
      commitments_changed: function (data) {
        commitments = data.commitments;
        if (results) {
          var now = new Map(data.commitments.map(function (p) { return [p.id, p.commitment]; }));
          results.ranking.forEach(function (r) { if (r.practice) r.practice.commitment = now.get(r.practice.id) || null; });
          results.commitments = data.commitments.map(function (p) { return p.id; });
        }
        draw();
      },
    },
  });
})();
