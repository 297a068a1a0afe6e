/* The phone's guide through the workshop: what the current phase asks of the person,
 * a small timer counted down here from the stored end, the lock when time is up, the
 * example stories while the facilitator shows them, and the end when the workshop is
 * deleted. The server refuses a locked submission anyway (409 time_up); the lock here
 * only says so before anyone types into a closed phase. */
(function () {
  "use strict";
  var kit = window.PhoneKit;
  var words = kit.i18n.plan;
  var el = Cards.el;
  var brief = document.querySelector("[data-phase-brief]");
  if (!brief) return;
  var briefText = brief.querySelector("[data-phase-brief-text]");
  var timeUp = brief.querySelector("[data-time-up]");
  var lobbyLead = document.querySelector("[data-lobby-lead]");
  var voteInstruction = document.querySelector("[data-vote-instruction]");
  var pill = document.querySelector("[data-phone-timer]");
  var pillLabel = pill.querySelector("[data-timer-label]");
  var pillClock = pill.querySelector("[data-timer-clock]");
  var examplesBox = document.querySelector("[data-examples]");
  var examplesTitle = examplesBox.querySelector("[data-examples-title]");
  var exampleList = examplesBox.querySelector("[data-example-list]");
  var voteLock = document.querySelector("[data-vote-lock]");
  var barRow = document.querySelector("[data-dots-bar] .dots-bar-row");

  var phase = document.body.dataset.phase;
  var stepIndex = null; // which step of the plan: one activity may run twice
  var plan = null;
  var showsExamples = false;
  var timer = null; // the timer JSON as the server last said
  var offset = 0; // the server's clock minus this phone's, at receipt
  var tickHandle = null;
  var socket = null;
  var isDeleted = false;
  var isAnonymous = false; // the whole workshop
  var anonymousNote = brief.querySelector("[data-anonymous-note]");

  /* --- what this phase asks --- */
  function showBrief() {
    var phases = (plan && plan.phases) || {};
    var text = window.Core.stepTexts(plan, phase, stepIndex).phone || "";
    if (text !== briefText.textContent) {
      briefText.textContent = text;
      // The instruction changed by itself: let the eye catch it.
      brief.classList.remove("is-new");
      void brief.offsetWidth; // restart the animation
      brief.classList.add("is-new");
    }
    brief.hidden = !text;
    // Names are decided when something is written: say so where this step writes none.
    var step = window.Core.stepTexts(plan, phase, stepIndex);
    var writes = ["stories", "practices", "voting"].indexOf(phase) >= 0;
    anonymousNote.hidden = !(writes && (isAnonymous || (step.settings && step.settings.anonymous)));
    // The plan's instruction replaces the page's own: one instruction, never two.
    if (lobbyLead) lobbyLead.hidden = !!(phases.lobby && phases.lobby.phone);
    var voting = phase === "voting" ? text : (phases.voting || {}).phone;
    if (voteInstruction) voteInstruction.hidden = !!voting;
  }

  /* --- the timer --- */
  function parseTime(iso) {
    // Python writes microseconds; keep milliseconds, which every browser parses.
    return Date.parse(String(iso).replace(/(\.\d{3})\d+/, "$1"));
  }
  /* While voting, the timer rides in the dots bar, which already stays in view. */
  function placeTimer() {
    if (phase === "voting" && barRow) {
      if (pill.parentNode !== barRow) barRow.appendChild(pill);
    } else if (pill.nextElementSibling !== brief) {
      brief.before(pill);
    }
  }
  function setTimer(next) {
    timer = next || null;
    offset = timer && timer.server_now ? parseTime(timer.server_now) - Date.now() : 0;
    tick();
  }
  function msLeft() {
    if (!timer || !timer.ends_at) return null;
    return parseTime(timer.ends_at) - (Date.now() + offset);
  }
  /* "running" turns "ended" here when the count reaches zero, without a word from the server. */
  function timerState() {
    if (!timer) return "stopped";
    if (timer.state === "running" && msLeft() <= 0) return "ended";
    return timer.state;
  }
  function clock(seconds) { return window.Core.countdown(seconds); } // 04:05, as on every screen
  function tick() {
    clearTimeout(tickHandle);
    if (isDeleted) return;
    var state = timerState();
    pill.hidden = state === "stopped";
    pill.dataset.state = state;
    if (state === "running") {
      var left = msLeft();
      pillLabel.textContent = words.time_left;
      pillClock.textContent = clock(Math.ceil(left / 1000));
      // Wake when the shown second changes (a little after, so it has).
      tickHandle = setTimeout(tick, (left % 1000 || 1000) + 30);
    } else if (state === "paused") {
      pillLabel.textContent = words.paused;
      pillClock.textContent = clock(timer.seconds_left);
    } else if (state === "ended") {
      pillLabel.textContent = "";
      pillClock.textContent = words.time_up;
    }
    lock(state === "ended" && !!timer.locks_at_time_up);
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") tick(); // timers sleep on a locked phone
  });

  /* --- the lock: the submit buttons of the phase's forms, and the dots --- */
  var lockables = Array.prototype.map.call(
    document.querySelectorAll("[data-story-form], [data-practice-form]"),
    function (form) {
      var button = form.querySelector('button[type="submit"]');
      var note = el("p", "time-up-note");
      note.hidden = true;
      button.before(note);
      return { button: button, note: note };
    }
  );
  var isLocked = null;
  function lock(locked) {
    if (locked === isLocked) return;
    isLocked = locked;
    lockables.forEach(function (part) {
      part.button.disabled = locked;
      part.note.textContent = locked ? words.closed : "";
      part.note.hidden = !locked;
    });
    if (voteLock) voteLock.disabled = locked;
    showClosed();
  }
  function showClosed() {
    timeUp.textContent = isLocked ? (phase === "voting" ? words.closed_voting : words.closed) : "";
    timeUp.hidden = !isLocked;
  }

  /* --- example stories: marked, apart from the room's own, never counted --- */
  var drawnExamples = null;
  function exampleCard(example) {
    var card = Cards.story(example, { full: true });
    card.classList.add("is-example");
    delete card.dataset.storyId; // not one of the room's stories
    card.dataset.exampleId = example.id;
    var head = card.querySelector(".story-head"); // marked first, before its title
    head.insertBefore(el("p", "example-mark", words.example), head.firstChild);
    if (example.reading) {
      var reading = el("div", "example-reading");
      reading.appendChild(el("h4", "story-part", words.reading));
      reading.appendChild(el("p", null, example.reading));
      card.appendChild(reading);
    }
    return card;
  }
  function showExamples() {
    var list = (plan && plan.examples) || [];
    examplesBox.hidden = !(showsExamples && list.length && (phase === "lobby" || phase === "stories"));
    var key = JSON.stringify(list);
    if (key === drawnExamples) return;
    drawnExamples = key;
    examplesTitle.textContent = kit.format(words.examples, { n: list.length });
    exampleList.replaceChildren.apply(exampleList, list.map(exampleCard));
  }

  function setPlan(next, settings) {
    if (next) plan = next;
    placeTimer();
    showClosed();
    if (settings && "are_examples_shown" in settings) showsExamples = !!settings.are_examples_shown;
    if (settings && "is_anonymous" in settings) isAnonymous = !!settings.is_anonymous;
    showBrief();
    showExamples();
  }

  /* --- the workshop was deleted: say so, forget it here, and stop --- */
  function deleted() {
    if (isDeleted) return;
    isDeleted = true;
    clearTimeout(tickHandle);
    if (socket) {
      socket.disconnect();
      // Coming back online or to the page must not dial a workshop that is gone.
      socket.connect = socket.open = function () { return socket; };
    }
    var suffix = ":" + kit.code;
    Object.keys(localStorage).forEach(function (key) {
      if (key.indexOf("toimija:") === 0 && key.slice(-suffix.length) === suffix) localStorage.removeItem(key);
    });
    var banner = document.querySelector("[data-offline-banner]");
    if (banner) banner.remove();
    var main = document.getElementById("main");
    var card = el("section", "card phone-deleted");
    card.setAttribute("role", "alert");
    card.appendChild(el("h1", null, words.deleted));
    card.appendChild(el("p", "lead", words.deleted_text));
    var header = el("header", "phone-header");
    var brand = main.querySelector(".phone-header .brand");
    if (brand) header.appendChild(brand); // the language links lead to a page that is gone
    main.replaceChildren(header, card);
    document.body.dataset.deleted = "true";
  }

  kit.register({
    connected: function (s) { socket = s; },
    snapshot: function (state) {
      phase = state.workshop.phase;
      stepIndex = state.workshop.step_index;
      setTimer(state.timer);
      setPlan(state.plan, state.workshop);
    },
    events: {
      phase_changed: function (data) {
        phase = data.phase;
        stepIndex = data.step_index;
        if ("timer" in data) setTimer(data.timer);
        setPlan(null, data);
      },
      settings_changed: function (data) {
        if (timer && "locks_at_time_up" in data) {
          timer.locks_at_time_up = data.locks_at_time_up;
          tick();
        }
        setPlan(data.plan, data);
      },
      // Sequenced: registered here so the connection counts it and never sees a gap.
      timer_changed: function (data) { setTimer(data); },
      // The plan was edited: a fresh snapshot carries it (the next steps' words).
      plan_changed: function () { return Live.RESYNC; },
    },
    unsequenced: {
      workshop_deleted: deleted,
    },
  });
})();
