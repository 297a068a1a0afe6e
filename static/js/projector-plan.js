/* Projector, the plan around the phases: the welcome and each phase's instruction, the
 * phase timer, the join QR over everything, the example stories, and the end of a deleted
 * workshop. No controls: it follows what the facilitator does. */
(function () {
  "use strict";
  var el = Cards.el;
  var words = Live.i18n;
  var body = document.body;
  var EXAMPLE_SECONDS = 30; // one example at a time: long enough to read it through
  var ENDING_SECONDS = 10;

  function parseTime(iso) {
    // Python writes microseconds; a browser need not read more than milliseconds.
    return Date.parse(String(iso).replace(/(\.\d{3})\d+/, "$1"));
  }

  /* The phase timer, counted down here from the stored end, corrected by the server's clock. */
  function Timer(box) {
    this.box = box;
    this.time = box.querySelector("[data-timer-time]");
    this.note = box.querySelector("[data-timer-note]");
    this.bar = box.querySelector("[data-timer-bar]");
    this.data = null;
    this.offset = 0; // server clock minus this clock, in ms
    this.ticking = null;
  }

  Timer.prototype.set = function (data) {
    this.data = data || null;
    if (data && data.server_now) this.offset = parseTime(data.server_now) - Date.now();
    this.draw();
  };

  Timer.prototype.setLocks = function (locks) {
    if (this.data) this.data.locks_at_time_up = locks;
    this.draw();
  };

  Timer.prototype.secondsLeft = function () {
    var data = this.data;
    if (data.state === "running") {
      var ms = parseTime(data.ends_at) - (Date.now() + this.offset);
      return Math.max(0, Math.ceil(ms / 1000));
    }
    return data.state === "paused" ? data.seconds_left || 0 : 0;
  };

  Timer.prototype.draw = function () {
    var data = this.data;
    var self = this;
    var state = data ? data.state : "stopped";
    var left = state === "stopped" ? 0 : this.secondsLeft();
    if (state === "running" && left <= 0) state = "ended"; // ran out here first
    this.box.hidden = state === "stopped";
    if (this.box.dataset.state !== state) this.box.dataset.state = state;
    this.box.classList.toggle("is-ending", state === "running" && left <= ENDING_SECONDS);
    if (state === "running" || state === "paused") {
      var text = window.Core.countdown(left); // 04:05, as on every screen
      if (this.time.textContent !== text) this.time.textContent = text;
      var total = data.total_seconds || left || 1;
      this.bar.style.setProperty("--share", Math.min(1, left / total));
    }
    var note = "";
    if (state === "paused") note = words.timer_paused;
    if (state === "ended" && data.locks_at_time_up) note = words.submissions_closed;
    if (this.note.textContent !== note) this.note.textContent = note;
    // A quarter-second tick turns the second on time without drifting.
    if (state === "running" && !this.ticking) {
      this.ticking = setInterval(function () { self.draw(); }, 250);
    } else if (state !== "running" && this.ticking) {
      clearInterval(this.ticking);
      this.ticking = null;
    }
  };

  /* The example stories: one at a time, whole, with the object/subject reading beside it. */
  function Showcase() {
    this.box = el("section", "projector-examples");
    this.box.setAttribute("aria-label", words.examples);
    this.box.dataset.examples = "";
    var head = el("header", "projector-examples-head");
    head.appendChild(el("p", "projector-examples-badge", words.example));
    head.appendChild(el("p", "projector-examples-note", words.examples_note));
    this.page = el("p", "projector-examples-page");
    this.page.dataset.pageLine = "";
    head.appendChild(this.page);
    this.stage = el("div", "projector-examples-stage");
    this.box.append(head, this.stage);
    this.items = [];
    this.index = 0;
    this.turning = null;
    this.pages = null; // a long example's pages (projector-fit.js)
  }

  Showcase.prototype.set = function (examples) {
    var before = this.items.map(function (e) { return e.id; }).join();
    this.items = examples || [];
    if (this.items.map(function (e) { return e.id; }).join() !== before) this.index = 0;
    if (this.items.length) this.show(false);
  };

  Showcase.prototype.card = function (example) {
    var wrap = el("div", "projector-example");
    wrap.dataset.exampleId = example.id;
    var card = Cards.story(example, { full: true });
    wrap.appendChild(card);
    if (example.reading) {
      var reading = el("aside", "projector-example-reading");
      reading.appendChild(el("h4", "projector-example-reading-title", words.reading));
      reading.appendChild(el("p", "projector-example-reading-text", example.reading));
      wrap.appendChild(reading);
    }
    return wrap;
  };

  Showcase.prototype.show = function (animate) {
    if (!this.items.length) return;
    this.index %= this.items.length;
    var item = this.card(this.items[this.index]);
    if (animate) item.classList.add("arrive");
    this.stage.replaceChildren(item);
    var stage = this.stage;
    this.pages = new ProjectorFit.Pages(stage, item, null, {
      words: words,
      fits: function () { return stage.scrollHeight <= stage.clientHeight + 1; },
    });
    this.fit();
  };

  /* The whole example at full size, a little larger where the room allows it; a wordy one
   * in pages rather than smaller (the back row reads it either way). */
  Showcase.prototype.fit = function () {
    var stage = this.stage;
    if (!stage.offsetParent || !this.pages) return;
    stage.classList.remove("is-paged");
    stage.style.setProperty("--fit", 1.1);
    if (stage.scrollHeight > stage.clientHeight + 1) stage.style.setProperty("--fit", 1);
    this.pages.layout();
    this.showPage();
  };

  Showcase.prototype.showPage = function () {
    var pages = this.pages;
    var text = this.items.length > 1 ? this.index + 1 + " / " + this.items.length : "";
    if (pages && pages.count > 1) {
      var inner = ProjectorFit.format(words.page, { page: pages.page + 1, pages: pages.count });
      text = text ? text + " \u00b7 " + inner : inner;
    }
    this.page.hidden = !text;
    this.page.textContent = text;
  };

  /* One step on (or back): the example's next page, else the next example. */
  Showcase.prototype.turn = function (step) {
    var pages = this.pages;
    if (pages && pages.count > 1 && pages.page + step >= 0 && pages.page + step < pages.count) {
      pages.go(pages.page + step);
      this.showPage();
    } else if (this.items.length > 1) {
      this.index = (this.index + step + this.items.length) % this.items.length;
      this.show(true);
    } else {
      return false;
    }
    if (this.turning) this.run(true); // a turn by hand starts the wait again
    return true;
  };

  Showcase.prototype.run = function (isOn) {
    var self = this;
    clearInterval(this.turning);
    this.turning = null;
    var long = this.pages && this.pages.count > 1;
    if (!isOn || (this.items.length < 2 && !long)) return;
    this.turning = setInterval(function () { self.turn(1); }, EXAMPLE_SECONDS * 1000);
  };

  var timer = new Timer(document.querySelector("[data-timer]"));
  var showcase = new Showcase();
  ProjectorFit.onTurn(function (step) {
    if (!showcase.box.offsetParent || body.classList.contains("has-spotlight")) return false;
    return showcase.turn(step);
  });
  var instruction = document.querySelector("[data-plan-instruction]");
  var welcome = document.querySelector("[data-plan-welcome]");
  var lobbyStep = document.querySelector("[data-lobby-step]");
  var lobby = document.querySelector('[data-phase-view="lobby"]');
  var lobbyLead = lobby.querySelector("[data-lobby-lead]");
  var wall = document.querySelector('[data-phase-view="stories"]');
  var qrOverlay = document.querySelector("[data-qr-overlay]");
  var room = { plan: null, phase: body.dataset.phase, step: null, view: body.dataset.phase, settings: {} };

  /* The words of the step the room is in (by its index: one activity may run twice). */
  function phaseWords(phase) {
    return window.Core.stepTexts(room.plan, phase, room.step).projector || "";
  }

  /* The welcome in the lobby; the phase's instruction under the title everywhere else. */
  function showWords() {
    var text = phaseWords(room.phase);
    var isLobby = room.phase === "lobby";
    var strapline = isLobby ? "" : text;
    if (instruction.textContent !== strapline) {
      instruction.textContent = strapline;
      instruction.classList.remove("arrive");
      void instruction.offsetWidth; // a new phase, a new instruction: let it arrive
      instruction.classList.add("arrive");
    }
    instruction.hidden = !strapline;
    // Beside the examples the way in is a short column: the short words fit it.
    var aside = lobby.classList.contains("has-examples") || lobby.classList.contains("has-since");
    var step = isLobby && !aside ? text : "";
    lobbyStep.textContent = step || words.join_step;
    lobbyStep.classList.toggle("is-instruction", Boolean(step));
    var greeting = (room.plan && room.plan.welcome) || "";
    welcome.textContent = greeting;
    welcome.hidden = !greeting || !isLobby || aside;
    // Long welcomes get a smaller size: the whole text stays beside the QR code.
    welcome.dataset.length = greeting.length > 380 ? "long" : greeting.length > 200 ? "medium" : "short";
    fitLobby(step);
  }

  /* The way in must fit under a long welcome without shrinking below the back row's size:
   * first the short words instead of the phase's instruction, then a smaller code and QR
   * (still large), and only then the welcome shortened to whole words. */
  var joinText = lobby.querySelector(".projector-join-text");
  function fitLobby(step) {
    lobby.classList.remove("is-tight");
    if (!lobby.offsetParent || lobby.classList.contains("has-examples")) return;
    if (lobby.classList.contains("has-since")) return;
    function overflows() { return joinText.offsetHeight > lobby.clientHeight + 1; }
    if (step && overflows()) {
      lobbyStep.textContent = words.join_step;
      lobbyStep.classList.remove("is-instruction");
    }
    if (overflows()) lobby.classList.add("is-tight");
    if (overflows() && !welcome.hidden) {
      var lines = Math.floor(welcome.offsetHeight / parseFloat(getComputedStyle(welcome).lineHeight));
      while (lines > 1 && overflows()) ProjectorFit.lines(welcome, --lines);
    }
  }

  /* The examples go where the room looks: the lobby's lead, or in place of the wall's cards. */
  function showExamples() {
    var examples = (room.plan && room.plan.examples) || [];
    var isShown = Boolean(room.settings.are_examples_shown) && examples.length > 0;
    var home = room.view === "lobby" ? lobbyLead : room.view === "stories" ? wall : null;
    lobby.classList.toggle("has-examples", isShown && home === lobbyLead);
    wall.classList.toggle("has-examples", isShown && home === wall);
    if (!isShown || !home) {
      showcase.box.remove();
      showcase.run(false);
      return;
    }
    if (showcase.box.parentNode !== home) home.appendChild(showcase.box);
    showcase.set(examples);
    showcase.fit();
    if (!showcase.turning) showcase.run(true);
  }

  function showQr() {
    var isShown = Boolean(room.settings.is_qr_shown);
    if (qrOverlay.hidden === !isShown) return;
    qrOverlay.hidden = !isShown;
    body.classList.toggle("has-qr-overlay", isShown);
  }

  function applySettings(settings) {
    ["are_examples_shown", "is_qr_shown", "locks_at_time_up"].forEach(function (name) {
      if (name in settings) room.settings[name] = settings[name];
    });
    if ("locks_at_time_up" in settings) timer.setLocks(settings.locks_at_time_up);
  }

  function refresh() {
    showExamples();
    showWords();
    showQr();
    showcase.fit(); // again: the words above it may have changed its room
  }

  window.ProjectorPlan = {
    snapshot: function (state) {
      room.plan = state.plan || null;
      room.phase = state.workshop.phase;
      room.step = state.workshop.step_index;
      timer.set(state.timer);
      applySettings(state.workshop);
      refresh();
    },
    phaseChanged: function (data) {
      room.phase = data.phase;
      room.step = data.step_index;
      if (data.timer) timer.set(data.timer);
      applySettings(data);
      refresh();
    },
    settingsChanged: function (data) {
      if (data.plan) room.plan = data.plan;
      applySettings(data);
      refresh();
    },
    timerChanged: function (data) { timer.set(data); },
    /* The view the room sees now (projector.js decides it: voting can show the results). */
    view: function (view) {
      room.view = view;
      refresh();
    },
    relayout: function () { showWords(); showcase.fit(); },
    deleted: function () {
      timer.set(null);
      showcase.run(false);
      document.querySelector("[data-deleted]").hidden = false;
      body.classList.add("is-deleted");
    },
  };
})();
