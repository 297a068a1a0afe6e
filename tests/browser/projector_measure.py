"""Measurements of what the projector shows: the smallest rendered font, and text that is cut.

Each function runs in the page and looks only at what a person in the room can see: text
with a box on the screen, not hidden, not fully clipped away, not covered by an overlay
(the spotlight, the QR code). SVG text counts at its size on the screen (its font size
times the SVG's scale), so the voting map is measured as the room sees it.
"""

from __future__ import annotations

# Shared by both measurements: which text lines are on the screen, and how they are clipped.
_LINES = """
const viewport = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
const LAYERS = '.spotlight, .qr-overlay, .projector-deleted';
function intersect(a, b) {
  return {left: Math.max(a.left, b.left), top: Math.max(a.top, b.top),
          right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom)};
}
function area(r) { return Math.max(0, r.right - r.left) * Math.max(0, r.bottom - r.top); }
function clipOf(el) {
  // The box that the element's overflow-clipping ancestors and the viewport leave visible.
  let clip = viewport;
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
      const b = a.getBoundingClientRect();
      const inner = {left: b.left + a.clientLeft, top: b.top + a.clientTop,
                     right: b.left + a.clientLeft + a.clientWidth,
                     bottom: b.top + a.clientTop + a.clientHeight};
      clip = intersect(clip, inner);
    }
  }
  return clip;
}
function shown(el) {
  for (let a = el; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.display === 'none' || s.visibility !== 'visible' || parseFloat(s.opacity) === 0) return false;
  }
  return true;
}
function describe(el) {
  const parts = [];
  for (let a = el; a && a !== document.body && parts.length < 4; a = a.parentElement) {
    const cls = (a.getAttribute('class') || '').trim().split(/\\s+/).filter(Boolean)[0];
    parts.unshift(a.tagName.toLowerCase() + (cls ? '.' + cls : ''));
  }
  return parts.join(' > ');
}
function covered(el, rect) {
  // Under an overlay (the spotlight over the wall): the point hits another layer.
  const x = Math.min(Math.max((rect.left + rect.right) / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max((rect.top + rect.bottom) / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  if (!hit) return false;
  const mine = el.closest(LAYERS), theirs = hit.closest(LAYERS);
  if (mine === theirs) return false;
  // The timer stays above the overlays: it is its own layer.
  return !(el.closest('[data-timer]') && !theirs);
}
function lines() {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || el.closest('script, style, template, noscript, title, desc')) continue;
    if (!shown(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 0.5 && r.height > 0.5);
    if (!rects.length) continue;
    const clip = clipOf(el);
    const seen = rects.filter(r => area(intersect(r, clip)) > 0 && !covered(el, r));
    if (!seen.length) continue;  // wholly clipped away or under an overlay: not on the screen
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el.closest('svg')) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    const heading = Boolean(el.closest('h1, h2, [role="heading"]'));
    const cut = seen.filter(r => {
      const v = intersect(r, clip);
      return (v.bottom - v.top) < (r.bottom - r.top) - 1 || (v.right - v.left) < (r.right - r.left) - 1;
    }).length > 0;
    out.push({size: Math.round(size * 10) / 10, heading, cut, text: text.slice(0, 60), where: describe(el), el, rects: seen});
  }
  return out;
}
"""

FONTS = (
    """() => {"""
    + _LINES
    + """
  return lines().map(({el, rects, ...line}) => line);
}"""
)

# Cards and text boxes: overflowing boxes, cut lines, cards off the screen, page numbers over cards.
CLIPPING = (
    """(cards) => {"""
    + _LINES
    + """
  const problems = [];
  const all = lines();
  all.filter(l => l.cut).forEach(l => problems.push('cut line: ' + l.where + ' "' + l.text + '"'));
  // No text drawn over another (a third of a line's height is more than glyphs reaching out).
  const boxes0 = all.flatMap(l => l.rects.map(r => ({l, r})));
  for (let i = 0; i < boxes0.length; i++) {
    for (let j = i + 1; j < boxes0.length; j++) {
      const a = boxes0[i], b = boxes0[j];
      if (a.l.el === b.l.el) continue;
      const v = intersect(a.r, b.r);
      const h = v.bottom - v.top, w = v.right - v.left;
      if (w > 2 && h > Math.min(a.r.height, b.r.height) / 3) {
        problems.push('text over text: "' + a.l.text + '" / "' + b.l.text + '"');
      }
    }
  }
  const boxes = [...document.querySelectorAll(cards)].filter(c => shown(c) && c.getClientRects().length);
  boxes.forEach(card => {
    const r = card.getBoundingClientRect();
    const clip = clipOf(card);
    if (r.top < clip.top - 1 || r.bottom > clip.bottom + 1 || r.left < clip.left - 1 || r.right > clip.right + 1) {
      // A card on another page of a paged box is wholly out of sight: not on the screen.
      if (area(intersect(r, clip)) > 0) problems.push('card not whole: ' + describe(card));
      return;
    }
    [card, ...card.querySelectorAll('*')].forEach(box => {
      if (!shown(box) || box.closest('svg')) return;
      if (box.scrollHeight > box.clientHeight + 1 && getComputedStyle(box).overflowY !== 'visible') {
        problems.push('box overflows (' + box.scrollHeight + ' > ' + box.clientHeight + '): ' + describe(box));
      }
    });
  });
  const onScreen = boxes.filter(c => area(intersect(c.getBoundingClientRect(), clipOf(c))) > 0);
  document.querySelectorAll('[data-page-line], [data-wall-page], [data-practices-page], [data-standings-page], .projector-examples-page').forEach(line => {
    if (!shown(line) || !line.textContent.trim()) return;
    const p = line.getBoundingClientRect();
    if (covered(line, p)) return;  // under the spotlight: not on the screen
    onScreen.forEach(card => {
      if (card.contains(line) || line.contains(card)) return;
      const v = intersect(p, card.getBoundingClientRect());
      if (v.right - v.left > 1 && v.bottom - v.top > 1) {
        problems.push('page number over a card: ' + line.textContent + ' / ' + describe(card));
      }
    });
  });
  return problems;
}"""
)

#: What counts as a card or a text box on the projector.
CARDS = (
    "[data-wall] .story-card, .board-card, .standing-row, .map-legend-item, "
    ".spotlight .story-card, .spotlight-pages, .projector-example, .projector-examples-stage, "
    ".practice-spot"
)


def smallest_fonts(page, body_min: float, heading_min: float) -> tuple[float, list[dict]]:
    """Return the smallest visible font size and the texts under the limits."""
    lines = page.evaluate(FONTS)
    assert lines, "no visible text measured"
    offenders = [
        line
        for line in lines
        if line["size"] < (heading_min if line["heading"] else body_min) - 0.05
    ]
    return min(line["size"] for line in lines), offenders


def clipping(page) -> list[str]:
    """Return what is clipped on the page now: cut lines, overflowing cards, page numbers on cards."""
    return page.evaluate(CLIPPING, CARDS)
