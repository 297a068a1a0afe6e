/* Live connection shared by every screen.
 *
 * Authenticates at connect (the server refuses a bad credential), applies
 * events in seq order, asks for a snapshot when it sees a gap, and shows the
 * connection state. Delivery is at most once, so every (re)connect starts
 * from the snapshot the server sends.
 */
(function () {
  "use strict";

  function readI18n() {
    var el = document.getElementById("i18n");
    return el ? JSON.parse(el.textContent) : {};
  }

  var i18n = readI18n();
  /* A handler returns this when the change is easier to redraw from a fresh snapshot. */
  var RESYNC = "resync";

  function plural(n) {
    return n === 1 ? i18n.participant_one : i18n.participant_other;
  }

  function bump(el) {
    el.classList.remove("bump");
    void el.offsetWidth; // restart the animation
    el.classList.add("bump");
  }

  /* The activity parts of this screen (registered by ./core/screen.js): each gets the
   * snapshot and the events it names, and is told when its step begins and ends. */
  var runtime = {
    parts: [],
    socket: null,
    resync: function () {},
    state: null,
    phase: document.body.dataset.phase || "lobby",
    stepIndex: document.body.dataset.stepIndex === undefined ? null : Number(document.body.dataset.stepIndex),
    handles: function (name) {
      return runtime.parts.some(function (part) { return part.events && part.events[name]; });
    },
    show: function (part) { showViews(part); },
    add: function (part) {
      runtime.parts.push(part);
      showViews(part);
      if (runtime.state && part.snapshot) part.snapshot(runtime.state);
    },
    snapshot: function (state) {
      runtime.state = state;
      runtime.parts.forEach(function (part) { if (part.snapshot) part.snapshot(state); });
      runtime.move(state.workshop.phase, state.workshop.step_index, false);
    },
    event: function (name, data) {
      var wants = false;
      runtime.parts.forEach(function (part) {
        if (part.events && part.events[name] && part.events[name](data) === RESYNC) wants = true;
      });
      if (name === "phase_changed" && runtime.move(data.phase, data.step_index, true)) wants = true;
      return wants ? RESYNC : undefined;
    },
    unsequenced: function (name, data) {
      runtime.parts.forEach(function (part) {
        if (part.unsequenced && part.unsequenced[name]) part.unsequenced[name](data);
      });
    },
    /* The step moved: show each part's views of the phase, and tell the part that leaves
     * and the part that enters (when it moved live; a snapshot carries the whole state).
     * True when a part asks for a fresh snapshot. */
    move: function (phase, stepIndex, live) {
      var before = runtime.phase;
      var beforeStep = runtime.stepIndex;
      runtime.phase = phase;
      runtime.stepIndex = stepIndex === undefined ? null : stepIndex;
      var moved = before !== phase || beforeStep !== runtime.stepIndex;
      var wants = false;
      runtime.parts.forEach(function (part) {
        showViews(part);
        if (!live || !moved) return;
        if (before === part.key && part.leave) part.leave(part.ctx);
        if (phase === part.key && part.enter && part.enter(part.ctx) === RESYNC) wants = true;
      });
      loadPhaseModules(phase);
      return wants;
    },
  };

  /* A part's script that only some phases need (templates: _macros.html phase_module) is
   * fetched when the workshop first reaches one of them, live or found in a snapshot. The
   * part registers with the last snapshot, older than the events seen since, so a fresh
   * one is asked for once its module has run. A fetch that fails is tried again at the
   * next move or snapshot. */
  function loadPhaseModules(phase) {
    document.querySelectorAll("template[data-phase-module]").forEach(function (holder) {
      if (holder.dataset.phases.split(" ").indexOf(phase) < 0) return;
      var parent = holder.parentNode;
      holder.remove();
      import(holder.dataset.phaseModule).then(
        function () { runtime.resync(); },
        function () { parent.appendChild(holder); }
      );
    });
  }

  /* A part may show another view than the phase's (`view(phase)`): the projector shows
   * the results in place of the vote once the votes are revealed. */
  function showViews(part) {
    if (!part.root) return;
    var shown = part.view ? part.view(runtime.phase) : runtime.phase;
    part.root.querySelectorAll("[data-phase-view]").forEach(function (view) {
      view.hidden = view.dataset.phaseView.split(" ").indexOf(shown) < 0;
    });
  }

  function connect(auth, handlers) {
    var status = document.querySelector("[data-connection]");
    var banner = document.querySelector("[data-offline-banner]");
    var seq = -1;
    var resyncing = false;
    var bannerTimer = null;
    // Connected once the page's modules have run (./core/classic.js among them), so every
    // handler finds them; io() buffers anything emitted before.
    var socket = io({ auth: auth, reconnectionDelayMax: 4000, autoConnect: false });
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { socket.connect(); });
    } else {
      socket.connect();
    }

    /* The banner stays in view at the top; what else stays there (the phone's timer, its
     * dots bar) goes below it, never under it: they read its height from --offline-h. */
    function placeBanner() {
      var height = banner && !banner.hidden ? banner.offsetHeight : 0;
      document.documentElement.style.setProperty("--offline-h", height + "px");
    }
    window.addEventListener("resize", placeBanner);

    function show(state) {
      document.body.dataset.connectionState = state;
      if (status) {
        status.textContent = i18n[state] || "";
        status.className = status.className.replace(/\bis-\w+/g, "").trim() + " is-" + state;
      }
      if (!banner) return;
      clearTimeout(bannerTimer);
      if (state === "connected") {
        banner.hidden = true;
        placeBanner();
      } else {
        // A blip shorter than this is not worth alarming anyone about.
        bannerTimer = setTimeout(function () {
          banner.textContent = i18n[state] || banner.textContent;
          banner.hidden = false;
          placeBanner();
        }, state === "refused" ? 0 : 1500);
      }
    }

    var busyConnects = 0; // connects in a row refused because the server was busy
    socket.on("connect", function () { busyConnects = 0; show("connected"); });
    socket.on("disconnect", function (reason) {
      show(reason === "io server disconnect" ? "refused" : "reconnecting");
    });
    socket.on("connect_error", function (error) {
      var refusal = error && error.data;
      if (!socket.active && refusal && refusal.code === "rate_limited") {
        // Connected too often in a short time: the server says when to come back.
        show("reconnecting");
        setTimeout(function () { socket.connect(); }, 1000 * (Number(refusal.retry_after) || 5));
        return;
      }
      if (!socket.active && refusal && refusal.code === "busy") {
        // The database did not answer in time: come back later, later still if it stays so.
        show("reconnecting");
        setTimeout(function () { socket.connect(); }, backoff(refusal.retry_after, busyConnects++));
        return;
      }
      show(socket.active ? "reconnecting" : "refused");
    });

    /* Events that come while a snapshot is on its way are held, not dropped: the server
     * may build the snapshot before a change commits and send it after that change's
     * event. Those newer than the snapshot are applied after it, in order. */
    var held = [];
    var resyncAt = 0;

    function resync() {
      resyncing = true;
      resyncAt = Date.now();
      socket.emit("request_snapshot");
    }
    runtime.socket = socket;
    runtime.resync = resync;

    socket.on("snapshot", function (state) {
      resyncing = false;
      seq = state.seq;
      handlers.snapshot(state);
      runtime.snapshot(state);
      var later = held.filter(function (event) { return event.data.seq > seq; });
      held = [];
      later.sort(function (a, b) { return a.data.seq - b.data.seq; });
      later.forEach(function (event) { apply(event.name, event.data); });
    });

    /* A sequenced event: in order, or a resync on a gap. */
    function apply(name, data) {
      if (resyncing) {
        held.push({ name: name, data: data });
        return;
      }
      if (data.seq <= seq) return;
      if (data.seq !== seq + 1) {
        held.push({ name: name, data: data });
        resync();
        return;
      }
      seq = data.seq;
      // As for a gap: what comes next waits for the snapshot, or an older snapshot could
      // land after newer events and undo them.
      var own = handlers.events && handlers.events[name];
      var wants = own && own(data) === RESYNC;
      if (runtime.event(name, data) === RESYNC || wants) resync();
    }

    /* Each process sends its own connections the workshop's seq when it moved: an event
     * lost on the way between processes (a message queue outage) shows as a seq ahead of
     * ours, and a snapshot catches up with no further change in the room. A snapshot asked
     * for long ago and never answered is asked for again. */
    socket.on("heartbeat", function (beat) {
      if (seq < 0 || !beat || typeof beat.seq !== "number" || beat.seq <= seq) return;
      if (resyncing && Date.now() - resyncAt < 5000) return;
      resync();
    });

    /* Every event: the page's handler first, then the activity parts' (./core/screen.js).
     * An event with a seq is applied in order; one that no one on this screen handles is
     * left alone, as before the parts. Events without a seq (the tally on its tick,
     * notices to one person) each carry whole state, so the latest simply wins. */
    socket.onAny(function (name, data) {
      if (name === "snapshot" || name === "heartbeat") return;
      var own = handlers.events && handlers.events[name];
      if (!data || typeof data.seq !== "number" || !(own || runtime.handles(name))) {
        var plain = handlers.unsequenced && handlers.unsequenced[name];
        if (plain) plain(data);
        runtime.unsequenced(name, data);
        return;
      }
      apply(name, data);
    });

    // A phone back from the lock screen or a dead Wi-Fi: retry at once.
    window.addEventListener("online", function () { if (!socket.connected) socket.connect(); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && !socket.connected && socket.active === false) {
        socket.connect();
      }
    });
    return socket;
  }

  /* Milliseconds to wait before sending again what the server answered "busy": its
   * retry_after (seconds), doubled for each busy answer in a row up to 30 s, and up to half
   * as long again at random, so a room of phones does not come back all at once. */
  function backoff(retryAfter, tries) {
    var base = Math.max(100, 1000 * (Number(retryAfter) || 2));
    var wait = Math.min(30000, base * Math.pow(2, Math.min(tries || 0, 8)));
    return wait * (1 + Math.random() / 2);
  }

  /* A client-generated idempotency key: 128 random bits as hex. */
  function newKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes); // randomUUID needs https; venue LANs are http
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  /* Call the JSON API with the page's CSRF token, in the page's language; the raw fetch. */
  function request(method, url, payload) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": meta ? meta.content : "",
        "Accept-Language": document.documentElement.lang || "fi",
      },
      body: payload === undefined || payload === null ? undefined : JSON.stringify(payload),
    });
  }

  window.Live = {
    connect: connect, i18n: i18n, plural: plural, bump: bump, RESYNC: RESYNC,
    newKey: newKey, request: request, runtime: runtime, backoff: backoff,
  };
})();
