/* Projector, practices phase: the practices as whole cards, each with how many stories it
 * comes from; only a count while they are private. Also the page turner of whole cards
 * that the story wall, the voting legend and the results use. */
(function () {
  "use strict";
  var el = Cards.el;
  var fit = window.ProjectorFit;

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (_m, name) { return values[name]; });
  }

  function plural(words, name, n) {
    return format(words[name + (n === 1 ? "_one" : "_other")], { count: n });
  }

  /* "from 3 stories" as a paragraph, or null for a practice without stories: on the
   * projector the trace is a count; the titles are on the phones. */
  function trace(practice, words, className, tag) {
    var count = (practice.stories || []).length;
    if (!count) return null;
    return el(tag || "p", className || "board-trace", plural(words, "trace", count));
  }

  /* Turn pages of whole items: each page holds the rows that fit the container's height. */
  function Pager(container, line, options) {
    this.container = container;
    this.line = line;
    this.words = options.words;
    this.seconds = options.seconds || 12;
    this.firstSeconds = options.firstSeconds || this.seconds;
    this.prepare = options.prepare || null; // fits an item's text before it is measured
    this.pages = [];
    this.page = 0;
    this.timer = null;
    this.running = false;
  }

  Pager.prototype.layout = function () {
    var container = this.container;
    var items = Array.from(container.children);
    items.forEach(function (item) { item.hidden = false; });
    if (this.prepare) this.fit(items);
    // Measure with the page number in its place: it takes its own room, never the cards'.
    this.line.hidden = false;
    if (!this.line.textContent) this.line.textContent = "\u00a0";
    var style = getComputedStyle(this.container);
    var padTop = parseFloat(style.paddingTop) || 0;
    var height = this.container.clientHeight - (parseFloat(style.paddingBottom) || 0);
    var top = this.container.getBoundingClientRect().top;
    // Group into visual rows (a grid puts several items on one), then rows into pages.
    var rows = [];
    items.forEach(function (item) {
      var box = item.getBoundingClientRect();
      var row = rows[rows.length - 1];
      if (row && Math.abs(row.top - (box.top - top)) < 2) {
        row.items.push(item);
        row.bottom = Math.max(row.bottom, box.bottom - top);
      } else {
        rows.push({ items: [item], top: box.top - top, bottom: box.bottom - top });
      }
    });
    var pages = [];
    var start = 0;
    rows.forEach(function (row) {
      var page = pages[pages.length - 1];
      if (!page || (height > 0 && row.bottom - start > height && page.length)) {
        page = [];
        pages.push(page);
        start = pages.length === 1 ? 0 : row.top - padTop;
      }
      page.push.apply(page, row.items);
    });
    this.pages = pages.length ? pages : [[]];
    if (this.page >= this.pages.length) this.page = 0;
    this.show();
  };

  /* Fit the items' texts, once per width of the box. Many at once (a snapshot, 400 stories)
   * are fitted one at a time alone in the box: each fitting step then lays out one card,
   * not the whole wall. */
  Pager.prototype.fit = function (items) {
    var container = this.container;
    var prepare = this.prepare;
    var key = String(container.clientWidth);
    var pending = items.filter(function (item) { return item.dataset.fitKey !== key; });
    if (!pending.length) return;
    var alone = pending.length > 3;
    if (alone) items.forEach(function (item) { item.remove(); });
    pending.forEach(function (item) {
      if (alone) container.appendChild(item);
      prepare(item);
      item.dataset.fitKey = key;
      if (alone) item.remove();
    });
    if (alone) container.append.apply(container, items);
  };

  Pager.prototype.show = function () {
    var current = new Set(this.pages[this.page]);
    Array.from(this.container.children).forEach(function (item) { item.hidden = !current.has(item); });
    var count = this.pages.length;
    this.line.hidden = count < 2;
    this.line.textContent = format(this.words.page, { page: this.page + 1, pages: count });
  };

  Pager.prototype.pageOf = function (item) {
    for (var i = 0; i < this.pages.length; i++) if (this.pages[i].indexOf(item) >= 0) return i;
    return 0;
  };

  Pager.prototype.go = function (page) {
    this.page = page;
    this.show();
    if (this.running) this.start();
  };

  /* Turn pages on a timer; the first page stays longer (the results' top). */
  Pager.prototype.start = function () {
    var self = this;
    this.running = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () {
      self.page = (self.page + 1) % self.pages.length;
      self.show();
      self.start();
    }, (this.page === 0 ? this.firstSeconds : this.seconds) * 1000);
  };

  Pager.prototype.stop = function () {
    this.running = false;
    clearTimeout(this.timer);
  };

  /* The clicker: one page on or back; false when there is nothing to turn. */
  Pager.prototype.turn = function (step) {
    if (this.pages.length < 2 || !this.container.offsetParent) return false;
    this.go((this.page + step + this.pages.length) % this.pages.length);
    return true;
  };

  /* Fit a card's texts to their lines: whole words, never a cut line. */
  function fitCard(card, limits) {
    Object.keys(limits).forEach(function (selector) {
      card.querySelectorAll(selector).forEach(function (node) { fit.lines(node, limits[selector]); });
    });
  }

  /* The practices phase: cards when public; while private, the count and an invitation. */
  function PracticeBoard(section, words) {
    this.section = section;
    this.words = words;
    this.count = section.querySelector("[data-practices-count]");
    this.basis = section.querySelector("[data-practices-basis]");
    this.privateBox = section.querySelector("[data-practices-private]");
    this.privateCount = section.querySelector("[data-practices-private-count]");
    this.privateLabel = section.querySelector("[data-practices-private-label]");
    this.cards = section.querySelector("[data-practice-cards]");
    this.pager = new Pager(this.cards, section.querySelector("[data-practices-page]"), {
      words: words,
      prepare: function (card) { fitCard(card, { ".board-card-title": 2, ".board-card-body": 3 }); },
    });
    this.data = new Map(); // id -> practice JSON this screen may read
    this.privateIds = new Set(); // practices we heard of but may not read (not revealed yet)
    this.serverCount = null;
    // Whether this screen has seen every private practice arrive (it watched the phase
    // begin). A snapshot has no count of others' private practices, so after a reload the
    // screen shows no number rather than a wrong one.
    this.hasWatched = false;
    this.isPublic = true;
  }

  PracticeBoard.prototype.list = function () {
    return Array.from(this.data.values()).sort(function (a, b) { return a.id - b.id; });
  };

  PracticeBoard.prototype.card = function (practice, isNew) {
    var card = el("article", "board-card" + (isNew ? " arrive" : ""));
    card.dataset.practiceId = practice.id;
    // Once: a page turn that shows the card again must not replay its arrival.
    card.addEventListener("animationend", function () { card.classList.remove("arrive"); });
    card.appendChild(el("h3", "board-card-title", practice.title));
    if (practice.description_html) {
      var body = el("div", "board-card-body");
      body.innerHTML = practice.description_html; // cleaned on the server (nh3 allowlist)
      card.appendChild(body);
    }
    var line = trace(practice, this.words);
    if (line) card.appendChild(line);
    return card;
  };

  /* Replace everything: a snapshot, a reveal, a merge, entering voting. */
  PracticeBoard.prototype.reset = function (practices, isPublic, serverCount) {
    var self = this;
    this.data = new Map(practices.map(function (p) { return [p.id, p]; }));
    if (isPublic) this.privateIds.clear();
    this.isPublic = isPublic;
    this.setCount(serverCount);
    this.cards.replaceChildren.apply(this.cards, this.list().map(function (p) { return self.card(p, false); }));
    this.render();
  };

  PracticeBoard.prototype.put = function (practice, isNew) {
    this.data.set(practice.id, practice);
    this.privateIds.delete(practice.id);
    var card = this.card(practice, isNew);
    var existing = this.cards.querySelector('[data-practice-id="' + practice.id + '"]');
    if (existing) existing.replaceWith(card);
    else this.cards.appendChild(card);
    this.render(isNew ? card : null);
  };

  PracticeBoard.prototype.drop = function (id, stillExists) {
    this.data.delete(id);
    if (!stillExists) this.privateIds.delete(id);
    var existing = this.cards.querySelector('[data-practice-id="' + id + '"]');
    if (existing) existing.remove();
    this.render();
  };

  /* A practice this screen may not read yet (private until the reveal): count it only. */
  PracticeBoard.prototype.countPrivate = function (id) {
    this.privateIds.add(id);
    this.drop(id, true);
  };

  PracticeBoard.prototype.total = function () {
    if (this.serverCount !== null) return this.serverCount;
    return this.data.size + this.privateIds.size;
  };

  /* The count from the server, when an event or snapshot carries one. */
  PracticeBoard.prototype.setCount = function (count) {
    if (typeof count === "number") this.serverCount = count;
  };

  PracticeBoard.prototype.render = function (newcomer) {
    var words = this.words;
    var total = this.total();
    this.count.textContent = format(words.practices_count, { count: total });
    var stories = new Set();
    this.data.forEach(function (p) { (p.story_ids || []).forEach(function (id) { stories.add(id); }); });
    this.basis.textContent = stories.size ? plural(words, "basis", stories.size) : "";
    var isCounted = this.serverCount !== null || this.hasWatched;
    this.privateCount.textContent = total;
    this.privateLabel.textContent = total === 1 ? words.proposals_one : words.proposals_other;
    this.privateCount.hidden = this.privateLabel.hidden = !isCounted;
    this.section.classList.toggle("is-private", !this.isPublic);
    this.privateBox.hidden = this.isPublic;
    this.cards.hidden = !this.isPublic;
    this.relayout(newcomer);
  };

  /* Page again (the cards or the screen changed); show the page a newcomer is on. */
  PracticeBoard.prototype.relayout = function (newcomer) {
    if (this.cards.hidden || !this.cards.offsetParent) return;
    this.pager.layout();
    if (newcomer) this.pager.go(this.pager.pageOf(newcomer));
    if (!this.pager.running) this.pager.start();
  };

  window.ProjectorPractices = {
    format: format, plural: plural, trace: trace, Pager: Pager, PracticeBoard: PracticeBoard, fitCard: fitCard,
  };
})();
