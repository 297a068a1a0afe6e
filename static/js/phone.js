/* Participant's phone: the frame. The count in the lobby, which phase's view shows, the
 * phone brought to what a new phase asks, and a fresh snapshot when a setting changes what
 * this phone may read. The activities are parts (PhoneKit's: practices, voting, results;
 * the runtime's: static/js/<activity>/phone.js); this script comes last and connects. */
(function () {
  "use strict";
  var body = document.body;
  var code = body.dataset.code;
  var count = document.querySelector("[data-participant-count]");
  var label = document.querySelector("[data-participant-label]");
  var phase = body.dataset.phase;

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
   * already in the upper part of the screen. Called once the runtime's parts have drawn
   * too (they come after this page's handlers, in the same task). */
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

  PhoneKit.register({
    snapshot: function (state) {
      var moved = showPhase(state.workshop.phase);
      showCount(state.workshop.participant_count);
      keepSettings(state.workshop);
      if (moved) queueMicrotask(showWhatIsAsked); // it moved on while this phone was away
    },
    events: {
      participant_removed: function (data) { showCount(data.participant_count); },
      phase_changed: function (data) {
        var moved = showPhase(data.phase);
        keepSettings(data); // what the move opened arrives with it
        if (moved) queueMicrotask(showWhatIsAsked); // once every part has drawn
      },
      settings_changed: function (data) {
        if (listSettingsChanged(data)) return Live.RESYNC;
      },
      // What the reveal opened (the stories themselves are static/js/stories/phone.js's).
      stories_revealed: function () { listSettings.stories_revealed = true; },
      practices_revealed: function () { listSettings.practices_revealed = true; },
    },
    unsequenced: {
      // On the tick: however many joined since the last one, one count.
      participant_count: function (data) { showCount(data.participant_count); },
    },
  });
  PhoneKit.start(code); // this script comes last: every part has registered
})();
