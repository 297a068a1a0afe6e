/* Projector: the frame (the title, the count, which view shows, the timer and the plan's
 * words) and the practices; each activity's part (templates/<activity>/projector.html:
 * the stories, the voting, the results) draws its own. No controls: it follows the room. */
(function () {
  "use strict";
  var body = document.body;
  var i18n = Live.i18n;
  var count = document.querySelector("[data-participant-count]");
  var label = document.querySelector("[data-participant-label]");
  var room = {
    people: 0, phase: body.dataset.phase, settings: {},
  };
  var board = new ProjectorPractices.PracticeBoard(document.querySelector('[data-phase-view="practices"]'), i18n);

  function showCount(n) {
    var changed = count.textContent !== String(n);
    count.textContent = n;
    label.textContent = Live.plural(n);
    if (changed) Live.bump(count);
    room.people = n;
  }

  /* The view the room sees: the phase's (a part may show its own in it, as the results
   * do in the voting step once the votes are revealed). */
  function viewName() { return room.phase; }

  /* Show the view of the phase. */
  function showPhase() {
    var view = viewName();
    body.dataset.phase = room.phase;
    body.dataset.view = view;
    fitTitle();
    document.querySelectorAll("[data-phase-view]").forEach(function (section) {
      section.hidden = section.dataset.phaseView !== view;
    });
    // Latecomers can still join while the room writes and votes.
    document.querySelector("[data-join-hint]").hidden = ["stories", "practices", "voting"].indexOf(room.phase) < 0;
    if (view === "practices") board.relayout();
    ProjectorPlan.view(view);
  }

  /* The workshop's name: two lines in the lobby; one after it, to leave the room to the work. */
  var title = document.querySelector(".projector-title");
  var titleWidth = 0;
  function fitTitle() {
    titleWidth = title.clientWidth;
    ProjectorFit.lines(title, room.phase === "lobby" || room.phase === "closed" ? 2 : 1);
  }
  // The timer comes and goes beside it: fit again when the room for the name changes.
  new ResizeObserver(function () { if (title.clientWidth !== titleWidth) fitTitle(); }).observe(title);

  function practiceChanged(data) {
    board.setCount(data.practice_count);
    if (data.practice) {
      var isNew = !board.data.has(data.practice_id);
      board.put(data.practice, isNew && room.phase === "practices");
    } else if (!board.isPublic && /posted|updated|restored/.test(data.event)) {
      board.countPrivate(data.practice_id); // written, but not revealed yet
    } else {
      board.drop(data.practice_id, false);
    }
  }
  function practiceEvent(name) {
    return function (data) { return practiceChanged(Object.assign({ event: name }, data)); };
  }

  function practicesReplaced(data) {
    // The count comes along: after a merge it is one less, at once.
    board.reset(data.practices, board.isPublic || Boolean(data.revealed), data.practice_count);
  }

  // The clicker turns the current view's pages; the parts turn their own (the stories'
  // wall and spotlight, the voting's key, the results' standings).
  ProjectorFit.onTurn(function (step) {
    if (viewName() === "practices") return board.pager.turn(step);
    return false;
  });

  /* Settings that change what this screen may read: easier redrawn from a snapshot. */
  var SEEN_SETTINGS = ["private_writing", "stories_revealed", "practices_revealed", "is_anonymous"];
  function rememberSettings(settings) {
    SEEN_SETTINGS.forEach(function (name) { if (name in settings) room.settings[name] = settings[name]; });
  }
  function readingChanged(settings) {
    return SEEN_SETTINGS.some(function (name) { return name in settings && settings[name] !== room.settings[name]; });
  }

  var socket = Live.connect({ role: "projector", key: body.dataset.projectorKey }, {
    snapshot: function (state) {
      rememberSettings(state.workshop);
      ProjectorPlan.snapshot(state);
      room.phase = state.workshop.phase;
      showCount(state.workshop.participant_count);
      var practicesPublic = !state.workshop.private_writing || state.workshop.practices_revealed;
      board.reset(state.practices, practicesPublic, state.practice_count);
      showPhase();
    },
    events: {
      participant_joined: function (data) { showCount(data.participant_count); },
      participant_removed: function (data) { showCount(data.participant_count); },
      phase_changed: function (data) {
        rememberSettings(data);
        ProjectorPlan.phaseChanged(data);
        room.phase = data.phase;
        if (data.practices) board.reset(data.practices, true);
        else if (data.phase === "practices") {
          board.isPublic = !data.private_writing || data.practices_revealed;
          board.hasWatched = true; // from here on, every new practice passes this screen
          board.render();
        }
        showPhase();
      },
      settings_changed: function (data) {
        var resync = readingChanged(data);
        ProjectorPlan.settingsChanged(data);
        return resync ? Live.RESYNC : undefined;
      },
      timer_changed: function (data) { ProjectorPlan.timerChanged(data); },
      // The plan was edited: the next step's words come with a fresh snapshot.
      plan_changed: function () { return Live.RESYNC; },
      // The wall is the stories part's (static/js/stories/projector.js).
      stories_revealed: function () {
        room.settings.stories_revealed = true; // else the next settings change would resync
      },
      practice_posted: practiceEvent("posted"),
      practice_updated: practiceEvent("updated"),
      practice_deleted: practiceEvent("deleted"),
      practice_hidden: practiceEvent("hidden"),
      practice_restored: practiceEvent("restored"),
      practices_revealed: function (data) {
        room.settings.practices_revealed = true;
        return practicesReplaced(Object.assign({ revealed: true }, data));
      },
      practices_merged: practicesReplaced,
      commitments_changed: function (data) {
        var committed = new Map(data.commitments.map(function (p) { return [p.id, p.commitment]; }));
        board.list().forEach(function (p) { p.commitment = committed.get(p.id) || null; });
      },
    },
    unsequenced: {
      workshop_deleted: function () {
        ProjectorPlan.deleted();
        socket.disconnect(); // nothing more will come
      },
    },
  });

  window.addEventListener("resize", function () {
    fitTitle();
    board.relayout();
    ProjectorPlan.relayout();
  });
})();
