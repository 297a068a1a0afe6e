/* One way to build a screen: an activity registers its part of this screen (the projector,
 * a phone or the control page) and gets the live connection's snapshot and the events it
 * names, in seq order, after the page's own handlers (../live.js does the ordering).
 *
 *   const ctx = register("wordcloud", {
 *     snapshot(state) {},            // every (re)connect and every resync
 *     events: { phase_changed(data) {} },   // sequenced; return ctx.RESYNC to resync
 *     unsequenced: { cloud(data) {} },      // whole state on a tick; the latest wins
 *     enter(ctx) {}, leave(ctx) {},  // its step began or ended, live
 *     view(phase) {},                // optional: the view it shows now, if not the phase's
 *   });
 *
 * The part's markup is `[data-part="<key>"]` (templates/<key>/<screen>.html); within it,
 * `[data-phase-view]` sections are shown while the workshop is in that phase, and
 * `<script type="application/json" data-i18n-part="<key>">` holds its words. */

const live = window.Live;

function readWords(key) {
  const el = document.querySelector(`script[data-i18n-part="${key}"]`);
  return el ? JSON.parse(el.textContent) : {};
}

export function register(key, handlers) {
  const root = document.querySelector(`[data-part="${key}"]`);
  const runtime = live.runtime;
  let part = null;
  const ctx = {
    key,
    root,
    screen: document.body.dataset.screen,
    words: readWords(key),
    RESYNC: live.RESYNC,
    request: live.request,
    newKey: live.newKey,
    get socket() { return runtime.socket; },
    emit(name, data, ack) { runtime.socket.emit(name, data, ack); },
    phase() { return runtime.phase; },
    stepIndex() { return runtime.stepIndex; },
    isActive() { return runtime.phase === key; },
    resync() { runtime.resync(); },
    // Show the part's views again, now: its `view()` changed (before it draws in them).
    showViews() { if (part) runtime.show(part); },
  };
  part = { ...handlers, key, root, ctx };
  // After the module's own top level has run: a snapshot already here is replayed then.
  queueMicrotask(() => runtime.add(part));
  return ctx;
}
