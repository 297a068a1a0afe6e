/* Facilitator's control page: participants, phase moves, the panels' order and folding,
 * stories and lenses; the practices, voting and results panels are facilitator-*.js. */
(function () {
  "use strict";
  var i18n = Live.i18n;
  var body = document.body;

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var original = button.textContent;
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        button.textContent = i18n.copied;
        setTimeout(function () { button.textContent = original; }, 1500);
      });
    });
  });

  /* A form button with data-confirm submits as it is without JavaScript; with it, the form
   * asks in the page first (the phase moves have their own question, below). */
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    var form = button.form;
    if (!form || form.hasAttribute("data-phase-form") || !window.Control) return;
    var confirmed = false;
    form.addEventListener("submit", function (event) {
      if (confirmed || event.submitter !== button) { confirmed = false; return; }
      event.preventDefault();
      window.Control.ask(button, form, {
        key: "form:" + (form.getAttribute("action") || button.dataset.confirm),
        text: button.dataset.confirm,
        after: true,
        onYes: function () {
          confirmed = true;
          form.requestSubmit(button);
        },
      });
    });
  });

  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var workshopId = Number(body.dataset.workshopId);
  if (!workshopId) return;

  var list = document.querySelector("[data-participant-list]");
  var empty = document.querySelector("[data-participants-empty]");
  var count = document.querySelector("[data-participant-count]");

  function personItem(person, isNew) {
    var li = document.createElement("li");
    li.dataset.participantId = person.id;
    var name = person.display_name || i18n.anonymous;
    li.appendChild(Cards.el("span", "", name));
    var remove = Cards.el("button", "person-remove", "\u00d7");
    remove.type = "button";
    remove.setAttribute("aria-label", i18n.remove_person + ": " + name);
    remove.addEventListener("click", function () {
      window.Control.ask(remove, list, {
        key: "person-remove:" + person.id,
        text: i18n.confirm_remove.replace("{name}", name),
        yes: i18n.remove_person,
        after: true,
        onYes: function () {
          fetch("/api/v1/participants/" + person.id, {
            method: "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": csrf },
          });
        },
      });
    });
    li.appendChild(remove);
    if (isNew) li.className = "arrive";
    return li;
  }

  function showCount(n) {
    count.textContent = n;
    empty.hidden = n > 0;
  }

  /* --- phase: the moves next_phases allows, each worded as a step forward or back --- */
  var control = window.Control;
  var currentPhase = body.dataset.phase;
  var phaseError = document.querySelector("[data-phase-error]");
  var movesBox = document.querySelector("[data-phase-moves]");
  var confirmBox = document.querySelector("[data-phase-confirm]");
  var confirmYes = confirmBox.querySelector("[data-confirm-yes]");
  var pendingForm = null; // the move waiting for its confirmation
  var SHORTCUTS = { forward: "ArrowRight N", back: "ArrowLeft B" };

  function showPhase(workshop) {
    var name = i18n.phases[workshop.phase] || workshop.phase;
    var here = control.phaseIndex(workshop.phase);
    var badge = document.querySelector("[data-phase-badge]");
    badge.textContent = name;
    badge.className = "badge badge-" + workshop.phase;
    document.querySelector("[data-phase-name]").textContent = name;
    document.querySelectorAll("[data-phase-steps] li").forEach(function (step) {
      var index = control.phaseIndex(step.dataset.step);
      step.classList.toggle("is-current", index === here);
      step.classList.toggle("is-done", index < here);
      step.classList.toggle("is-next", index === here + 1);
      if (index === here) step.setAttribute("aria-current", "step");
      else step.removeAttribute("aria-current");
    });
    document.querySelectorAll("[data-phase-form]").forEach(function (form) {
      var target = form.elements.phase.value;
      var button = form.querySelector("button");
      var isForward = control.FLOW.indexOf(target) > here;
      form.hidden = workshop.next_phases.indexOf(target) < 0;
      if (target === "closed") return;
      form.classList.toggle("is-forward", isForward);
      form.classList.toggle("is-back", !isForward);
      button.classList.toggle("button-primary", isForward);
      button.textContent = isForward ? button.dataset.forward : button.dataset.back;
      // The one step each way carries the arrow keys (facilitator-keys.js presses it).
      var way = isForward ? "forward" : "back";
      if (form.hidden) button.removeAttribute("aria-keyshortcuts");
      else button.setAttribute("aria-keyshortcuts", SHORTCUTS[way]);
      form.dataset.way = form.hidden ? "" : way;
    });
    var before = currentPhase;
    if (before !== workshop.phase) closeConfirm(false); // the question no longer applies
    currentPhase = workshop.phase;
    if (before !== currentPhase) arrangePanels(currentPhase, before);
    body.dataset.phase = workshop.phase;
  }

  /* A move that closes something (story writing, proposals, the vote, the workshop) asks
   * first, in the page: the question and a button that makes the move, focused. Every
   * step back asks too: it reopens what the room had finished. */
  function question(form) {
    var button = form.querySelector("button");
    var target = form.elements.phase.value;
    var text = button.dataset.confirm || i18n.confirm_move[currentPhase + ">" + target];
    if (text) return text;
    if (control.phaseIndex(target) < control.phaseIndex(currentPhase)) {
      return control.format(i18n.confirm_back, { phase: i18n.phases[target] || target });
    }
    return "";
  }

  function askFirst(form) {
    pendingForm = form;
    var isClosing = form.elements.phase.value === "closed";
    confirmBox.querySelector("[data-confirm-text]").textContent = question(form);
    confirmYes.textContent = form.querySelector("button").textContent;
    confirmYes.className = "button " + (isClosing ? "button-danger" : "button-primary");
    confirmBox.classList.toggle("is-danger", isClosing);
    movesBox.hidden = true;
    confirmBox.hidden = false;
    confirmYes.focus();
  }

  /* Put the moves back; say whether a question was open. */
  function closeConfirm(refocus) {
    if (!pendingForm) return false;
    var form = pendingForm;
    pendingForm = null;
    confirmBox.hidden = true;
    movesBox.hidden = false;
    if (refocus && !form.hidden) form.querySelector("button").focus();
    if (control.run && control.run.confirmClosed) control.run.confirmClosed(); // its hint goes
    return true;
  }

  function move(form) {
    var button = form.querySelector("button");
    button.disabled = true;
    control.api("PUT", "/api/v1/workshops/" + code + "/phase", { phase: form.elements.phase.value })
      .then(function (result) {
        button.disabled = false;
        control.showError(phaseError, result); // on success, phase_changed redraws the page
      });
  }

  document.querySelectorAll("[data-phase-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (pendingForm) return;
      if (question(form)) askFirst(form);
      else move(form);
    });
  });
  var heading = document.getElementById("phase-h");
  heading.setAttribute("tabindex", "-1");
  confirmYes.addEventListener("click", function () {
    var form = pendingForm;
    if (!form) return;
    closeConfirm(false);
    heading.focus(); // not lost to the page: the strip is where the move shows
    move(form);
  });
  confirmBox.querySelector("[data-confirm-no]").addEventListener("click", function () {
    closeConfirm(true);
  });

  /* For the keyboard shortcuts (facilitator-keys.js). */
  control.run = Object.assign(control.run || {}, {
    isConfirming: function () { return Boolean(pendingForm); },
    cancelConfirm: function () { return closeConfirm(true); },
    spotlightId: function () { return spotlightId; },
  });

  /* --- panels: the step at hand first; each folds, and opens when its phase comes --- */
  var ORDER = {
    lobby: ["stories", "practices", "voting", "results"],
    stories: ["stories", "practices", "voting", "results"],
    practices: ["practices", "stories", "voting", "results"],
    voting: ["voting", "practices", "results", "stories"],
    results: ["results", "voting", "practices", "stories"],
    closed: ["results", "voting", "practices", "stories"],
  };
  var panelBox = document.querySelector("[data-panels]");

  function setFold(section, isOpen) {
    var toggle = section.querySelector("[data-fold-toggle]");
    if (!toggle) return;
    toggle.setAttribute("aria-expanded", String(isOpen));
    toggle.querySelector("[data-fold-label]").textContent = isOpen ? i18n.hide : i18n.show;
    section.querySelector("[data-fold-body]").hidden = !isOpen;
    // A folded panel says why: its step is still to come, or it is behind us.
    var when = control.phaseIndex(currentPhase) < control.phaseIndex(section.dataset.openFrom) ? "before" : "after";
    section.querySelectorAll("[data-fold-note]").forEach(function (note) {
      note.hidden = isOpen || note.dataset.foldNote !== when;
    });
    section.classList.toggle("is-folded", !isOpen);
  }

  function shouldOpen(section, phase) {
    var from = section.dataset.openFrom;
    var until = section.dataset.openUntil;
    var here = control.phaseIndex(phase);
    if (from === "results" && control.store.voting.revealed) return true;
    return here >= control.phaseIndex(from) && (!until || here <= control.phaseIndex(until));
  }

  /* On a phase move (not on every event, so a panel folded by hand stays folded). */
  function arrangePanels(phase, before) {
    (ORDER[phase] || ORDER.lobby).forEach(function (name) {
      panelBox.appendChild(panelBox.querySelector('[data-panel="' + name + '"]'));
    });
    panelBox.querySelectorAll("[data-open-from]").forEach(function (section) {
      var open = shouldOpen(section, phase);
      if (before === undefined || open !== shouldOpen(section, before)) setFold(section, open);
    });
  }

  panelBox.querySelectorAll("[data-fold-toggle]").forEach(function (toggle) {
    toggle.addEventListener("click", function () {
      setFold(toggle.closest("[data-panel]"), toggle.getAttribute("aria-expanded") !== "true");
    });
  });
  arrangePanels(currentPhase);

  /* --- stories: a live list with hide and restore --- */
  var storyCount = document.querySelector("[data-story-count]");
  var storiesEmpty = document.querySelector("[data-stories-empty]");
  var spotlightId = null;
  var code = body.dataset.code;

  function actionButton(label, className, method, url) {
    var button = Cards.el("button", "button button-small " + className, label);
    button.type = "button";
    button.addEventListener("click", function () {
      button.disabled = true;
      fetch(url, { method: method, credentials: "same-origin", headers: { "X-CSRFToken": csrf } })
        .finally(function () { button.disabled = false; });
    });
    return button;
  }

  var stories = new Cards.Wall(document.querySelector("[data-stories]"), {
    full: true,
    tag: function (story, lensId, on) {
      fetch("/api/v1/stories/" + story.id + "/lenses/" + lensId, {
        method: on ? "PUT" : "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": csrf },
      });
    },
    decorate: function (card, story) {
      var actions = Cards.el("div", "card-actions");
      if (story.id === spotlightId) {
        card.classList.add("is-spotlit");
        var end = actionButton(i18n.end_spotlight, "button-primary", "DELETE",
          "/api/v1/workshops/" + code + "/spotlight");
        end.setAttribute("aria-keyshortcuts", "Escape");
        actions.appendChild(end);
      } else if (!story.is_hidden) {
        actions.appendChild(actionButton(i18n.spotlight, "", "POST",
          "/api/v1/stories/" + story.id + "/spotlight"));
      }
      actions.appendChild(story.is_hidden
        ? actionButton(i18n.restore, "", "POST", "/api/v1/stories/" + story.id + "/restore")
        : actionButton(i18n.hide, "button-danger", "POST", "/api/v1/stories/" + story.id + "/hide"));
      var remove = Cards.el("button", "button button-small button-danger", i18n.delete);
      remove.type = "button";
      remove.dataset.action = "delete";
      var deleteOptions = {
        key: "story-delete:" + story.id,
        text: i18n.confirm_delete_story,
        onYes: function (trigger) {
          trigger.disabled = true;
          fetch("/api/v1/stories/" + story.id, {
            method: "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": csrf },
          }).finally(function () { trigger.disabled = false; });
        },
      };
      remove.addEventListener("click", function () { control.ask(remove, card, deleteOptions); });
      actions.appendChild(remove);
      card.appendChild(actions);
      control.reask(remove, card, deleteOptions.key);
    },
  });
  function showSpotlight(story) {
    var before = spotlightId;
    spotlightId = story ? story.id : null;
    stories.redraw(before); // its buttons change
    stories.redraw(spotlightId);
  }

  /* --- lenses: rename, remove, add --- */
  var lensList = document.querySelector("[data-lens-list]");
  var api = Live.request;
  function showLenses(lenses) {
    Cards.setLenses(lenses);
    lensList.replaceChildren.apply(lensList, lenses.map(function (lens) {
      var li = Cards.el("li", "lens-row");
      var input = Cards.el("input");
      input.value = lens.name;
      input.maxLength = 80;
      input.setAttribute("aria-label", i18n.lens_name);
      var saveButton = Cards.el("button", "button button-small", i18n.save);
      saveButton.type = "button";
      saveButton.addEventListener("click", function () {
        api("PATCH", "/api/v1/lenses/" + lens.id, { name: input.value });
      });
      var removeButton = Cards.el("button", "button button-small button-danger", i18n.delete);
      removeButton.type = "button";
      var removeOptions = {
        key: "lens-remove:" + lens.id,
        text: control.format(i18n.confirm_remove_lens, { name: lens.name }),
        onYes: function () { api("DELETE", "/api/v1/lenses/" + lens.id); },
      };
      removeButton.addEventListener("click", function () { control.ask(removeButton, li, removeOptions); });
      li.append(input, saveButton, removeButton);
      control.reask(removeButton, li, removeOptions.key);
      return li;
    }));
    stories.redrawAll();
  }
  var lensAdd = document.querySelector("[data-lens-add]");
  lensAdd.addEventListener("submit", function (event) {
    event.preventDefault();
    api("POST", "/api/v1/workshops/" + code + "/lenses", { name: lensAdd.elements.name.value })
      .then(function (response) { if (response.ok) lensAdd.reset(); });
  });

  function showStories(data) {
    if (data.story) stories.put(data.story, true);
    else if (data.story_id) stories.drop(data.story_id);
    storyCount.textContent = stories.count();
    storiesEmpty.hidden = stories.count() > 0;
    control.storiesChanged(Array.from(stories.data.values()));
  }

  function showRevealed(isPublic) {
    document.querySelector("[data-private-row]").hidden = isPublic;
  }

  Live.connect({ role: "facilitator", workshop_id: workshopId }, {
    snapshot: function (state) {
      list.replaceChildren.apply(list, state.participants.map(function (p) { return personItem(p, false); }));
      showCount(state.workshop.participant_count);
      control.snapshot(state);
      showPhase(state.workshop);
      votesRevealed();
      spotlightId = state.spotlight ? state.spotlight.id : null;
      stories.reset(state.stories);
      showLenses(state.lenses);
      showStories({});
      showRevealed(!state.workshop.private_writing || state.workshop.stories_revealed);
      document.querySelectorAll("[data-settings-form] input[type=checkbox]").forEach(function (box) {
        box.checked = Boolean(state.workshop[box.name]); // a co-facilitator may have changed them
      });
    },
    events: Object.assign({}, control.events, {
      participant_joined: function (data) {
        list.appendChild(personItem(data.participant, true));
        showCount(data.participant_count);
      },
      phase_changed: function (data) {
        control.phaseChanged(data);
        showPhase(data);
        votesRevealed();
      },
      participant_removed: function (data) {
        control.closeAsk(false, "person-remove:" + data.participant_id);
        var item = list.querySelector('[data-participant-id="' + data.participant_id + '"]');
        if (item) item.remove();
        showCount(data.participant_count);
      },
      settings_changed: function () { return Live.RESYNC; },
      lenses_changed: function (data) { showLenses(data.lenses); },
      spotlight_changed: function (data) { showSpotlight(data.story); },
      reactions_changed: function (data) { stories.update(data.story_id, { reactions: data.reactions }); },
      story_posted: showStories,
      story_updated: showStories,
      story_deleted: showStories,
      story_hidden: showStories,
      story_restored: showStories,
      stories_revealed: function () { showRevealed(true); },
      votes_revealed: function (data) {
        control.events.votes_revealed(data);
        votesRevealed();
      },
    }),
    unsequenced: control.unsequenced,
  });

  /* The results panel opens with the reveal, even before the results phase. */
  var wasRevealed = false;
  function votesRevealed() {
    var isRevealed = Boolean(control.store.voting.revealed);
    if (isRevealed && !wasRevealed) setFold(document.querySelector('[data-panel="results"]'), true);
    wasRevealed = isRevealed;
  }
})();
