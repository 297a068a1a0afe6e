/* The control page's shared state for practices, voting and results, and its helpers
 * (the practices, voting and results panels are parts: static/js/practices/control.js,
 * voting/control.js, results/control.js).
 *
 * facilitator.js owns the connection; it hands practice, voting and phase events to
 * Control, which keeps one store and tells each panel what changed. Panels register
 * with Control.register({update: function (store, what) {...}}).
 */
(function () {
  "use strict";
  var i18n = window.Live.i18n;

  var store = {
    workshop: { phase: document.body.dataset.phase || "lobby", next_phases: [] },
    practices: new Map(), // id -> practice JSON, as facilitators see it
    voting: {},
    tally: null,
    stories: [], // the wall, for linking a new practice to stories
    plan: { welcome: "", phases: {}, examples: [] }, // the design: steps, instructions, examples
    timer: null, // the current phase's timer (see workshop/workshops/timer.py)
    clockOffset: 0, // server clock minus this one, in ms, from the timer's server_now
    team: { owner: null, co_facilitators: [], is_owner: false },
    share: { share_url: null },
    retention: { retention_days: null, deletes_at: null },
    deleted: false,
  };
  var panels = [];

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function count(n, one, other) {
    return n === 1 ? i18n[one] : format(i18n[other], { n: n });
  }

  /* A mean to one decimal, written the reader's way (3,7 in Finnish). */
  function decimal(value) {
    if (value === null || value === undefined) return "\u2013";
    return Number(value).toLocaleString(document.documentElement.lang, {
      minimumFractionDigits: 1, maximumFractionDigits: 1,
    });
  }

  var newKey = window.Live.newKey;

  /* Call the API; resolve to {ok, status, data}, never reject (a network error is not ok). */
  function api(method, url, payload) {
    return window.Live.request(method, url, payload).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        return { ok: response.ok, status: response.status, data: data };
      });
    }, function () {
      return { ok: false, status: 0, data: null };
    });
  }

  /* The API's message in the person's language, with its field messages; or a generic one. */
  function errorText(result) {
    var error = result && result.data && result.data.error;
    if (!error) return i18n.error;
    var fields = error.fields || {};
    var parts = Object.keys(fields).map(function (name) { return fields[name]; });
    return parts.length ? parts.join(" ") : error.message;
  }

  function showError(node, result) {
    if (!node) return;
    if (result && result.ok) {
      node.hidden = true;
      node.textContent = "";
    } else {
      node.textContent = errorText(result);
      node.hidden = false;
    }
  }

  /* Field errors next to their fields (data-error-for); anything else in [data-form-error]. */
  function showFormErrors(form, result) {
    form.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; });
    form.querySelectorAll("[aria-invalid]").forEach(function (f) { f.removeAttribute("aria-invalid"); });
    var general = form.querySelector("[data-form-error]");
    if (general) general.hidden = true;
    if (!result || result.ok) return;
    var error = (result.data && result.data.error) || {};
    var fields = error.fields || {};
    var first = null;
    var unplaced = [];
    Object.keys(fields).forEach(function (name) {
      var p = form.querySelector('[data-error-for="' + name + '"]');
      if (p) { p.textContent = fields[name]; p.hidden = false; } else { unplaced.push(fields[name]); }
      var field = form.elements[name];
      if (field && field.setAttribute) {
        field.setAttribute("aria-invalid", "true");
        first = first || field;
      }
    });
    if (general && (unplaced.length || !Object.keys(fields).length)) {
      general.textContent = unplaced.length ? unplaced.join(" ") : errorText(result);
      general.hidden = false;
    }
    if (first && first.focus) first.focus();
  }

  /* A destructive action asks in the page, the way merging and the phase moves ask
   * (static/js/ask.js): the question in a box (.ctl-confirm) in `host`, or right after
   * it with options.after; the acting button is labelled as the trigger by default. */
  var asker = window.Ask({
    box: "ctl-confirm is-danger ctl-ask",
    text: "",
    yes: "button button-small",
    no: "button button-small",
    actions: "ctl-confirm-actions",
    cancel: i18n.cancel,
    yesLabel: function (trigger) { return trigger.textContent; },
    hideRow: null,
  });

  /* The texts and minutes of where the workshop is: the lobby's, or its step's. */
  function stepTexts() {
    return window.Core.stepTexts(store.plan, store.workshop.phase, store.workshop.step_index);
  }

  function notify(what) {
    panels.forEach(function (panel) { panel.update(store, what); });
  }

  function resetPractices(list) {
    store.practices = new Map(list.map(function (p) { return [p.id, p]; }));
  }

  function putPractice(data) {
    if (data.practice) store.practices.set(data.practice.id, data.practice);
    else store.practices.delete(data.practice_id);
    notify("practices");
  }

  var events = {
    practice_posted: putPractice,
    practice_updated: putPractice,
    practice_deleted: putPractice,
    practice_hidden: putPractice,
    practice_restored: putPractice,
    practices_revealed: function (data) {
      store.workshop.practices_revealed = true;
      resetPractices(data.practices);
      notify("practices");
    },
    practices_merged: function (data) {
      resetPractices(data.practices);
      notify("practices");
    },
    voting_changed: function (data) {
      store.voting = data.voting;
      notify("voting");
    },
    votes_revealed: function (data) {
      store.voting = Object.assign({}, store.voting, { revealed: true });
      if (store.tally) store.tally = Object.assign({}, store.tally, { revealed: true });
      if (data.results) store.voting = data.results.voting;
      notify("voting");
    },
    timer_changed: function (data) {
      setTimer(data);
      notify("timer");
    },
    commitments_changed: function (data) {
      var chosen = new Map(data.commitments.map(function (p) { return [p.id, p]; }));
      store.practices.forEach(function (p, id) {
        var fresh = chosen.get(id);
        var commitment = fresh ? fresh.commitment : null;
        if (JSON.stringify(commitment) !== JSON.stringify(p.commitment)) {
          store.practices.set(id, Object.assign({}, p, { commitment: commitment }));
        }
      });
      notify("commitments");
    },
  };

  function setTimer(timer) {
    store.timer = timer;
    if (timer && timer.server_now) store.clockOffset = Date.parse(timer.server_now) - Date.now();
  }

  /* Seconds left on the timer now, by this clock corrected to the server's; null if stopped. */
  function secondsLeft() {
    var timer = store.timer;
    if (!timer || timer.state === "stopped") return null;
    if (timer.state === "paused") return timer.seconds_left;
    return window.Core.secondsLeft(timer.ends_at, store.clockOffset);
  }

  window.Control = {
    i18n: i18n,
    code: document.body.dataset.code,
    store: store,
    api: api,
    newKey: newKey,
    format: format,
    decimal: decimal,
    count: count,
    errorText: errorText,
    showError: showError,
    showFormErrors: showFormErrors,
    stepTexts: stepTexts,
    ask: asker.ask,
    reask: asker.reask,
    closeAsk: asker.closeAsk,
    secondsLeft: secondsLeft,
    register: function (panel) { panels.push(panel); },
    events: events,
    unsequenced: {
      tally: function (data) {
        store.tally = data;
        notify("tally");
      },
      facilitators_changed: function (data) {
        store.team = Object.assign({}, store.team, data);
        if ("retention_days" in data) {
          store.retention = { retention_days: data.retention_days, deletes_at: data.deletes_at };
        }
        notify("team");
      },
      share_changed: function (data) {
        store.share = data;
        notify("share");
      },
      workshop_deleted: function () {
        store.deleted = true;
        notify("deleted");
      },
    },
    snapshot: function (state) {
      store.workshop = state.workshop;
      store.voting = state.voting || {};
      store.tally = state.tally || null;
      resetPractices(state.practices || []);
      store.plan = state.plan || store.plan;
      setTimer(state.timer || null);
      store.team = state.team || store.team;
      store.share = state.share || store.share;
      store.retention = state.retention || store.retention;
      notify("all");
    },
    phaseChanged: function (data) {
      store.workshop = Object.assign({}, store.workshop, data);
      if (data.timer) setTimer(data.timer); // a timer belongs to its phase: the move stopped it
      if (data.voting) store.voting = data.voting;
      if (data.practices) resetPractices(data.practices);
      notify("phase");
    },
    storiesChanged: function (list) {
      store.stories = list;
      notify("stories");
    },
  };
})();
