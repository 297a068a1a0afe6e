/* The control page's running of the room: what the phase's plan tells the projector, the
 * phase timer, and the projector toggles (join QR, example stories).
 *
 * The timer counts down here from the store (Control.secondsLeft corrects for this
 * clock) and reads as on every screen (Core.countdown, static/js/core/clock.js); every
 * change, whoever made it, arrives as timer_changed. The toggles are the
 * workshop's settings: a change is a PUT, and the resync after settings_changed redraws
 * them from the snapshot, so a co-facilitator's change shows here too.
 */
(function () {
  "use strict";
  var C = window.Control;
  var words = C.i18n.run;
  var box = document.querySelector("[data-timer]");
  if (!box || !C.code) return;

  var clock = box.querySelector("[data-timer-clock]");
  var stateText = box.querySelector("[data-timer-state]");
  var fill = box.querySelector("[data-timer-fill]");
  var toggle = box.querySelector("[data-timer-toggle]");
  var addButton = box.querySelector("[data-timer-add]");
  var stopButton = box.querySelector("[data-timer-stop]");
  var minutesInput = box.querySelector("[data-timer-minutes]");
  var timerError = box.querySelector("[data-timer-error]");
  var roomError = document.querySelector("[data-room-error]");
  var toggles = document.querySelectorAll("[data-setting-toggle]");
  var examples = document.querySelector("[data-examples]");
  var examplesList = document.querySelector("[data-examples-list]");
  var planBox = document.querySelector("[data-phase-plan]");
  var pageTitle = document.title;

  var minutesStep = null; // the step the minutes field was filled for ("phase:index")
  var isMinutesEdited = false;
  var busy = false;
  var shown = { text: null, state: null };

  function phase() { return C.store.workshop.phase; }
  function stepKey() { return phase() + ":" + C.store.workshop.step_index; }

  function plannedMinutes() {
    var timer = C.store.timer;
    if (timer && timer.planned_seconds) return Math.max(1, Math.round(timer.planned_seconds / 60));
    return C.stepTexts().minutes || 10;
  }

  /* 04:05, or 1:02:05 for an hour and more: the one countdown of every screen. */
  function format(seconds) { return window.Core.countdown(seconds); }

  /* The timer's state now: "running" turns "ended" here when it reaches zero. */
  function currentState() {
    var timer = C.store.timer;
    if (!timer || timer.state === "stopped" || timer.phase !== phase()) return { state: "stopped", left: null };
    var left = C.secondsLeft();
    var state = timer.state === "running" && left === 0 ? "ended" : timer.state;
    return { state: state, left: left };
  }

  function minutesValue() {
    var n = Number(minutesInput.value);
    return Number.isInteger(n) && n >= 1 && n <= 360 ? n : null;
  }

  /* Redraw the clock; cheap enough for every tick (it writes only what changed). */
  function drawClock() {
    var now = currentState();
    var timer = C.store.timer || {};
    var text = now.state === "stopped" ? format((minutesValue() || plannedMinutes()) * 60) : format(now.left);
    if (text !== shown.text) {
      clock.textContent = text;
      shown.text = text;
    }
    var total = timer.total_seconds || 0;
    fill.style.setProperty("--left", now.state === "stopped" || !total ? 0 : Math.min(1, now.left / total));
    if (now.state !== shown.state) drawState(now.state);
    document.title = now.state === "stopped" ? pageTitle : text + " \u00b7 " + pageTitle;
  }

  function drawState(state) {
    shown.state = state;
    var locks = Boolean(C.store.workshop.locks_at_time_up);
    box.dataset.state = state;
    clock.classList.toggle("is-idle", state === "stopped");
    stateText.textContent = state === "stopped" ? words.not_started
      : state === "ended" ? (locks ? words.locked : words.ended) : words[state];
    toggle.textContent = state === "running" ? words.pause : state === "paused" ? words.resume : words.start;
    toggle.classList.toggle("button-primary", state !== "running");
    stopButton.disabled = busy || state === "stopped";
  }

  function drawPlan() {
    var step = C.stepTexts();
    planBox.hidden = !step.projector && !step.minutes;
    planBox.querySelector("[data-phase-instruction]").textContent = step.projector || "";
    planBox.querySelector("[data-phase-minutes-row]").hidden = !step.minutes;
    planBox.querySelector("[data-phase-minutes]").textContent = C.format(words.minutes, { n: step.minutes || 0 });
    if (minutesStep !== stepKey() || !isMinutesEdited) {
      if (minutesStep !== stepKey()) isMinutesEdited = false;
      minutesStep = stepKey();
      minutesInput.value = plannedMinutes();
      minutesInput.removeAttribute("aria-invalid");
    }
    // A timer belongs to the lobby or a step of the plan, whatever it runs: a closed
    // workshop has none.
    box.hidden = phase() === "closed";
  }

  function drawToggles() {
    var workshop = C.store.workshop;
    toggles.forEach(function (input) {
      if (!input.disabled) input.checked = Boolean(workshop[input.name]);
    });
    var list = workshop.are_examples_shown ? C.store.plan.examples || [] : [];
    examples.hidden = !list.length;
    examplesList.replaceChildren.apply(examplesList, list.map(function (example) {
      return Cards.el("li", "", example.title);
    }));
  }

  C.register({
    update: function (store, what) {
      if (what === "all" || what === "phase") {
        drawPlan(); // also shows the timer, hidden until the first snapshot tells its state
        drawToggles();
      }
      if (what === "all" || what === "phase" || what === "timer") {
        shown.state = null; // the words may change with the lock setting
        drawClock();
      }
    },
  });

  /* --- the timer's buttons --- */
  function send(body) {
    busy = true;
    [toggle, addButton, stopButton].forEach(function (b) { b.disabled = true; });
    box.setAttribute("aria-busy", "true");
    return C.api("PUT", "/api/v1/workshops/" + C.code + "/timer", body).then(function (result) {
      busy = false;
      box.removeAttribute("aria-busy");
      toggle.disabled = false;
      addButton.disabled = false;
      C.showError(timerError, result);
      // The answer is the timer_changed every screen gets; this one need not wait for it.
      if (result.ok && result.data) C.events.timer_changed(result.data);
      shown.state = null;
      drawClock();
      return result;
    });
  }

  /* Start (with the minutes field), resume, or pause: the one button and Space. */
  function toggleTimer() {
    var state = currentState().state;
    if (state === "running") return send({ action: "pause" });
    if (state === "paused") return send({ action: "start" });
    var minutes = minutesValue();
    if (minutes === null) {
      minutesInput.setAttribute("aria-invalid", "true");
      minutesInput.focus();
      return Promise.resolve({ ok: false, status: 0, data: null });
    }
    minutesInput.removeAttribute("aria-invalid");
    return send({ action: "start", seconds: minutes * 60 });
  }

  toggle.addEventListener("click", function () { if (!busy) toggleTimer(); });
  addButton.addEventListener("click", function () { if (!busy) send({ action: "add", seconds: 60 }); });
  stopButton.addEventListener("click", function () { if (!busy) send({ action: "stop" }); });
  minutesInput.addEventListener("input", function () {
    isMinutesEdited = true;
    if (minutesValue() === null) minutesInput.setAttribute("aria-invalid", "true");
    else minutesInput.removeAttribute("aria-invalid");
    drawClock();
  });

  /* --- the settings toggles: one PUT each; on failure the box goes back --- */
  function changeSetting(input) {
    var value = input.checked;
    var changes = {};
    changes[input.name] = value;
    input.disabled = true;
    var errorNode = input.name === "locks_at_time_up" ? timerError : roomError;
    return C.api("PUT", "/api/v1/workshops/" + C.code + "/settings", changes).then(function (result) {
      input.disabled = false;
      C.showError(errorNode, result);
      if (result.ok) {
        C.store.workshop[input.name] = value; // the resync soon says the same
      } else {
        input.checked = !value;
      }
      drawToggles();
      shown.state = null;
      drawClock();
      return result;
    });
  }

  toggles.forEach(function (input) {
    input.addEventListener("change", function () { changeSetting(input); });
  });

  /* Flip a toggle from the keyboard; resolve to the API's result. */
  function flipSetting(name) {
    var input = document.querySelector('[data-setting-toggle][name="' + name + '"]');
    if (!input || input.disabled) return Promise.resolve({ ok: false, status: 0, data: null });
    input.checked = !input.checked;
    return changeSetting(input);
  }

  C.run = Object.assign(C.run || {}, {
    toggleTimer: function () { return busy ? Promise.resolve(null) : toggleTimer(); },
    timerState: function () { return currentState().state; },
    flipSetting: flipSetting,
  });

  setInterval(function () { if (!box.hidden) drawClock(); }, 250);
})();
