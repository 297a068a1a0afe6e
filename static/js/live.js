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

  function connect(auth, handlers) {
    var status = document.querySelector("[data-connection]");
    var banner = document.querySelector("[data-offline-banner]");
    var seq = -1;
    var resyncing = false;
    var bannerTimer = null;
    var socket = io({ auth: auth, reconnectionDelayMax: 4000 });

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

    socket.on("connect", function () { show("connected"); });
    socket.on("disconnect", function (reason) {
      show(reason === "io server disconnect" ? "refused" : "reconnecting");
    });
    socket.on("connect_error", function () {
      show(socket.active ? "reconnecting" : "refused");
    });

    socket.on("snapshot", function (state) {
      resyncing = false;
      seq = state.seq;
      handlers.snapshot(state);
    });

    Object.keys(handlers.events || {}).forEach(function (name) {
      socket.on(name, function (data) {
        if (resyncing || data.seq <= seq) return;
        if (data.seq !== seq + 1) {
          resyncing = true;
          socket.emit("request_snapshot");
          return;
        }
        seq = data.seq;
        if (handlers.events[name](data) === RESYNC) {
          // As for a gap: nothing more until the snapshot, or an older snapshot could
          // land after newer events and undo them.
          resyncing = true;
          socket.emit("request_snapshot");
        }
      });
    });

    // Events outside the seq (the tally on its tick, notices to one person): each
    // carries whole state, so the latest simply wins.
    Object.keys(handlers.unsequenced || {}).forEach(function (name) {
      socket.on(name, handlers.unsequenced[name]);
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
    newKey: newKey, request: request,
  };
})();
