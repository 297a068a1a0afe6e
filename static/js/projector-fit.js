/* Projector: text that fits without shrinking. The back row needs every letter at full
 * size (>= 32 px at 1920x1080), so a text longer than its room is either shortened to
 * whole words with an ellipsis (a card's title or first lines: the whole text is on the
 * phones) or laid out in pages that turn (a spotlighted story: it is shown whole). No line
 * is ever cut in half. Also the presenter's clicker: PageDown / PageUp turn the pages. */
(function () {
  "use strict";
  var ELLIPSIS = "\u2026";
  var fitted = new WeakMap(); // element -> {full: its whole HTML, shown: what fitting left}

  function lineHeight(el) {
    var style = getComputedStyle(el);
    var value = parseFloat(style.lineHeight);
    return isNaN(value) ? parseFloat(style.fontSize) * 1.2 : value;
  }

  function textNodes(el) {
    var nodes = [];
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) nodes.push(node);
    return nodes;
  }

  /* Keep the first `count` characters of the element's text (at a word's end), drop the
   * rest, markup and all, and end with an ellipsis. */
  function cut(el, count) {
    var nodes = textNodes(el);
    var left = count;
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node.textContent.length < left) { left -= node.textContent.length; continue; }
      var kept = node.textContent.slice(0, left);
      var space = kept.search(/\s\S*$/);
      if (space > 0) kept = kept.slice(0, space);
      node.textContent = kept.replace(/[\s,.;:\u2013-]+$/, "") + ELLIPSIS;
      var rest = document.createRange();
      rest.setStartAfter(node);
      rest.setEnd(el, el.childNodes.length);
      rest.deleteContents();
      return;
    }
  }

  /* Shorten the element's text, if it must, to at most `lines` lines; return whether it did.
   * The element keeps its whole text for the next fitting (another width, another size). */
  function lines(el, maxLines) {
    var state = fitted.get(el);
    // Fitted before and untouched since: start again from the whole text; else the
    // element got new content, which is now the whole text.
    if (state && el.innerHTML === state.shown) el.innerHTML = state.full;
    else fitted.set(el, (state = { full: el.innerHTML, shown: null }));
    // Half a line of slack: glyphs may reach a little past their line boxes.
    var room = (maxLines + 0.5) * lineHeight(el);
    if (el.scrollHeight <= room) { state.shown = el.innerHTML; return false; }
    var total = el.textContent.length;
    var low = 0;
    var high = total;
    // The longest start that fits: a binary search over the characters kept.
    while (high - low > 1) {
      var middle = Math.floor((low + high) / 2);
      el.innerHTML = state.full;
      cut(el, middle);
      if (el.scrollHeight <= room) low = middle;
      else high = middle;
    }
    el.innerHTML = state.full;
    cut(el, low);
    state.shown = el.innerHTML;
    return true;
  }

  /* Pages of one flowing text: the flow is set in columns as wide as its box, and the box
   * shows one column at a time. A line box never splits between columns, so no line is cut.
   *
   *   var pages = new Pages(box, flow, line, { words, seconds });
   *   pages.layout();   // after the content or the screen changed
   */
  function Pages(box, flow, line, options) {
    this.box = box;
    this.flow = flow;
    this.line = line;
    this.options = options || {};
    this.count = 1;
    this.page = 0;
    this.timer = null;
  }

  Pages.prototype.gap = function () { return Math.round(this.box.clientWidth * 0.08); };

  Pages.prototype.layout = function () {
    var box = this.box;
    var flow = this.flow;
    box.classList.remove("is-paged");
    flow.style.columnWidth = flow.style.columnGap = flow.style.transform = "";
    var fits = !box.offsetParent || (this.options.fits ? this.options.fits() : box.scrollHeight <= box.clientHeight + 1);
    if (fits) {
      this.count = 1;
    } else {
      box.classList.add("is-paged");
      var width = box.clientWidth;
      var gap = this.gap();
      flow.style.columnWidth = width + "px";
      flow.style.columnGap = gap + "px";
      var left = flow.getBoundingClientRect().left;
      var range = document.createRange();
      range.selectNodeContents(flow);
      var right = 0;
      Array.prototype.forEach.call(range.getClientRects(), function (r) { right = Math.max(right, r.right - left); });
      this.count = Math.max(1, Math.ceil((right - 1) / (width + gap)));
    }
    if (this.page >= this.count) this.page = 0;
    this.show();
  };

  Pages.prototype.show = function () {
    var offset = this.page * (this.box.clientWidth + this.gap());
    this.flow.style.transform = this.count > 1 ? "translateX(" + -offset + "px)" : "";
    if (this.line) {
      this.line.hidden = this.count < 2;
      this.line.textContent = this.count < 2 ? "" : format(this.options.words.page, { page: this.page + 1, pages: this.count });
    }
    this.schedule();
  };

  Pages.prototype.go = function (page) {
    this.page = (page + this.count) % this.count;
    this.show();
  };
  Pages.prototype.next = function () { if (this.count < 2) return false; this.go(this.page + 1); return true; };
  Pages.prototype.prev = function () { if (this.count < 2) return false; this.go(this.page - 1); return true; };

  Pages.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    if (this.count < 2 || !this.options.seconds) return;
    this.timer = setTimeout(function () { self.go(self.page + 1); }, this.options.seconds * 1000);
  };
  Pages.prototype.stop = function () { clearTimeout(this.timer); };

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (_m, name) { return values[name]; });
  }

  /* The presenter's clicker: its keys turn the pages of what the room looks at. The first
   * turner that turns something wins; `first` puts one before the others (the spotlight,
   * which lies over every step). */
  var turners = [];
  function onTurn(fn, first) {
    if (first) turners.unshift(fn);
    else turners.push(fn);
  }
  document.addEventListener("keydown", function (event) {
    var forward = ["PageDown", "ArrowRight", "ArrowDown", " "].indexOf(event.key) >= 0;
    var back = ["PageUp", "ArrowLeft", "ArrowUp"].indexOf(event.key) >= 0;
    if (!forward && !back) return;
    for (var i = 0; i < turners.length; i++) {
      if (turners[i](forward ? 1 : -1)) { event.preventDefault(); return; }
    }
  });

  window.ProjectorFit = { lines: lines, Pages: Pages, onTurn: onTurn, format: format };
})();
