/* The agency x ease map: each practice a circle at its mean ratings, in inline SVG.
 *
 *   var map = new PracticeMap(container, { words: {...} });
 *   map.update([{ id, label, title, agency, ease, weight, delay }], { sized: true });
 *
 * x is ease (1 hard .. 5 easy to start), y is agency (1 object .. 5 subject); the
 * quadrants split at 3. With `sized`, a circle's area follows its weight (dots);
 * without, every circle is the same size (the tally is hidden). Circles that would
 * overlap are nudged apart, so every label stays legible. Positions and sizes change
 * with a CSS transition (see .practice-map in app.css); `delay` (ms) staggers one.
 * With `large: true` (the projector) the words and numbers are set large enough to read
 * from the back row, and the plot gives them the room.
 * No library, no globals besides window.PracticeMap; usable on any screen.
 */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var SIZE = 1000; // the viewBox is SIZE user units high (and wide, but for the large map)
  var DOMAIN = [0.5, 5.5]; // a circle at 1 or 5 stays inside the plot
  var GAP = 6;
  // Sizes in user units: the plot, the circles (the smallest still fits a two-digit label),
  // the quadrant labels' font size (see .map-quadrant-label), where the ticks and titles sit.
  var NORMAL = {
    width: SIZE,
    plot: { left: 110, right: 975, top: 25, bottom: 890 },
    rEqual: 34, rMin: 27, rMax: 74, labelEm: 33, labelWidth: 0.72, tickX: 38, tickY: 22, titleX: 34, titleY: 18,
  };
  var LARGE = { // wider than tall: the quadrant names fit side by side at their size
    width: 1200,
    plot: { left: 160, right: 1185, top: 15, bottom: 840 },
    rEqual: 48, rMin: 42, rMax: 90, labelEm: 54, labelWidth: 0.58, tickX: 58, tickY: 18, titleX: 48, titleY: 14,
  };
  var PLOT = NORMAL.plot; // the geometry being drawn (set by each map before it draws)
  var R_EQUAL, R_MIN, R_MAX, LABEL_EM;
  function use(geo) {
    PLOT = geo.plot;
    R_EQUAL = geo.rEqual; R_MIN = geo.rMin; R_MAX = geo.rMax; LABEL_EM = geo.labelEm;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function x(value) {
    return PLOT.left + ((value - DOMAIN[0]) / (DOMAIN[1] - DOMAIN[0])) * (PLOT.right - PLOT.left);
  }
  function y(value) {
    return PLOT.bottom - ((value - DOMAIN[0]) / (DOMAIN[1] - DOMAIN[0])) * (PLOT.bottom - PLOT.top);
  }

  function PracticeMap(container, options) {
    this.container = container;
    this.words = (options && options.words) || {};
    this.geo = options && options.large ? LARGE : NORMAL;
    this.dots = new Map(); // id -> {group, circle, text, title}
    this.build();
  }

  PracticeMap.prototype.build = function () {
    var w = this.words;
    var geo = this.geo;
    use(geo);
    var root = svg("svg", {
      viewBox: "0 0 " + geo.width + " " + SIZE, class: "practice-map" + (geo === LARGE ? " is-large" : ""), role: "img",
      preserveAspectRatio: "xMidYMid meet",
    });
    if (w.title) {
      var id = "map-title-" + Math.random().toString(36).slice(2, 8);
      root.appendChild(svg("title", { id: id }, w.title));
      root.setAttribute("aria-labelledby", id);
    }
    var mid = { x: x(3), y: y(3) };
    // The quadrant worth starting now is tinted; the others stay paper.
    root.appendChild(svg("rect", {
      class: "map-plot", x: PLOT.left, y: PLOT.top,
      width: PLOT.right - PLOT.left, height: PLOT.bottom - PLOT.top,
    }));
    root.appendChild(svg("rect", {
      class: "map-quadrant-best", x: mid.x, y: PLOT.top,
      width: PLOT.right - mid.x, height: mid.y - PLOT.top,
    }));
    for (var v = 1; v <= 5; v++) {
      var major = v === 3 ? " map-axis-mid" : "";
      root.appendChild(svg("line", { class: "map-grid" + major, x1: x(v), x2: x(v), y1: PLOT.top, y2: PLOT.bottom }));
      root.appendChild(svg("line", { class: "map-grid" + major, x1: PLOT.left, x2: PLOT.right, y1: y(v), y2: y(v) }));
      root.appendChild(svg("text", { class: "map-tick", x: x(v), y: PLOT.bottom + geo.tickX, "text-anchor": "middle" }, String(v)));
      root.appendChild(svg("text", { class: "map-tick", x: PLOT.left - geo.tickY, y: y(v), "text-anchor": "end", "dominant-baseline": "central" }, String(v)));
    }
    var q = w.quadrants || {};
    var inset = 22;
    var self = this;
    this.labels = []; // boxes the circles keep clear of, so a label is never covered
    [
      ["start", PLOT.right - inset, PLOT.top + inset, "end", "hanging", " map-quadrant-label-best"],
      ["invest", PLOT.left + inset, PLOT.top + inset, "start", "hanging", ""],
      ["quick", PLOT.right - inset, PLOT.bottom - inset, "end", "auto", ""],
      ["leave", PLOT.left + inset, PLOT.bottom - inset, "start", "auto", ""],
    ].forEach(function (spec) {
      if (!q[spec[0]]) return;
      root.appendChild(svg("text", {
        class: "map-quadrant-label" + spec[5], x: spec[1], y: spec[2],
        "text-anchor": spec[3], "dominant-baseline": spec[4],
      }, q[spec[0]]));
      // Bold capitals with letter-spacing: about 0.72 em each (see .map-quadrant-label);
      // on the large map plain bold letters, about 0.6 em.
      var width = q[spec[0]].length * LABEL_EM * geo.labelWidth;
      var isTop = spec[4] === "hanging";
      self.labels.push({
        x0: spec[3] === "end" ? spec[1] - width : spec[1],
        x1: spec[3] === "end" ? spec[1] : spec[1] + width,
        y0: isTop ? spec[2] : spec[2] - LABEL_EM,
        y1: isTop ? spec[2] + LABEL_EM : spec[2],
        down: isTop,
      });
    });
    root.appendChild(svg("text", {
      class: "map-axis-title", x: (PLOT.left + PLOT.right) / 2, y: SIZE - geo.titleY, "text-anchor": "middle",
    }, (w.x || "") + " \u2192"));
    root.appendChild(svg("text", {
      class: "map-axis-title", x: 0, y: 0, "text-anchor": "middle",
      transform: "translate(" + geo.titleX + " " + (PLOT.top + PLOT.bottom) / 2 + ") rotate(-90)",
    }, (w.y || "") + " \u2192"));
    this.layer = svg("g", { class: "map-dots" });
    root.appendChild(this.layer);
    this.root = root;
    this.container.replaceChildren(root);
  };

  /* Where each circle goes: at its means, then pushed apart until none overlap. */
  function place(points, labels) {
    var nodes = points.map(function (p, i) {
      return { p: p, r: p.r, x: x(p.ease), y: y(p.agency), i: i };
    });
    function clearLabels(node) { // a circle over a corner label moves off it, away from the edge
      var shifted = false;
      labels.forEach(function (box) {
        var nearX = Math.max(box.x0, Math.min(node.x, box.x1));
        var nearY = Math.max(box.y0, Math.min(node.y, box.y1));
        var dx = node.x - nearX, dy = node.y - nearY;
        if (dx * dx + dy * dy >= (node.r + GAP) * (node.r + GAP) - 1) return;
        node.y = box.down ? box.y1 + node.r + GAP : box.y0 - node.r - GAP;
        shifted = true;
      });
      return shifted;
    }
    nodes.forEach(clearLabels);
    for (var round = 0; round < 80; round++) {
      var moved = false;
      for (var a = 0; a < nodes.length; a++) {
        for (var b = a + 1; b < nodes.length; b++) {
          var n = nodes[a], m = nodes[b];
          var dx = m.x - n.x, dy = m.y - n.y;
          var d = Math.sqrt(dx * dx + dy * dy);
          var need = n.r + m.r + GAP;
          if (d >= need) continue;
          if (d < 0.01) { // the same spot: fan out by index, the same way every time
            var angle = (b * 2.399963) % (2 * Math.PI);
            dx = Math.cos(angle); dy = Math.sin(angle); d = 1;
            var push0 = need / 2;
            n.x -= dx * push0; n.y -= dy * push0; m.x += dx * push0; m.y += dy * push0;
          } else {
            var push = (need - d) / 2 + 0.5;
            n.x -= (dx / d) * push; n.y -= (dy / d) * push;
            m.x += (dx / d) * push; m.y += (dy / d) * push;
          }
          moved = true;
        }
      }
      nodes.forEach(function (node) {
        node.x = Math.min(PLOT.right - node.r, Math.max(PLOT.left + node.r, node.x));
        node.y = Math.min(PLOT.bottom - node.r, Math.max(PLOT.top + node.r, node.y));
        if (clearLabels(node)) moved = true;
      });
      if (!moved) break;
    }
    return nodes;
  }

  function radius(point, sized, most) {
    if (!sized) return R_EQUAL;
    if (!point.weight) return R_MIN;
    return R_MIN + (R_MAX - R_MIN) * Math.sqrt(point.weight / Math.max(1, most));
  }

  /* Draw these points (those without both means are left off); keep the circles that stay. */
  PracticeMap.prototype.update = function (points, options) {
    var self = this;
    use(this.geo);
    var sized = Boolean(options && options.sized);
    var rated = points.filter(function (p) { return p.agency != null && p.ease != null; });
    var most = Math.max.apply(null, [1].concat(rated.map(function (p) { return p.weight || 0; })));
    rated.forEach(function (p) { p.r = radius(p, sized, most); });
    var seen = new Set();
    place(rated, this.labels).forEach(function (node) {
      var p = node.p;
      var key = String(p.id);
      seen.add(key);
      var dot = self.dots.get(key);
      if (!dot) {
        dot = { group: svg("g", { class: "map-dot is-new" }) };
        dot.group.dataset.practiceId = key;
        dot.circle = svg("circle", { cx: 0, cy: 0, r: p.r });
        dot.text = svg("text", { "text-anchor": "middle", "dominant-baseline": "central", class: "map-dot-label" });
        dot.title = svg("title");
        dot.group.append(dot.title, dot.circle, dot.text);
        dot.group.style.transform = "translate(" + node.x + "px," + node.y + "px)";
        self.layer.appendChild(dot.group);
        self.dots.set(key, dot);
      }
      var delay = (p.delay || 0) + "ms";
      dot.group.style.transitionDelay = delay;
      dot.circle.style.transitionDelay = delay;
      dot.group.style.transform = "translate(" + node.x.toFixed(1) + "px," + node.y.toFixed(1) + "px)";
      dot.circle.setAttribute("r", p.r.toFixed(1));
      dot.circle.style.r = p.r.toFixed(1) + "px";
      dot.group.classList.toggle("is-empty", sized && !p.weight);
      dot.group.classList.toggle("is-marked", Boolean(p.marked));
      dot.text.textContent = p.label;
      dot.title.textContent = p.title;
    });
    this.dots.forEach(function (dot, key) {
      if (!seen.has(key)) { dot.group.remove(); self.dots.delete(key); }
    });
    // The first frame is drawn without motion; later changes glide (CSS transitions).
    requestAnimationFrame(function () {
      self.dots.forEach(function (dot) { dot.group.classList.remove("is-new"); });
    });
    this.root.dataset.circles = String(rated.length);
    return rated.length;
  };

  /* A numbered key to the circles: label, then the practice's title; unrated ones say so. */
  PracticeMap.legend = function (list, points, words) {
    list.replaceChildren.apply(list, points.map(function (p) {
      var item = document.createElement("li");
      item.className = "map-legend-item";
      item.dataset.practiceId = p.id;
      var unrated = p.agency == null || p.ease == null;
      if (unrated) item.classList.add("is-unrated");
      var mark = document.createElement("span");
      mark.className = "map-legend-mark";
      mark.textContent = p.label;
      var title = document.createElement("span");
      title.className = "map-legend-title";
      title.textContent = p.title;
      item.append(mark, title);
      if (unrated && words && words.unrated) {
        var note = document.createElement("span");
        note.className = "map-legend-note";
        note.textContent = words.unrated;
        item.appendChild(note);
      }
      return item;
    }));
  };

  window.PracticeMap = PracticeMap;
})();
