/* Projector, voting and results: who has voted and the live agency x ease map; then the
 * reveal, which ranks the practices from the last to the first, and the results. While
 * the tally is hidden (tally.dots is null) nothing here shows dots per practice. */
(function () {
  "use strict";
  var el = Cards.el;
  var P = window.ProjectorPractices;
  var format = P.format;
  var lang = document.documentElement.lang || "fi";
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var STEP_MS = 700; // between two rows of the reveal
  var WINNER_PAUSE_MS = 1100; // a breath before the first place
  var ROW_MS = 1900; // one row's own animation (it rises, its bar grows), see .is-revealing in app.css

  function mean(value) {
    if (value === null || value === undefined) return "\u2013";
    return Number(value).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }

  function byId(map, id) { return map ? map[String(id)] : undefined; }

  /* Voting: "3 / 12 have voted", dots left, and the map (all circles alike while hidden). */
  function VotingBoard(section, words) {
    this.words = words;
    this.section = section;
    this.voters = section.querySelector("[data-voters]");
    this.votersBar = section.querySelector("[data-voters-bar]");
    this.dotsLeft = section.querySelector("[data-dots-left]");
    this.budget = section.querySelector("[data-budget]");
    this.legend = section.querySelector("[data-voting-legend]");
    this.caption = section.querySelector("[data-voting-caption]");
    this.map = new PracticeMap(section.querySelector("[data-voting-map]"), { words: words.map, large: true });
    // The key to the circles, one line each, in pages of whole lines.
    this.legendPager = new P.Pager(this.legend, section.querySelector("[data-legend-page]"), {
      words: words,
      prepare: function (item) { P.fitCard(item, { ".map-legend-title": 1 }); },
    });
  }

  VotingBoard.prototype.turn = function (step) { return this.legendPager.turn(step); };

  /* Page the key again (it changed, or the screen did). */
  VotingBoard.prototype.relayout = function () {
    if (!this.legend.offsetParent) { this.legendKey = null; return; } // drawn again when shown
    this.legendPager.layout();
    if (!this.legendPager.running) this.legendPager.start();
  };

  VotingBoard.prototype.render = function (practices, tally, voting) {
    var words = this.words;
    var dots = tally.dots; // null while the tally is hidden: then no sizes, no counts
    var points = practices.map(function (p, i) {
      var rating = byId(tally.ratings, p.id);
      return {
        id: p.id, label: String(i + 1), title: p.title,
        agency: rating ? rating.agency : null, ease: rating ? rating.ease : null,
        weight: dots ? byId(dots, p.id) || 0 : null,
      };
    });
    var rated = this.map.update(points, { sized: Boolean(dots) });
    // "Not rated yet" tells something only beside practices that are.
    // The key is redrawn only when it changes (not on every tick): it keeps its page.
    var unrated = rated ? words.unrated : "";
    var key = JSON.stringify([unrated, points.map(function (p) { return [p.id, p.label, p.title, p.agency == null || p.ease == null]; })]);
    if (key !== this.legendKey) {
      this.legendKey = key;
      PracticeMap.legend(this.legend, points, { unrated: unrated });
      this.relayout();
    }
    this.voters.textContent = tally.voters + " / " + tally.participants;
    this.votersBar.style.setProperty("--share", tally.participants ? tally.voters / tally.participants : 0);
    this.dotsLeft.textContent = P.plural(words, "dots_left", tally.dots_left);
    this.budget.textContent = voting ? P.plural(words, "budget", voting.budget) : "";
    this.caption.textContent = !rated ? words.map_empty : dots ? words.size_dots : words.dots_hidden;
  };

  /* The practices in the server's ranking (the tally's `ranked`): the screen never ranks. */
  function rank(practices, tally) {
    var byPractice = new Map(practices.map(function (p) { return [p.id, p]; }));
    return (tally.ranked || []).filter(function (id) { return byPractice.has(id); }).map(function (id, i) {
      var rating = byId(tally.ratings, id) || { agency: null, ease: null, count: 0 };
      return {
        rank: i + 1, practice: byPractice.get(id), dots: byId(tally.dots, id) || 0,
        agency: rating.agency, ease: rating.ease, ratings: rating.count,
      };
    });
  }

  function signature(results) {
    return JSON.stringify([results.voters, results.participants, results.dots_cast, results.ranking.map(function (r) {
      var item = r.practice || r.story;
      return [item.id, r.dots, r.agency, r.ease, item.title, item.commitment];
    })]);
  }

  /* Results: the ranking (rank, title, dots, means, trace, commitment) beside the map. */
  function ResultsBoard(section, words) {
    this.section = section;
    this.words = words;
    this.summary = section.querySelector("[data-results-summary]");
    this.list = section.querySelector("[data-ranking]");
    this.pager = new P.Pager(this.list, section.querySelector("[data-standings-page]"), {
      words: words, seconds: 15, firstSeconds: 40,
      prepare: function (row) { P.fitCard(row, { ".standing-title": 2 }); },
    });
    this.map = new PracticeMap(section.querySelector("[data-results-map]"), { words: words.map, large: true });
    this.caption = section.querySelector("[data-results-caption]");
    this.results = null;
    this.drawn = "";
    this.timer = null;
    this.pending = null;
  }

  ResultsBoard.prototype.row = function (item, most) {
    var words = this.words;
    var practice = item.practice || item.story; // the room may have voted on the stories
    var row = el("li", "standing-row" + (item.rank === 1 && item.dots > 0 ? " is-first" : ""));
    row.dataset.itemId = practice.id;
    row.dataset[item.practice ? "practiceId" : "storyId"] = practice.id;
    row.dataset.rank = item.rank;
    var number = el("span", "standing-number", String(item.rank));
    number.setAttribute("aria-label", format(words.rank, { rank: item.rank }));
    row.appendChild(number);
    var main = el("div", "standing-main");
    main.appendChild(el("h3", "standing-title", practice.title));
    var meta = el("p", "standing-meta");
    if (practice.commitment) {
      var chip = el("span", "standing-commitment", format(words.commitment, { n: practice.commitment.position + 1 }));
      if (practice.commitment.owner) {
        chip.appendChild(el("span", "standing-owner", " \u00b7 " + format(words.owner, { owner: practice.commitment.owner })));
      }
      meta.appendChild(chip);
      row.classList.add("is-commitment");
    }
    if (item.practice) {
      meta.appendChild(el("span", "standing-means", format(words.means, { agency: mean(item.agency), ease: mean(item.ease) })));
      var line = P.trace(practice, words, "standing-trace", "span");
      if (line) meta.appendChild(line);
    }
    main.appendChild(meta);
    row.appendChild(main);
    var bar = el("span", "standing-bar");
    bar.setAttribute("aria-hidden", "true");
    bar.style.setProperty("--share", most ? item.dots / most : 0);
    row.appendChild(bar);
    var count = el("p", "standing-dots");
    count.dataset.dots = item.dots;
    count.appendChild(el("span", "standing-dots-number", String(item.dots)));
    count.appendChild(el("span", "standing-dots-unit", item.dots === 1 ? words.dot_one : words.dot_other));
    row.appendChild(count);
    return row;
  };

  ResultsBoard.prototype.points = function (delays) {
    return this.results.ranking.filter(function (item) { return item.practice; }).map(function (item) {
      return {
        id: item.practice.id, label: String(item.rank), title: item.practice.title,
        agency: item.agency, ease: item.ease, weight: item.dots,
        marked: Boolean(item.practice.commitment), delay: delays ? delays.get(item.practice.id) || 0 : 0,
      };
    });
  };

  /* Draw the results; with `animate`, reveal them: the last place first, the winner last. */
  ResultsBoard.prototype.show = function (results, animate) {
    if (!results) return;
    if (this.section.dataset.revealState === "running") { this.pending = results; return; }
    var keepPage = !animate && this.results !== null;
    this.results = results;
    this.drawn = signature(results);
    var self = this;
    var most = Math.max.apply(null, [0].concat(results.ranking.map(function (r) { return r.dots; })));
    this.summary.textContent = format(this.words.results_summary, {
      voters: results.voters, participants: results.participants, dots: results.dots_cast,
    });
    this.list.replaceChildren.apply(this.list, results.ranking.map(function (item) { return self.row(item, most); }));
    var committed = results.ranking.some(function (item) { return item.practice && item.practice.commitment; });
    // Stories have no agency x ease map: their ranking takes the whole screen.
    this.section.classList.toggle("is-on-stories", results.ranking.some(function (item) { return item.story; }));
    this.caption.textContent = this.words.size_ranks + (committed ? " " + this.words.ring : "");
    this.pager.stop();
    if (!keepPage) this.pager.page = 0;
    this.pager.layout();
    if (animate && !reducedMotion.matches) {
      this.reveal();
    } else {
      this.map.update(this.points(), { sized: true });
      this.finish();
    }
  };

  ResultsBoard.prototype.reveal = function () {
    var self = this;
    var shown = this.pager.pages[0] || [];
    var last = shown.length;
    var delays = new Map();
    var end = 0;
    Array.from(this.list.children).forEach(function (row) {
      var place = Number(row.dataset.rank);
      var delay = place > last ? 0 : (last - place) * STEP_MS + (place === 1 ? WINNER_PAUSE_MS : 0);
      row.style.setProperty("--reveal-delay", delay + "ms");
      delays.set(Number(row.dataset.itemId), delay);
      end = Math.max(end, delay);
    });
    this.section.dataset.revealState = "running";
    this.list.classList.add("is-revealing");
    // Every circle starts alike, as during voting, and grows with its row.
    this.map.update(this.points(), { sized: false });
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { self.map.update(self.points(delays), { sized: true }); });
    });
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.finish(); }, end + ROW_MS);
  };

  ResultsBoard.prototype.finish = function () {
    this.list.classList.remove("is-revealing");
    this.section.dataset.revealState = "done";
    this.pager.start();
    if (this.pending) {
      var next = this.pending;
      this.pending = null;
      this.show(next, false);
    }
  };

  /* Votes still change after a reveal during voting: rank again from the tally. */
  ResultsBoard.prototype.fromTally = function (tally, practices) {
    if (!this.results || !tally.dots || !tally.ranked) return;
    var next = Object.assign({}, this.results, {
      voters: tally.voters, participants: tally.participants, dots_cast: tally.dots_cast,
      ranking: rank(practices, tally),
    });
    if (signature(next) !== this.drawn) this.show(next, false);
  };

  /* Commitments changed: mark them (no new reveal). */
  ResultsBoard.prototype.commitments = function (committed) {
    var base = this.pending || this.results;
    if (!base) return;
    var byPractice = new Map(committed.map(function (p) { return [p.id, p.commitment]; }));
    var ranking = base.ranking.map(function (item) {
      var practice = Object.assign({}, item.practice, { commitment: byPractice.get(item.practice.id) || null });
      return Object.assign({}, item, { practice: practice });
    });
    var ids = committed.map(function (p) { return p.id; });
    this.show(Object.assign({}, base, { ranking: ranking, commitments: ids }), false);
  };

  /* Page again after the screen changed size. */
  ResultsBoard.prototype.relayout = function () {
    if (!this.results || this.section.dataset.revealState === "running") return;
    this.pager.layout();
  };

  window.ProjectorVotes = { VotingBoard: VotingBoard, ResultsBoard: ResultsBoard, rank: rank };
})();
