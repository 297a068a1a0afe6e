/* Keyboard shortcuts on the control page, listed on the page itself (the legend).
 *
 * → or N next step of the plan, ← or B previous (through the same confirmation as the buttons),
 * Space or T start or pause the timer, R reveal what the phase holds, J / K spotlight the
 * next / previous story, Esc end the spotlight (or cancel a question), Q the join QR.
 * Ignored while typing in a field and with a modifier key held. Each shortcut presses
 * the same button a mouse would, or makes the same call; the status line says what
 * happened.
 */
(function () {
  "use strict";
  var C = window.Control;
  var words = C.i18n.run;
  var legend = document.querySelector("[data-keys]");
  if (!legend || !C.code) return;
  var status = legend.querySelector("[data-keys-status]");
  var REVEALS = ["stories", "practices", "voting"];
  var NOT_TYPING = ["checkbox", "radio", "button", "submit", "reset"];
  var pendingSpotlight = null; // {id, at}: asked for, its spotlight_changed maybe not here yet

  C.run = C.run || {};

  /* Single-key shortcuts can be switched off (WCAG 2.1.4); the choice stays on this browser. */
  var keysSwitch = legend.querySelector("[data-keys-switch]");
  var KEYS_OFF = "toimija.shortcuts-off";
  function storedOff() {
    try { return window.localStorage.getItem(KEYS_OFF) === "1"; } catch (error) { return false; }
  }
  if (keysSwitch) {
    keysSwitch.checked = !storedOff();
    keysSwitch.addEventListener("change", function () {
      try {
        if (keysSwitch.checked) window.localStorage.removeItem(KEYS_OFF);
        else window.localStorage.setItem(KEYS_OFF, "1");
      } catch (error) { /* private mode: the switch still holds for this page */ }
      say("");
    });
  }
  function keysAreOn() { return !keysSwitch || keysSwitch.checked; }

  function isTyping(target) {
    if (!target || target.nodeType !== 1) return false;
    if (target.isContentEditable) return true;
    var tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    return tag === "INPUT" && NOT_TYPING.indexOf(target.type) < 0;
  }

  /* Space presses a focused button, link or box by itself: leave it that. */
  function isPressable(target) {
    return Boolean(target && target.closest &&
      target.closest("button, a[href], summary, input, [role='button'], [tabindex]:not([tabindex='-1'])"));
  }

  function say(text, row) {
    status.textContent = text || "";
    if (!row) return;
    var line = legend.querySelector('[data-key-row="' + row + '"]');
    if (!line) return;
    line.classList.remove("is-fired");
    void line.offsetWidth; // restart the highlight
    line.classList.add("is-fired");
  }

  /* The page's question closed (answered, cancelled, or the phase moved): its hint goes. */
  C.run.confirmClosed = function () {
    if (status.textContent === words.confirm_hint) say("");
  };

  /* The step a move goes to, as its button names it ("3. Voting"; facilitator-flow.js). */
  function phaseName(form) {
    var phase = form.elements.phase.value;
    return form.dataset.label || C.i18n.phases[phase] || phase;
  }

  function movePhase(way) {
    if (C.run.isConfirming && C.run.isConfirming()) {
      say(words.confirm_hint, way);
      return;
    }
    var form = document.querySelector('[data-phase-form][data-way="' + way + '"]:not([hidden])');
    var button = form && form.querySelector("button");
    if (!button || button.disabled) {
      say(words.no_move, way);
      return;
    }
    button.click(); // its submit asks first where the move closes something
    say(C.run.isConfirming && C.run.isConfirming() ? words.confirm_hint
      : C.format(words.moving, { phase: phaseName(form) }), way);
  }

  function toggleTimer() {
    if (!C.run.toggleTimer) return;
    C.run.toggleTimer().then(function (result) {
      if (!result) return; // a click is still on its way
      if (!result.ok) say(result.data ? C.errorText(result) : "");
      else say(result.data.state === "running" ? words.timer_started : words.timer_paused);
    });
    say("", "timer");
  }

  /* Showing the dots cannot be taken back: in voting, R asks to be pressed twice. */
  var votesArmedAt = 0;
  function reveal() {
    var phase = C.store.workshop.phase;
    if (REVEALS.indexOf(phase) < 0) {
      say(words.nothing_to_reveal, "reveal");
      return;
    }
    if (phase === "voting" && Date.now() - votesArmedAt > 4000) {
      votesArmedAt = Date.now();
      say(words.reveal_votes_again, "reveal");
      return;
    }
    votesArmedAt = 0;
    say("", "reveal");
    C.api("POST", "/api/v1/workshops/" + C.code + "/reveal", {}).then(function (result) {
      say(result.ok ? words.revealed : C.errorText(result));
    });
  }

  /* The stories on the control page's wall, in its order, without the hidden ones. */
  function spotlightable() {
    return Array.from(document.querySelectorAll("[data-stories] > [data-story-id]"))
      .filter(function (card) { return !card.classList.contains("is-hidden"); });
  }

  function currentSpotlight() {
    if (pendingSpotlight && Date.now() - pendingSpotlight.at < 3000) return pendingSpotlight.id;
    return C.run.spotlightId ? C.run.spotlightId() : null;
  }

  function spotlight(step) {
    var cards = spotlightable();
    if (!cards.length) {
      say(words.no_stories, "spotlight");
      return;
    }
    var ids = cards.map(function (card) { return Number(card.dataset.storyId); });
    var index = ids.indexOf(currentSpotlight());
    var next = index < 0 ? 0 : (index + step + ids.length) % ids.length; // first press: the first
    var id = ids[next];
    var title = cards[next].querySelector(".story-title").textContent;
    pendingSpotlight = { id: id, at: Date.now() };
    say("", "spotlight");
    C.api("POST", "/api/v1/stories/" + id + "/spotlight").then(function (result) {
      if (!result.ok && pendingSpotlight && pendingSpotlight.id === id) pendingSpotlight = null;
      say(result.ok ? C.format(words.spotlight_on, { title: title }) : C.errorText(result));
    });
  }

  function escape() {
    if (C.run.cancelConfirm && C.run.cancelConfirm()) {
      say("");
      return true;
    }
    if (currentSpotlight() === null) return false;
    pendingSpotlight = null;
    say("", "escape");
    C.api("DELETE", "/api/v1/workshops/" + C.code + "/spotlight").then(function (result) {
      say(result.ok ? words.spotlight_off : C.errorText(result));
    });
    return true;
  }

  function toggleQr() {
    if (!C.run.flipSetting) return;
    say("", "qr");
    C.run.flipSetting("is_qr_shown").then(function (result) {
      if (!result.ok) say(result.data ? C.errorText(result) : "");
      else say(C.store.workshop.is_qr_shown ? words.qr_on : words.qr_off);
    });
  }

  var ACTIONS = {
    arrowright: function () { movePhase("forward"); },
    n: function () { movePhase("forward"); },
    arrowleft: function () { movePhase("back"); },
    b: function () { movePhase("back"); },
    t: toggleTimer,
    r: reveal,
    j: function () { spotlight(1); },
    k: function () { spotlight(-1); },
    q: toggleQr,
  };

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    if (isTyping(event.target)) return;
    var key = event.key.toLowerCase();
    if (key === "escape") { // not a character key: it cancels a question even when off
      if (escape()) event.preventDefault();
      return;
    }
    if (!keysAreOn()) return;
    if (key === " " || key === "spacebar") {
      if (isPressable(event.target)) return;
      key = "t";
    }
    var action = ACTIONS[key];
    if (!action) return;
    event.preventDefault();
    if (event.repeat) return; // a held key moves one phase, not five
    action();
  });

  /* The buttons a shortcut presses say so; the reveal buttons live in other panels. */
  document.querySelectorAll("[data-reveal-form] button, [data-reveal-practices], [data-reveal-votes]")
    .forEach(function (button) { button.setAttribute("aria-keyshortcuts", "R"); });
  legend.hidden = false;
})();
