/* The control page's flow, drawn from the plan's steps (never from a fixed list): the step
 * list, the moves one step back and forward (each naming the step it goes to, and sending
 * its index, so a plan may run one activity twice), the question a move asks first, and
 * the panels' order and folding by step. facilitator.js calls Control.flow.show on every
 * snapshot and move; an edited plan arrives as a fresh snapshot (plan_changed resyncs).
 */
(function () {
  "use strict";
  var control = window.Control;
  var i18n = control.i18n;
  var words = i18n.flow;
  var body = document.body;
  var stepList = document.querySelector("[data-phase-steps]");
  var movesBox = document.querySelector("[data-phase-moves]");
  if (!stepList || !movesBox) return;
  var phaseError = document.querySelector("[data-phase-error]");
  var confirmBox = document.querySelector("[data-phase-confirm]");
  var confirmYes = confirmBox.querySelector("[data-confirm-yes]");
  var panelBox = document.querySelector("[data-panels]");
  var SHORTCUTS = { forward: "ArrowRight N", back: "ArrowLeft B" };
  var pendingForm = null; // the move waiting for its confirmation
  var shown = { phase: body.dataset.phase, here: null, plan: null };

  function steps() { return control.store.plan.steps || []; }

  function phaseName(phase) { return i18n.phases[phase] || phase; }

  /* "2. Stories": a step as the list numbers it. */
  function stepLabel(index) { return index + 1 + ". " + phaseName(steps()[index].activity); }

  /* Where the workshop is in its plan: -1 in the lobby, past the last step once closed. */
  function position(workshop) {
    if (workshop.phase === "closed") return steps().length;
    return Number.isInteger(workshop.step_index) ? workshop.step_index : -1;
  }

  /* --- the step list: the lobby, then each step numbered; redrawn when the plan changes --- */
  function stepItem(key, index) {
    var li = document.createElement("li");
    li.dataset.step = key;
    li.dataset.stepIndex = index < 0 ? "" : String(index);
    li.appendChild(Cards.el("span", "ctl-step-name", phaseName(key)));
    li.appendChild(Cards.el("span", "ctl-step-tag ctl-step-now", words.now));
    li.appendChild(Cards.el("span", "ctl-step-tag ctl-step-next", words.next));
    return li;
  }

  function drawSteps(here) {
    var plan = JSON.stringify(steps().map(function (step) { return step.activity; }));
    if (plan !== shown.plan) {
      var items = [stepItem("lobby", -1)].concat(steps().map(function (step, index) {
        return stepItem(step.activity, index);
      }));
      stepList.replaceChildren.apply(stepList, items);
    }
    stepList.querySelectorAll("li").forEach(function (item) {
      var index = item.dataset.stepIndex === "" ? -1 : Number(item.dataset.stepIndex);
      item.classList.toggle("is-current", index === here);
      item.classList.toggle("is-done", index < here);
      item.classList.toggle("is-next", index === here + 1);
      if (index === here) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    return plan;
  }

  /* --- the moves: back, forward and close, filled from the plan and next_phases --- */
  function form(way) { return movesBox.querySelector("form." + (way === "close" ? "is-last" : "is-" + way)); }

  function fill(way, workshop, here) {
    var node = form(way);
    var button = node.querySelector("button");
    var isOpen = workshop.is_open !== false && workshop.phase !== "closed";
    var index = way === "back" ? here - 1 : here + 1;
    var target = way === "close" ? "closed" : index < 0 ? "lobby" : (steps()[index] || {}).activity;
    var allowed = isOpen && Boolean(target) && (way !== "back" || here >= 0) &&
      (workshop.next_phases || []).indexOf(target) >= 0;
    node.hidden = !allowed;
    node.dataset.way = allowed && way !== "close" ? way : "";
    node.elements.phase.value = target || "";
    node.elements.step.value = allowed && index >= 0 && way !== "close" ? String(index) : "";
    if (way === "close") return;
    if (allowed) {
      var label = target === "lobby" ? words.lobby : stepLabel(index);
      node.dataset.label = label;
      if (target !== "lobby") {
        label = control.format(way === "back" ? words.back : here < 0 ? words.start : words.forward, { step: label });
      }
      button.textContent = label;
      button.setAttribute("aria-keyshortcuts", SHORTCUTS[way]); // facilitator-keys.js presses it
    } else {
      button.removeAttribute("aria-keyshortcuts");
    }
  }

  /* Redraw the flow for where the workshop is now (a snapshot or a move). */
  function show(workshop) {
    var here = position(workshop);
    var name = phaseName(workshop.phase);
    var badge = document.querySelector("[data-phase-badge]");
    badge.textContent = name;
    badge.className = "badge badge-" + workshop.phase;
    document.querySelector("[data-phase-name]").textContent = name;
    var before = shown.here;
    var planBefore = shown.plan;
    shown.plan = drawSteps(here);
    ["back", "forward", "close"].forEach(function (way) { fill(way, workshop, here); });
    var moved = before !== here || shown.phase !== workshop.phase;
    if (moved) closeConfirm(false); // the question no longer applies
    shown.phase = workshop.phase;
    shown.here = here;
    body.dataset.phase = workshop.phase;
    body.dataset.stepIndex = Number.isInteger(workshop.step_index) ? workshop.step_index : "";
    if (moved || planBefore !== shown.plan) arrangePanels(here, planBefore === shown.plan ? before : null);
  }

  /* A move that closes something (story writing, proposals, the vote, the workshop) asks
   * first, in the page: the question and a button that makes the move, focused. Every
   * step back asks too: it reopens what the room had finished. */
  function question(node) {
    var button = node.querySelector("button");
    var target = node.elements.phase.value;
    var text = button.dataset.confirm || i18n.confirm_move[shown.phase + ">" + target];
    if (text) return text;
    if (node.classList.contains("is-back")) {
      return control.format(i18n.confirm_back, { phase: node.dataset.label || phaseName(target) });
    }
    return "";
  }

  function askFirst(node) {
    pendingForm = node;
    var isClosing = node.elements.phase.value === "closed";
    confirmBox.querySelector("[data-confirm-text]").textContent = question(node);
    confirmYes.textContent = node.querySelector("button").textContent;
    confirmYes.className = "button " + (isClosing ? "button-danger" : "button-primary");
    confirmBox.classList.toggle("is-danger", isClosing);
    movesBox.hidden = true;
    confirmBox.hidden = false;
    confirmYes.focus();
  }

  /* Put the moves back; say whether a question was open. */
  function closeConfirm(refocus) {
    if (!pendingForm) return false;
    var node = pendingForm;
    pendingForm = null;
    confirmBox.hidden = true;
    movesBox.hidden = false;
    if (refocus && !node.hidden) node.querySelector("button").focus();
    if (control.run && control.run.confirmClosed) control.run.confirmClosed(); // its hint goes
    return true;
  }

  function move(node) {
    var button = node.querySelector("button");
    var payload = { phase: node.elements.phase.value };
    if (node.elements.step.value !== "") payload.step = Number(node.elements.step.value);
    button.disabled = true;
    control.api("PUT", "/api/v1/workshops/" + control.code + "/phase", payload).then(function (result) {
      button.disabled = false;
      control.showError(phaseError, result); // on success, phase_changed redraws the page
    });
  }

  movesBox.querySelectorAll("[data-phase-form]").forEach(function (node) {
    node.addEventListener("submit", function (event) {
      event.preventDefault();
      if (pendingForm) return;
      if (question(node)) askFirst(node);
      else move(node);
    });
  });
  var heading = document.getElementById("phase-h");
  heading.setAttribute("tabindex", "-1");
  confirmYes.addEventListener("click", function () {
    var node = pendingForm;
    if (!node) return;
    closeConfirm(false);
    heading.focus(); // not lost to the page: the strip is where the move shows
    move(node);
  });
  confirmBox.querySelector("[data-confirm-no]").addEventListener("click", function () {
    closeConfirm(true);
  });

  /* --- the panels: the step at hand first; each folds, and opens when its step comes --- */
  function panels() { return Array.from(panelBox.querySelectorAll(":scope > [data-panel], :scope > [data-part]")); }
  function key(panel) { return panel.dataset.panel || panel.dataset.part; }
  function indexes(name) {
    var found = [];
    steps().forEach(function (step, index) { if (step.activity === name) found.push(index); });
    return found;
  }

  /* Open while one of its steps runs, from data-opens-before steps ahead of it (the stories
   * open in the lobby for the lenses) to data-stays-open steps after it ("all": the
   * practices stay open through the vote); the results open with the reveal too. */
  function shouldOpen(panel, here) {
    var early = Number(panel.dataset.opensBefore || 0);
    var stays = panel.dataset.staysOpen === "all" ? Infinity : Number(panel.dataset.staysOpen || 0);
    if (key(panel) === "results" && control.store.voting.revealed) return true;
    return indexes(key(panel)).some(function (s) { return s - early <= here && here <= s + stays; });
  }

  function setFold(panel, isOpen) {
    var toggle = panel.querySelector("[data-fold-toggle]");
    if (!toggle) return;
    toggle.setAttribute("aria-expanded", String(isOpen));
    toggle.querySelector("[data-fold-label]").textContent = isOpen ? i18n.hide : i18n.show;
    panel.querySelector("[data-fold-body]").hidden = !isOpen;
    // A folded panel says why: its step is still to come, or all of them are behind us.
    var here = shown.here === null ? -1 : shown.here;
    var when = indexes(key(panel)).some(function (s) { return s > here; }) ? "before" : "after";
    panel.querySelectorAll("[data-fold-note]").forEach(function (note) {
      note.hidden = isOpen || note.dataset.foldNote !== when;
    });
    panel.classList.toggle("is-folded", !isOpen);
  }

  /* First the step at hand, then the one just done, then those to come in the plan's
   * order, then the rest, latest first. */
  function rank(panel, here) {
    var mine = indexes(key(panel));
    var next = mine.filter(function (s) { return s > here; });
    if (mine.indexOf(here) >= 0) return [0, 0];
    if (mine.indexOf(here - 1) >= 0 && !next.length) return [1, 0];
    if (next.length) return [2, next[0]];
    return [3, -Math.max.apply(null, mine.concat([-1]))];
  }

  /* On a move or a new plan (not on every event, so a panel folded by hand stays folded). */
  function arrangePanels(here, before) {
    var all = panels();
    all.forEach(function (panel) { panel.hidden = !indexes(key(panel)).length; });
    all.map(function (panel, i) { return { panel: panel, rank: rank(panel, here).concat([i]) }; })
      .sort(function (a, b) { return a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2]; })
      .forEach(function (item) { panelBox.appendChild(item.panel); });
    all.forEach(function (panel) {
      var open = shouldOpen(panel, here);
      if (before === null || before === undefined || open !== shouldOpen(panel, before)) setFold(panel, open);
    });
  }

  panelBox.querySelectorAll("[data-fold-toggle]").forEach(function (toggle) {
    toggle.addEventListener("click", function () {
      setFold(toggle.closest("[data-panel]"), toggle.getAttribute("aria-expanded") !== "true");
    });
  });

  /* The results panel opens with the reveal, even before the results step. */
  var wasRevealed = false;
  function revealed() {
    var isRevealed = Boolean(control.store.voting.revealed);
    var results = panelBox.querySelector('[data-panel="results"]');
    if (isRevealed && !wasRevealed && results) setFold(results, true);
    wasRevealed = isRevealed;
  }

  /* Before the first snapshot: the plan's steps as the server drew them, so the panels
   * are in order and folded from the start. */
  if (!control.store.plan.steps) {
    control.store.plan.steps = Array.from(stepList.querySelectorAll("li"))
      .filter(function (item) { return item.dataset.stepIndex !== ""; })
      .map(function (item) { return { activity: item.dataset.step }; });
  }
  shown.plan = JSON.stringify(steps().map(function (step) { return step.activity; }));
  shown.here = position({ phase: body.dataset.phase, step_index: body.dataset.stepIndex === "" ? null : Number(body.dataset.stepIndex) });
  arrangePanels(shown.here, null);

  control.flow = { show: show, revealed: revealed };
  control.run = Object.assign(control.run || {}, {
    isConfirming: function () { return Boolean(pendingForm); },
    cancelConfirm: function () { return closeConfirm(true); },
  });
})();
