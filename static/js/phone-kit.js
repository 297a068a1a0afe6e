/* What the phone's parts share: storage, keys, the API, words, and one store of
 * practices and stories that every part reads (the practice card is
 * static/js/practices/card.js). Each part (stories, practices, voting, results)
 * registers its handlers; start() joins them on one live connection, so one event
 * reaches every part that cares. */
(function () {
  "use strict";
  var i18n = Live.i18n;
  var el = Cards.el;
  var lang = document.documentElement.lang || "fi";

  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or private mode */ }
  }

  var newKey = Live.newKey;
  var api = Live.request;

  /* The seconds a 503 says to wait: the body's retry_after (busy), else Retry-After. */
  function busyFor(response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      var error = (data && data.error) || {};
      return Number(error.retry_after) || Number(response.headers.get("Retry-After")) || 2;
    });
  }

  /* Make a request that may be made again (a reaction's PUT or DELETE), and make it again
   * while the server answers 503 busy, backing off; the last answer is the result. */
  function whenFree(send, tries) {
    tries = tries || 0;
    return send().then(function (response) {
      if (response.status !== 503 || tries >= 5) return response;
      return busyFor(response).then(function (seconds) {
        return new Promise(function (resolve) {
          setTimeout(resolve, Live.backoff(seconds, tries));
        });
      }).then(function () { return whenFree(send, tries + 1); });
    });
  }

  /* An outbox in localStorage: what a form sends waits there until the server answers,
   * one item at a time, in order. No connection or a 5xx keeps the item for the next
   * try (back online, the page woken, every snapshot); a 503 busy keeps it and tries
   * again by itself, backing off, saying so; its key makes a retry land once.
   * `send(item)` makes the request; `sent(item, data)` and `refused(item, error)` are
   * told the answer (a refused item has left the outbox: its text must live on). */
  function outbox(storageKey, options) {
    var sending = false;
    var busyTries = 0; // busy answers in a row
    function flush() {
      var items = load(storageKey, []);
      if (sending || !items.length) return;
      var item = items[0];
      sending = true;
      options.status(i18n.sending);
      options.send(item)
        .then(function (response) {
          if (response.status === 503) return busyFor(response).then(function (s) { return { busy: s }; });
          if (response.status >= 500) throw new Error("server"); // keep it; try again later
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        })
        .then(function (result) {
          sending = false;
          if (result.busy) { // kept: the same key goes again, later
            options.status(i18n.busy);
            setTimeout(flush, Live.backoff(result.busy, busyTries++));
            return;
          }
          busyTries = 0;
          save(storageKey, load(storageKey, []).filter(function (i) { return i.key !== item.key; }));
          if (result.ok) {
            options.sent(item, result.data);
            flush();
          } else {
            options.refused(item, result.data.error);
          }
        })
        .catch(function () {
          sending = false; // no connection: it stays in the outbox
          options.status(i18n.queued);
        });
    }
    function push(item) {
      var items = load(storageKey, []);
      items.push(item);
      save(storageKey, items);
      flush();
    }
    function pending() { return load(storageKey, []).length; }
    window.addEventListener("online", flush);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") flush();
    });
    return { push: push, flush: flush, pending: pending };
  }

  /* A form's status line and its errors: each field's message under it, the rest in
   * one line; the first wrong field gets the focus. `fieldFor` maps an error's name
   * to the control to focus (a picker's search box, say). */
  function formFeedback(form, statusLine, formError, fieldFor) {
    fieldFor = fieldFor || function (name) { return form.elements[name]; };
    function showStatus(text) { statusLine.textContent = text || ""; }
    function clearErrors() {
      formError.hidden = true;
      form.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; });
      form.querySelectorAll("[aria-invalid]").forEach(function (f) { f.removeAttribute("aria-invalid"); });
    }
    function showErrors(error) {
      clearErrors();
      showStatus("");
      var fields = (error && error.fields) || {};
      var first = null;
      Object.keys(fields).forEach(function (name) {
        var p = form.querySelector('[data-error-for="' + name + '"]');
        if (!p) return;
        p.textContent = fields[name];
        p.hidden = false;
        var field = fieldFor(name);
        if (field && field.name === name && field.setAttribute) field.setAttribute("aria-invalid", "true");
        first = first || field;
      });
      if (!first) {
        formError.textContent = (error && error.message) || i18n.error;
        formError.hidden = false;
      }
      if (first && first.focus) first.focus();
    }
    /* A new phase: what the form said in the old one does not come back with it. */
    function forget() {
      clearErrors();
      showStatus("");
    }
    return { showStatus: showStatus, clearErrors: clearErrors, showErrors: showErrors, forget: forget };
  }

  /* "{n} dots left" with n put in; one/other picks the form (fi and en share the rule). */
  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }
  function count(n, words) {
    return format(n === 1 ? words.one : words.other, { n: n });
  }
  var decimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  function mean(value) { return value === null || value === undefined ? "–" : decimal.format(value); }

  /* Dot glyphs: `on` filled, `off` hollow; aria-hidden, the text beside them speaks. */
  function dots(on, off, className) {
    var row = el("span", "dot-glyphs" + (className ? " " + className : ""));
    row.setAttribute("aria-hidden", "true");
    for (var i = 0; i < on; i++) row.appendChild(el("span", "glyph is-on"));
    for (var j = 0; j < off; j++) row.appendChild(el("span", "glyph"));
    return row;
  }

  /* Deleting asks in the card (static/js/ask.js), in place of the card's buttons: the
   * question, a red Delete (focused) and Cancel, each a full tap target. */
  var asker = window.Ask({
    box: "phone-ask",
    text: "phone-ask-text",
    yes: "button button-confirm-danger",
    no: "button",
    actions: "phone-ask-actions",
    cancel: i18n.cancel,
    yesLabel: function () { return i18n.delete; },
    hideRow: ".card-actions",
  });

  /* --- the store: practices, stories to pick from, rules, and whose is whose --- */
  var store = {
    phase: document.body.dataset.phase,
    practices: new Map(), // id -> practice JSON, in the server's order
    myIds: new Set(),
    stories: new Map(), // the visible story wall, for picking where a practice comes from
    storiesMore: false, // the snapshot left older stories out (fillStories fetches them)
    generation: 0, // bumped by every snapshot: a fetch for an older one is dropped
    myStoryIds: new Set(), // this phone's own stories (phone.js keeps it)
    voting: null,
    isPublic: false, // may this phone read everyone's practices?
    loaded: false, // the first snapshot has arrived
  };
  var listeners = [];
  function changed(what) { listeners.forEach(function (fn) { fn(what); }); }
  function listen(fn) { listeners.push(fn); }
  /* `fn(next, previous)` when the workshop moves to another phase (by an event, or a
   * snapshot after a reconnect), before the parts draw it. */
  var phaseListeners = [];
  function onPhase(fn) { phaseListeners.push(fn); }
  function enterPhase(next) {
    var previous = store.phase;
    store.phase = next;
    if (next !== previous) phaseListeners.forEach(function (fn) { fn(next, previous); });
  }

  function setPractices(list) {
    // A phone's own still-private practices are not in a list for everyone: keep them.
    var kept = [];
    store.practices.forEach(function (p, id) { if (store.myIds.has(id) && !store.isPublic) kept.push(p); });
    var ids = new Set(list.map(function (p) { return p.id; }));
    store.practices = new Map(list.concat(kept.filter(function (p) { return !ids.has(p.id); }))
      .sort(function (a, b) { return a.id - b.id; })
      .map(function (p) { return [p.id, p]; }));
  }
  function putPractice(practice, isMine) {
    if (isMine) store.myIds.add(practice.id);
    store.practices.set(practice.id, practice);
    changed("practices");
  }
  function dropPractice(id) {
    store.practices.delete(id);
    store.myIds.delete(id);
    changed("practices");
  }
  function setFlags(workshop) {
    store.isPublic = !workshop.private_writing || !!workshop.practices_revealed;
  }

  /* practice_*: the practice where this phone may read it, else null. */
  function practiceEvent(name) {
    return function (data) {
      var id = data.practice_id;
      if (data.practice) { putPractice(data.practice, false); return; }
      if (name === "posted") return; // someone's private practice; one's own arrives by HTTP
      if ((name === "updated" || name === "restored") && store.myIds.has(id)) return Live.RESYNC;
      if (store.practices.has(id)) dropPractice(id);
    };
  }
  /* The snapshot carries the room's newest stories and this phone's own; older ones come
   * a page at a time: `olderStories(before)` resolves to {stories, more}. */
  function olderStories(before) {
    var url = "/api/v1/workshops/" + encodeURIComponent(document.body.dataset.code) + "/stories";
    return api("GET", before ? url + "?before=" + before : url).then(function (response) {
      return response.ok ? response.json() : { stories: [], more: false };
    });
  }
  function oldestOf(stories, mine) {
    var ids = [];
    stories.forEach(function (s) { if (!mine.has(s.id)) ids.push(s.id); });
    return ids.length ? Math.min.apply(null, ids) : null;
  }
  /* Picking a practice's stories and voting on them need the whole wall: where the room
   * holds more than the snapshot, the rest is fetched, once per snapshot, in those steps. */
  var filling = false;
  function fillStories() {
    var onStories = store.phase === "voting" && store.voting && store.voting.on === "stories";
    if (!store.storiesMore || filling || (store.phase !== "practices" && !onStories)) return;
    var generation = store.generation;
    filling = true;
    function next(before) {
      return olderStories(before).then(function (page) {
        if (generation !== store.generation) return;
        page.stories.forEach(function (s) { if (!store.stories.has(s.id)) store.stories.set(s.id, s); });
        if (page.more && page.stories.length) return next(page.stories[0].id);
        store.storiesMore = false;
        store.stories = new Map(Array.from(store.stories.values())
          .sort(function (a, b) { return a.id - b.id; })
          .map(function (s) { return [s.id, s]; }));
        changed("stories");
      });
    }
    next(oldestOf(store.stories, store.myStoryIds)).then(
      function () { filling = false; },
      function () { filling = false; } // offline: the next snapshot tries again
    );
  }
  function setStories(list, more) {
    store.stories = new Map(list.map(function (s) { return [s.id, s]; }));
    store.storiesMore = Boolean(more);
    store.generation += 1;
  }

  function storyEvent(data) {
    if (data.story) store.stories.set(data.story.id, data.story);
    else store.stories.delete(data.story_id);
    changed("stories");
  }

  var storePart = {
    snapshot: function (state) {
      enterPhase(state.workshop.phase);
      setFlags(state.workshop);
      store.myIds = new Set(state.my_practice_ids || []);
      store.myStoryIds = new Set(state.my_story_ids || []);
      store.practices = new Map();
      setPractices(state.practices || []);
      setStories(state.stories || [], state.stories_more);
      store.voting = state.voting || null;
      store.loaded = true;
      changed("all");
      fillStories();
    },
    events: {
      phase_changed: function (data) {
        enterPhase(data.phase);
        setFlags(data);
        if (data.voting) store.voting = data.voting;
        if (data.stories) setStories(data.stories, data.stories_more);
        if (data.practices) setPractices(data.practices);
        changed("all");
        fillStories();
      },
      practice_posted: practiceEvent("posted"),
      practice_updated: practiceEvent("updated"),
      practice_restored: practiceEvent("restored"),
      practice_hidden: practiceEvent("hidden"),
      practice_deleted: practiceEvent("deleted"),
      practices_revealed: function (data) {
        store.isPublic = true;
        setPractices(data.practices);
        changed("practices");
      },
      practices_merged: function (data) {
        // The one that stays has the authors of both: a merged one of mine is mine there.
        var wasMine = store.myIds.has(data.merged);
        if (wasMine) { store.myIds.delete(data.merged); store.myIds.add(data.into); }
        store.practices.delete(data.merged);
        setPractices(data.practices);
        changed("practices");
        // While practices are private the list for everyone lacks the one that stayed:
        // this phone's own snapshot has it (it is one of its authors now).
        if (wasMine && !store.practices.has(data.into)) return Live.RESYNC;
      },
      voting_changed: function (data) { store.voting = data.voting; changed("voting"); fillStories(); },
      story_posted: storyEvent,
      story_updated: storyEvent,
      story_restored: storyEvent,
      story_hidden: storyEvent,
      story_deleted: storyEvent,
    },
  };

  /* --- parts on one connection --- */
  var parts = [storePart];
  function register(part) { parts.push(part); }

  function each(method, name, data) {
    var resync = false;
    parts.forEach(function (part) {
      var handler = name ? part[method] && part[method][name] : part[method];
      if (!handler) return;
      try {
        if (handler(data) === Live.RESYNC) resync = true;
      } catch (error) {
        console.error(error); // one part's fault must not stop the others: start over
        resync = true;
      }
    });
    return resync;
  }
  function names(method) {
    var all = {};
    parts.forEach(function (part) { Object.keys(part[method] || {}).forEach(function (n) { all[n] = true; }); });
    return Object.keys(all);
  }

  function start(code) {
    var events = {};
    names("events").forEach(function (name) {
      events[name] = function (data) { return each("events", name, data) ? Live.RESYNC : undefined; };
    });
    var unsequenced = {};
    names("unsequenced").forEach(function (name) {
      unsequenced[name] = function (data) { each("unsequenced", name, data); };
    });
    var socket = Live.connect({ role: "participant", code: code }, {
      snapshot: function (state) { each("snapshot", null, state); },
      events: events,
      unsequenced: unsequenced,
    });
    parts.forEach(function (part) { if (part.connected) part.connected(socket); });
    return socket;
  }

  window.PhoneKit = {
    i18n: i18n, code: document.body.dataset.code, lang: lang,
    load: load, save: save, newKey: newKey, api: api, whenFree: whenFree, format: format, count: count, mean: mean,
    formFeedback: formFeedback, outbox: outbox, ask: asker.ask, reask: asker.reask, closeAsk: asker.closeAsk,
    dots: dots,
    store: store, olderStories: olderStories, oldestOf: oldestOf, listen: listen, changed: changed, onPhase: onPhase, putPractice: putPractice, dropPractice: dropPractice,
    register: register, start: start,
  };
})();
