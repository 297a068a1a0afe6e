/* Facilitator's control page: live participant list and phase; copy and confirm helpers. */
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

  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.form.addEventListener("submit", function (event) {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  });

  var workshopId = Number(body.dataset.workshopId);
  if (!workshopId) return;

  var list = document.querySelector("[data-participant-list]");
  var empty = document.querySelector("[data-participants-empty]");
  var count = document.querySelector("[data-participant-count]");

  function personItem(person, isNew) {
    var li = document.createElement("li");
    li.dataset.participantId = person.id;
    li.textContent = person.display_name || i18n.anonymous;
    if (isNew) li.className = "arrive";
    return li;
  }

  function showCount(n) {
    count.textContent = n;
    empty.hidden = n > 0;
  }

  function showPhase(phase) {
    var name = i18n.phases[phase] || phase;
    document.querySelector("[data-phase-badge]").textContent = name;
    document.querySelector("[data-phase-name]").textContent = name;
    var form = document.querySelector("[data-phase-form]");
    if (form && phase === "closed") form.hidden = true;
  }

  Live.connect({ role: "facilitator", workshop_id: workshopId }, {
    snapshot: function (state) {
      list.replaceChildren.apply(list, state.participants.map(function (p) { return personItem(p, false); }));
      showCount(state.workshop.participant_count);
      showPhase(state.workshop.phase);
    },
    events: {
      participant_joined: function (data) {
        list.appendChild(personItem(data.participant, true));
        showCount(data.participant_count);
      },
      phase_changed: function (data) { showPhase(data.phase); },
    },
  });
})();
