/* Projector: the frame (the title, the count, which view shows, the timer and the plan's
 * words); each activity's part (templates/<activity>/projector.html: the stories, the
 * practices, the voting, the results) draws its own. No controls: it follows the room. */
(function () {
  "use strict";
  var body = document.body;
  var i18n = Live.i18n;
  var count = document.querySelector("[data-participant-count]");
  var label = document.querySelector("[data-participant-label]");
  var room = {
    people: 0, phase: body.dataset.phase, settings: {},
  };

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
      showPhase();
    },
    events: {
      participant_removed: function (data) { showCount(data.participant_count); },
      phase_changed: function (data) {
        rememberSettings(data);
        ProjectorPlan.phaseChanged(data);
        room.phase = data.phase;
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
      // The board is the practices part's (static/js/practices/projector.js).
      practices_revealed: function () { room.settings.practices_revealed = true; },
    },
    unsequenced: {
      // On the tick: however many joined since the last one, one count.
      participant_count: function (data) { showCount(data.participant_count); },
      workshop_deleted: function () {
        ProjectorPlan.deleted();
        socket.disconnect(); // nothing more will come
      },
    },
  });

  window.addEventListener("resize", function () {
    fitTitle();
    ProjectorPlan.relayout();
  });
})();
