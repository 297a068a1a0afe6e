/* Projector: the join screen and the live participant count. No controls. */
(function () {
  "use strict";
  var body = document.body;
  var count = document.querySelector("[data-participant-count]");
  var label = document.querySelector("[data-participant-label]");

  function showCount(n) {
    var changed = count.textContent !== String(n);
    count.textContent = n;
    label.textContent = Live.plural(n);
    if (changed) Live.bump(count);
  }

  function showPhase(workshop) {
    body.dataset.phase = workshop.phase;
    document.querySelector("[data-when-open]").hidden = !workshop.is_open;
    document.querySelector("[data-when-closed]").hidden = workshop.is_open;
  }

  Live.connect({ role: "projector", key: body.dataset.projectorKey }, {
    snapshot: function (state) {
      showPhase(state.workshop);
      showCount(state.workshop.participant_count);
    },
    events: {
      participant_joined: function (data) { showCount(data.participant_count); },
      phase_changed: function (data) { showPhase(data); },
    },
  });
})();
