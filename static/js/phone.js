/* Participant's phone: follows the phase, and writes stories that survive a
 * dropped connection. A story waits in an outbox in localStorage until the
 * server confirms it; its key makes a retry land once, however often it is sent. */
(function () {
  "use strict";
  var body = document.body;
  var code = body.dataset.code;
  var i18n = Live.i18n;
  var load = PhoneKit.load;
  var save = PhoneKit.save;
  var newKey = PhoneKit.newKey;
  var api = PhoneKit.api;
  var count = document.querySelector("[data-participant-count]");
  var label = document.querySelector("[data-participant-label]");
  var form = document.querySelector("[data-story-form]");
  var statusLine = form.querySelector("[data-form-status]");
  var formError = form.querySelector("[data-form-error]");
  var othersSection = document.querySelector("[data-others]");
  var myEmpty = document.querySelector("[data-my-empty]");
  var draftKey = "toimija:draft:" + code;
  var phase = body.dataset.phase;

  var mine = new Cards.Wall(document.querySelector("[data-my-stories]"), {
    full: true,
    decorate: function (card, story) {
      if (phase !== "stories") return;
      var actions = Cards.el("div", "card-actions");
      var edit = Cards.el("button", "button button-small", i18n.edit);
      edit.type = "button";
      edit.addEventListener("click", function () { startEditing(story); });
      actions.appendChild(edit);
      var remove = Cards.el("button", "button button-small button-danger", i18n.delete);
      remove.type = "button";
      var deleteOptions = {
        key: "story-delete:" + story.id,
        text: i18n.confirm_delete,
        onYes: function () {
          api("DELETE", "/api/v1/stories/" + story.id).then(function (response) {
            if (response.ok) dropMine(story.id);
          });
        },
      };
      remove.addEventListener("click", function () { PhoneKit.ask(remove, card, deleteOptions); });
      actions.appendChild(remove);
      card.appendChild(actions);
      PhoneKit.reask(remove, card, deleteOptions.key);
    },
  });
  var myReactions = {}; // story id -> kinds I gave
  var others = new Cards.Wall(document.querySelector("[data-other-stories]"), {
    full: true,
    react: {
      mine: function (id) { return myReactions[id] || []; },
      toggle: function (story, kind, on) {
        api(on ? "PUT" : "DELETE", "/api/v1/stories/" + story.id + "/reactions/" + kind)
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (result) {
            if (!result) return;
            myReactions[story.id] = result.mine;
            others.update(story.id, { reactions: result.reactions });
          });
      },
    },
  });

  /* --- the form and its draft --- */
  function readForm() {
    var data = {};
    new FormData(form).forEach(function (value, name) { data[name] = value; });
    if (data.agency) data.agency = Number(data.agency);
    return data;
  }
  function fillForm(data) {
    Object.keys(data || {}).forEach(function (name) {
      var fields = form.elements[name];
      if (!fields) return;
      if (fields instanceof RadioNodeList) {
        Array.prototype.forEach.call(fields, function (f) { f.checked = f.value === String(data[name]); });
      } else {
        fields.value = data[name];
      }
    });
  }
  function sameStory(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  var feedback = PhoneKit.formFeedback(form, statusLine, formError);
  var showStatus = feedback.showStatus, clearErrors = feedback.clearErrors, showErrors = feedback.showErrors;

  /* Editing one's own story: the same form, sent as a change through the same outbox. */
  var submitButton = form.querySelector('button[type="submit"]');
  var cancelEdit = Cards.el("button", "button button-block", i18n.cancel);
  cancelEdit.type = "button";
  cancelEdit.hidden = true;
  submitButton.after(cancelEdit);
  function startEditing(story) {
    var fields = {};
    ["title", "happened", "staff_did", "manner", "could_do", "agency", "channel", "place"].forEach(function (name) {
      fields[name] = story[name] === null ? "" : story[name];
    });
    form.reset();
    fillForm(fields);
    form.dataset.editing = story.id;
    submitButton.textContent = i18n.save_changes;
    cancelEdit.hidden = false;
    form.scrollIntoView({ behavior: "smooth", block: "start" });
  }
  function stopEditing() {
    delete form.dataset.editing;
    submitButton.textContent = i18n.send;
    cancelEdit.hidden = true;
    form.reset();
    fillForm(load(draftKey, {}));
  }
  cancelEdit.addEventListener("click", stopEditing);

  function keepDraft() {
    if (!form.dataset.editing) save(draftKey, readForm());
  }
  form.addEventListener("input", keepDraft);
  form.addEventListener("change", keepDraft);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var item = { key: newKey(), story: readForm() };
    if (form.dataset.editing) item.edit = Number(form.dataset.editing);
    outbox.push(item);
  });

  /* A refused item leaves the outbox, so its text must live on: back in the form, as the
   * change it was (an edit) or as the saved draft (a new story), which a reload restores. */
  function restore(item) {
    if (!item.edit && form.dataset.editing) { save(draftKey, item.story); return; }
    form.reset();
    fillForm(item.story);
    if (item.edit) {
      form.dataset.editing = item.edit;
      submitButton.textContent = i18n.save_changes;
      cancelEdit.hidden = false;
    } else {
      save(draftKey, readForm());
    }
  }

  /* --- the outbox: a new story by its key, a change to one's own by its id --- */
  var outbox = PhoneKit.outbox("toimija:outbox:" + code, {
    status: showStatus,
    send: function (item) {
      return item.edit
        ? api("PATCH", "/api/v1/stories/" + item.edit, item.story)
        : api("POST", "/api/v1/workshops/" + code + "/stories", Object.assign({}, item.story, { key: item.key }));
    },
    sent: function (item, story) {
      if (item.edit && Number(form.dataset.editing) === item.edit) {
        stopEditing();
      } else if (!item.edit && sameStory(readForm(), item.story)) {
        form.reset();
        localStorage.removeItem(draftKey);
      }
      showStatus(i18n.sent);
      putMine(story, true);
    },
    refused: function (item, error) {
      restore(item); // refused (time up, say): the text comes back to be fixed
      showErrors(error);
    },
  });

  /* --- the lists --- */
  function putMine(story, isNew) {
    others.drop(story.id); // the room's event may have come before the post's answer
    mine.put(story, isNew);
    PhoneKit.store.myStoryIds.add(story.id);
    myEmpty.hidden = mine.count() > 0;
  }
  function dropMine(id) {
    mine.drop(id);
    PhoneKit.store.myStoryIds.delete(id);
    myEmpty.hidden = mine.count() > 0;
  }
  function redrawMine(stories) {
    mine.reset(stories || Array.from(mine.data.values())); // delete buttons follow the phase
    myEmpty.hidden = mine.count() > 0;
  }
  function setPublic(isPublic) { othersSection.hidden = !isPublic; }

  function showCount(n) {
    count.textContent = n;
    label.textContent = Live.plural(n);
  }
  /* Show the views of this phase (a view may name several); return whether it changed. */
  function showPhase(next) {
    var previous = phase;
    phase = next;
    body.dataset.phase = next;
    document.querySelectorAll("[data-phase-view]").forEach(function (view) {
      view.hidden = view.dataset.phaseView.split(" ").indexOf(next) < 0;
    });
    return next !== previous;
  }

  /* What stays in view at the top above `target` (the offline banner, the timer's band). */
  function stickyAbove(target) {
    var height = 0;
    document.querySelectorAll("[data-offline-banner], [data-phone-timer], [data-dots-bar]").forEach(function (bar) {
      if (!bar.offsetHeight || getComputedStyle(bar).position !== "sticky") return;
      if (bar.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) height += bar.offsetHeight;
    });
    return height;
  }
  /* A new phase: bring the phone to what it asks (its instruction, else the phase's first
   * card), so nobody lands at the foot of a page they have not seen. Left alone when it is
   * already in the upper part of the screen. */
  function showWhatIsAsked() {
    var brief = document.querySelector("[data-phase-brief]");
    var view = document.querySelector('[data-phase-view~="' + phase + '"]');
    var target = brief && !brief.hidden ? brief : view;
    if (!target || !target.offsetHeight) return;
    var offset = stickyAbove(target) + 8;
    var top = target.getBoundingClientRect().top;
    if (top >= offset - 8 && top < window.innerHeight * 0.4) return;
    window.scrollTo(0, Math.max(0, top + window.scrollY - offset));
  }
  /* The old phase's notices ("Sent. Thank you!", an error) do not come back with it; one
   * still waiting in the outbox keeps its line. */
  PhoneKit.onPhase(function () {
    if (!outbox.pending()) feedback.forget();
  });
  function putStory(data) {
    if (!data.story) { dropMine(data.story_id); others.drop(data.story_id); return; }
    if (mine.data.has(data.story.id)) putMine(data.story, false);
    else others.put(data.story, true);
  }
  /* Posted or changed: with no story, the room may not read it yet (private writing).
   * One's own story stays: the post's answer put it here, whichever came first. */
  function changeStory(data) {
    if (!data.story && mine.data.has(data.story_id)) return;
    putStory(data);
  }

  var banner = document.querySelector("[data-spotlight-banner]");
  function showSpotlight(story) {
    banner.hidden = !story;
    var holder = banner.querySelector("[data-spotlight-story]");
    holder.replaceChildren();
    if (story) holder.appendChild(Cards.story(story, { full: true }));
  }

  /* Settings that change which stories this phone may read, or how they are signed: a
   * change there needs a fresh snapshot. The QR, the examples and the time-up lock do not,
   * and a whole room asking for snapshots at each QR toggle is heavy on venue Wi-Fi. */
  var LIST_SETTINGS = ["private_writing", "stories_revealed", "practices_revealed", "is_anonymous"];
  var listSettings = {};
  function keepSettings(data) {
    LIST_SETTINGS.forEach(function (name) { if (name in data) listSettings[name] = data[name]; });
  }
  function listSettingsChanged(data) {
    return LIST_SETTINGS.some(function (name) { return name in data && data[name] !== listSettings[name]; });
  }

  /* Whatever was typed before this script ran (a slow network) wins over the stored draft,
   * and both are kept from here on. */
  var typedEarly = {};
  Object.entries(readForm()).forEach(function (entry) { if (entry[1] !== "") typedEarly[entry[0]] = entry[1]; });
  fillForm(Object.assign(load(draftKey, {}), typedEarly));
  if (Object.keys(typedEarly).length) save(draftKey, readForm());
  PhoneKit.register({
    snapshot: function (state) {
      Cards.setLenses(state.lenses);
      showSpotlight(state.spotlight);
      var moved = showPhase(state.workshop.phase);
      showCount(state.workshop.participant_count);
      myReactions = state.my_reactions || {};
      var myIds = new Set(state.my_story_ids);
      redrawMine(state.stories.filter(function (s) { return myIds.has(s.id); }));
      others.reset(state.stories.filter(function (s) { return !myIds.has(s.id); }));
      setPublic(!state.workshop.private_writing || state.workshop.stories_revealed);
      keepSettings(state.workshop);
      if (moved) showWhatIsAsked(); // it moved on while this phone was away
      outbox.flush(); // every (re)connect is a chance to deliver
    },
    events: {
      participant_joined: function (data) { showCount(data.participant_count); },
      participant_removed: function (data) { showCount(data.participant_count); },
      phase_changed: function (data) {
        var moved = showPhase(data.phase);
        redrawMine(); // delete buttons only while writing is open
        keepSettings(data); // what the move opened arrives with it
        if (moved) showWhatIsAsked(); // this part comes last: every other has drawn
      },
      settings_changed: function (data) {
        if (listSettingsChanged(data)) return Live.RESYNC;
      },
      lenses_changed: function (data) { Cards.setLenses(data.lenses); mine.redrawAll(); others.redrawAll(); },
      spotlight_changed: function (data) { showSpotlight(data.story); },
      reactions_changed: function (data) {
        others.update(data.story_id, { reactions: data.reactions });
        mine.update(data.story_id, { reactions: data.reactions });
      },
      story_posted: changeStory,
      story_updated: changeStory,
      story_restored: changeStory,
      story_hidden: putStory,
      story_deleted: putStory,
      stories_revealed: function (data) {
        others.reset(data.stories.filter(function (s) { return !mine.data.has(s.id); }));
        setPublic(true);
        listSettings.stories_revealed = true;
      },
      practices_revealed: function () { listSettings.practices_revealed = true; },
    },
  });
  PhoneKit.start(code); // this script comes last: every part has registered
})();
