/* Participant's phone: follows the workshop's phase; shows the connection state. */
(function () {
  "use strict";
  var body = document.body;
  var count = document.querySelector("[data-participant-count]");
  var label = document.querySelector("[data-participant-label]");

  function showCount(n) {
    count.textContent = n;
    label.textContent = Live.plural(n);
  }

  function showPhase(phase) {
    body.dataset.phase = phase;
    document.querySelectorAll("[data-phase-view]").forEach(function (view) {
      view.hidden = view.dataset.phaseView !== phase;
    });
  }

  Live.connect({ role: "participant", code: body.dataset.code }, {
    snapshot: function (state) {
      showPhase(state.workshop.phase);
      showCount(state.workshop.participant_count);
    },
    events: {
      participant_joined: function (data) { showCount(data.participant_count); },
      phase_changed: function (data) { showPhase(data.phase); },
    },
  });
})();
