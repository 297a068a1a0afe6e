/* Facilitator's control page: the connection, participants, stories and lenses; the flow
 * (steps, moves, panels) and the practices, voting and results panels are facilitator-*.js. */
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

  var control = window.Control;
  /* For the keyboard shortcuts (facilitator-keys.js); the moves are facilitator-flow.js. */
  control.run = Object.assign(control.run || {}, {
    spotlightId: function () { return spotlightId; },
  });

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
      control.flow.show(state.workshop);
      control.flow.revealed();
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
        control.flow.show(control.store.workshop);
        control.flow.revealed();
      },
      participant_removed: function (data) {
        control.closeAsk(false, "person-remove:" + data.participant_id);
        var item = list.querySelector('[data-participant-id="' + data.participant_id + '"]');
        if (item) item.remove();
        showCount(data.participant_count);
      },
      settings_changed: function () { return Live.RESYNC; },
      // The plan was edited: a fresh snapshot carries it, and the flow redraws from it.
      plan_changed: function () { return Live.RESYNC; },
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
        control.flow.revealed();
      },
    }),
    unsequenced: control.unsequenced,
  });
})();
