/* A story as a card, the same on every screen. User text is set as text; the
 * Markdown parts arrive as HTML the server already cleaned against an allowlist. */
(function () {
  "use strict";
  var words = window.Live.i18n;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function agencyMarker(value) {
    var marker = el("p", "agency agency-" + value);
    var dots = el("span", "agency-dots");
    dots.setAttribute("aria-hidden", "true");
    for (var i = 1; i <= 5; i++) dots.appendChild(el("span", i <= value ? "dot on" : "dot"));
    marker.appendChild(dots);
    marker.appendChild(el("span", "agency-label", words.agency[String(value)]));
    return marker;
  }

  // U+FE0F asks for the colour emoji, not a text font's outline of it.
  var REACTIONS = [["heart", "\u2764\ufe0f"], ["clap", "\ud83d\udc4f\ufe0f"], ["idea", "\ud83d\udca1\ufe0f"], ["wow", "\ud83d\ude2e\ufe0f"]];

  /* Counts for everyone; buttons, pressed or not, where the viewer may react. */
  function reactionRow(data, options) {
    var counts = data.reactions || {};
    var row = el("p", "reactions");
    REACTIONS.forEach(function (pair) {
      var kind = pair[0];
      var n = counts[kind] || 0;
      if (options.react) {
        var mine = options.react.mine(data.id).indexOf(kind) >= 0;
        var button = el("button", "reaction" + (mine ? " is-mine" : ""));
        button.type = "button";
        button.setAttribute("aria-pressed", String(mine));
        button.setAttribute("aria-label", words.reactions[kind] + ": " + n);
        button.appendChild(el("span", "reaction-emoji", pair[1]));
        button.appendChild(el("span", "reaction-count", String(n)));
        button.addEventListener("click", function () { options.react.toggle(data, kind, !mine); });
        row.appendChild(button);
      } else if (n > 0) {
        var badge = el("span", "reaction");
        badge.setAttribute("aria-label", words.reactions[kind] + ": " + n);
        badge.appendChild(el("span", "reaction-emoji", pair[1]));
        badge.appendChild(el("span", "reaction-count", String(n)));
        row.appendChild(badge);
      }
    });
    return row;
  }

  var lensNames = new Map(); // lens id -> name, set from each snapshot and lenses_changed
  function setLenses(lenses) {
    lensNames = new Map(lenses.map(function (lens) { return [lens.id, lens.name]; }));
  }

  function lensRow(data, options) {
    var row = el("p", "lenses");
    if (options.tag) {
      lensNames.forEach(function (name, id) {
        var on = (data.lens_ids || []).indexOf(id) >= 0;
        var button = el("button", "lens-toggle" + (on ? " is-on" : ""), name);
        button.type = "button";
        button.setAttribute("aria-pressed", String(on));
        button.addEventListener("click", function () { options.tag(data, id, !on); });
        row.appendChild(button);
      });
    } else {
      (data.lens_ids || []).forEach(function (id) {
        if (lensNames.has(id)) row.appendChild(el("span", "lens", lensNames.get(id)));
      });
    }
    return row;
  }

  function story(data, options) {
    options = options || {};
    var card = el("article", "story-card");
    card.dataset.storyId = data.id;
    if (data.is_hidden) card.classList.add("is-hidden");
    var head = el("header", "story-head");
    head.appendChild(el("h3", "story-title", data.title));
    var meta = el("p", "story-meta");
    meta.appendChild(el("span", "chip", words.channels[data.channel] || data.channel));
    if (data.place) meta.appendChild(el("span", "story-place", data.place));
    if (data.author) meta.appendChild(el("span", "story-author", data.author));
    if (data.is_hidden) meta.appendChild(el("span", "chip chip-warn", words.hidden));
    head.appendChild(meta);
    card.appendChild(head);
    card.appendChild(agencyMarker(data.agency));
    var body = el("div", "story-body");
    body.innerHTML = data.happened_html; // cleaned on the server (nh3 allowlist)
    card.appendChild(body);
    // How it was said shows on every card, the wall's too (the attitude is the first
    // lesson); there, short of room, as a quote under what happened, without its heading.
    (options.full ? ["staff_did", "manner", "could_do"] : ["manner"]).forEach(function (part) {
      if (!data[part + "_html"]) return;
      if (options.full) card.appendChild(el("h4", "story-part", words[part]));
      var partBody = el("div", "story-body story-" + part);
      partBody.innerHTML = data[part + "_html"];
      card.appendChild(partBody);
    });
    var lensesRow = lensRow(data, options);
    if (lensesRow.childNodes.length) card.appendChild(lensesRow);
    var reactions = reactionRow(data, options);
    if (reactions.childNodes.length) card.appendChild(reactions);
    return card;
  }

  /* Keep a list of cards in step with events: put (add or replace), drop, update. */
  function Wall(container, options) {
    this.container = container;
    this.options = options || {};
    this.data = new Map(); // story id -> the story as last heard
  }
  Wall.prototype.reset = function (stories) {
    var self = this;
    this.data = new Map(stories.map(function (s) { return [s.id, s]; }));
    this.container.replaceChildren.apply(
      this.container, stories.map(function (s) { return self.card(s); })
    );
  };
  Wall.prototype.redraw = function (id) {
    if (this.data.has(id)) this.put(this.data.get(id), false);
  };
  Wall.prototype.update = function (id, changes) {
    if (!this.data.has(id)) return;
    this.put(Object.assign({}, this.data.get(id), changes), false);
  };
  Wall.prototype.card = function (data) {
    var card = story(data, this.options);
    if (this.options.decorate) this.options.decorate(card, data);
    return card;
  };
  Wall.prototype.put = function (data, isNew) {
    this.data.set(data.id, data);
    var existing = this.container.querySelector('[data-story-id="' + data.id + '"]');
    var card = this.card(data);
    if (existing) {
      existing.replaceWith(card);
    } else {
      if (isNew) card.classList.add("arrive");
      this.container.appendChild(card);
    }
  };
  Wall.prototype.drop = function (id) {
    this.data.delete(id);
    var existing = this.container.querySelector('[data-story-id="' + id + '"]');
    if (existing) existing.remove();
  };
  Wall.prototype.count = function () { return this.container.children.length; };
  Wall.prototype.redrawAll = function () { this.reset(Array.from(this.data.values())); };

  // reactionRow: the same counts and buttons on any item with an id and `reactions`
  // (practices too: static/js/practices/*.js).
  window.Cards = { story: story, Wall: Wall, el: el, setLenses: setLenses, reactionRow: reactionRow };
})();
