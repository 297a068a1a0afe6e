/* Control page, voting panel: the rules (budget, cap, self-votes, hiding), the live
 * tally from the tick, and revealing the votes. */
(function () {
  "use strict";
  var C = window.Control;
  var i18n = C.i18n;
  var el = window.Cards.el;
  var panel = document.querySelector('[data-panel="voting"]');
  var form = panel.querySelector("[data-voting-form]");
  var fields = form.querySelector("[data-voting-fields]");
  var suggestion = form.querySelector("[data-suggestion]");
  var status = form.querySelector("[data-form-status]");
  var saveButton = form.querySelector("[data-voting-save]");
  var isDirty = false; // the facilitator is editing: events do not overwrite the form

  function showStatus(state) {
    status.dataset.state = state; // saved, saving, unsaved, closed (tests wait for these)
    status.textContent = state ? i18n[state === "closed" ? "voting_closed" : state] : "";
  }

  function fillForm(voting) {
    if (isDirty || !voting || voting.budget === undefined) return;
    form.elements.budget.value = voting.budget;
    // The server reports the effective cap; a cap of the whole budget reads as "no cap".
    var cap = voting.per_practice_cap;
    form.elements.per_practice_cap.value = cap && cap < voting.budget ? cap : "";
    form.elements.self_votes.checked = Boolean(voting.self_votes);
    form.elements.hide_tally.checked = Boolean(voting.hide_tally);
  }

  var useSuggestion = form.querySelector("[data-use-suggestion]");

  function showSuggestion(voting) {
    var text = C.format(i18n.suggestion, { n: voting.suggested_budget });
    useSuggestion.disabled = Number(form.elements.budget.value) === voting.suggested_budget;
    suggestion.textContent = voting.is_budget_set ? text : text + " " + i18n.budget_not_fixed;
  }

  function showLock(workshop) {
    var isOver = workshop.phase === "results" || workshop.phase === "closed";
    fields.disabled = isOver;
    saveButton.hidden = isOver;
    if (isOver) showStatus("closed");
    else if (status.dataset.state === "closed") showStatus("");
  }

  form.addEventListener("input", function () {
    isDirty = true;
    showStatus("unsaved");
    showSuggestion(C.store.voting);
  });

  function readForm() {
    var budget = form.elements.budget.value.trim();
    var cap = form.elements.per_practice_cap.value.trim();
    return {
      // Not a number stays a string: the server answers with the message for the field.
      budget: /^\d+$/.test(budget) ? Number(budget) : budget,
      per_practice_cap: cap === "" ? null : /^\d+$/.test(cap) ? Number(cap) : cap,
      self_votes: form.elements.self_votes.checked,
      hide_tally: form.elements.hide_tally.checked,
    };
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    saveButton.disabled = true;
    showStatus("saving");
    C.api("PUT", "/api/v1/workshops/" + C.code + "/voting", readForm()).then(function (result) {
      saveButton.disabled = false;
      C.showFormErrors(form, result);
      if (!result.ok) {
        showStatus("unsaved");
        return;
      }
      isDirty = false;
      C.store.voting = result.data;
      fillForm(result.data);
      showSuggestion(result.data);
      showStatus("saved");
    });
  });

  useSuggestion.addEventListener("click", function () {
    form.elements.budget.value = C.store.voting.suggested_budget;
    isDirty = true;
    form.requestSubmit();
  });

  /* --- the live tally --- */
  var votersNumber = panel.querySelector("[data-tally-voters]");
  var leftNumber = panel.querySelector("[data-tally-left]");
  var castNumber = panel.querySelector("[data-tally-cast]");
  var tallyList = panel.querySelector("[data-tally-list]");
  var tallyEmpty = panel.querySelector("[data-tally-empty]");
  var tallyNote = panel.querySelector("[data-tally-note]");
  var revealBox = panel.querySelector("[data-reveal-votes-box]");
  var revealButton = panel.querySelector("[data-reveal-votes]");
  var revealedChip = panel.querySelector("[data-votes-revealed-chip]");
  var errorLine = panel.querySelector("[data-voting-error]");

  function setNumber(node, text) {
    if (node.textContent === text) return;
    node.textContent = text;
    window.Live.bump(node);
  }

  function ratingLine(row) {
    if (row.story) return ""; // a story has its teller's own rating, not the room's
    if (!row.ratings) return i18n.no_ratings;
    return [
      C.format(i18n.agency_mean, { value: C.decimal(row.agency) }),
      C.format(i18n.ease_mean, { value: C.decimal(row.ease) }),
      C.count(row.ratings, "ratings_one", "ratings_other"),
    ].join(" · ");
  }

  function tallyRow(row, most) {
    var li = el("li", "ctl-tally-row");
    li.dataset[row.story ? "storyId" : "practiceId"] = row.item.id;
    li.appendChild(el("span", "ctl-tally-title", row.item.title));
    var dots = el("span", "ctl-tally-dots", String(row.dots));
    dots.dataset.tallyDots = "";
    dots.setAttribute("aria-label", C.count(row.dots, "dots_one", "dots_other"));
    li.appendChild(dots);
    var bar = el("span", "ctl-tally-bar");
    bar.setAttribute("aria-hidden", "true");
    var fill = el("span", "ctl-tally-fill");
    fill.style.setProperty("--share", most ? row.dots / most : 0);
    bar.appendChild(fill);
    li.appendChild(bar);
    li.appendChild(el("span", "ctl-tally-ratings", ratingLine(row)));
    return li;
  }

  function showTally(store) {
    var tally = store.tally || { voters: 0, participants: 0, dots_cast: 0, dots_left: 0 };
    setNumber(votersNumber, tally.voters + " / " + tally.participants);
    setNumber(leftNumber, String(tally.dots_left || 0));
    setNumber(castNumber, String(tally.dots_cast || 0));
    var rows = C.ranking();
    var most = rows.reduce(function (m, row) { return Math.max(m, row.dots); }, 0);
    tallyList.replaceChildren.apply(tallyList, rows.map(function (row) { return tallyRow(row, most); }));
    tallyEmpty.hidden = rows.length > 0;
  }

  function showReveal(store) {
    var voting = store.voting || {};
    var phase = store.workshop.phase;
    revealBox.hidden = phase !== "voting" || Boolean(voting.revealed);
    revealedChip.hidden = !voting.revealed;
    tallyNote.textContent = voting.revealed ? i18n.tally_revealed_note
      : voting.hide_tally ? i18n.tally_hidden_note : i18n.tally_public_note;
  }

  revealButton.addEventListener("click", function () {
    revealButton.disabled = true;
    C.api("POST", "/api/v1/workshops/" + C.code + "/reveal", { what: "votes" }).then(function (result) {
      revealButton.disabled = false;
      C.showError(errorLine, result);
    });
  });

  C.register({
    update: function (store, what) {
      if (what !== "tally" && what !== "stories") {
        fillForm(store.voting);
        showSuggestion(store.voting);
        showLock(store.workshop);
        showReveal(store);
      }
      // The stories too: where the room votes on them, they are the tally's rows.
      if (what !== "commitments") showTally(store);
    },
  });
})();
