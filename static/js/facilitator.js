/* Facilitator's control page: the connection and the participants. The flow (steps, moves,
 * panels), the timer, the deliverables and the keys are facilitator-*.js; every activity's
 * panel is its part (static/js/<activity>/control.js). */
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

  Live.connect({ role: "facilitator", workshop_id: workshopId }, {
    snapshot: function (state) {
      list.replaceChildren.apply(list, state.participants.map(function (p) { return personItem(p, false); }));
      showCount(state.workshop.participant_count);
      control.snapshot(state);
      control.flow.show(state.workshop);
      control.flow.revealed();
      document.querySelectorAll("[data-settings-form] input[type=checkbox]").forEach(function (box) {
        box.checked = Boolean(state.workshop[box.name]); // a co-facilitator may have changed them
      });
      document.querySelectorAll("[data-setting-number]").forEach(function (input) {
        if (document.activeElement !== input) input.value = state.workshop[input.name];
      });
    },
    events: Object.assign({}, control.events, {
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
      votes_revealed: function (data) {
        control.events.votes_revealed(data);
        control.flow.revealed();
      },
    }),
    unsequenced: Object.assign({}, control.unsequenced, {
      // Outside the seq: who joined, at once (a snapshot that already lists them wins).
      participant_joined: function (data) {
        var id = String(data.participant.id);
        var listed = Array.prototype.some.call(list.children, function (item) {
          return item.dataset.participantId === id;
        });
        if (!listed) list.appendChild(personItem(data.participant, true));
      },
      // On the tick: how many are in the room.
      participant_count: function (data) { showCount(data.participant_count); },
    }),
  });
})();
