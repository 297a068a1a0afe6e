/* The projector's page turner of whole items (cards, rows, lines of a key): each page holds
 * the items that fit the box's height, pages turn on a timer or by the clicker, and the
 * page number takes its own room. Texts are fitted to their lines first, to whole words
 * (static/js/projector-fit.js). The same turner as ProjectorPractices.Pager, as a module. */
import { format } from "./format.js";

export class Pager {
  constructor(container, line, options) {
    this.container = container;
    this.line = line;
    this.words = options.words;
    this.seconds = options.seconds || 12;
    this.firstSeconds = options.firstSeconds || this.seconds;
    this.prepare = options.prepare || null; // fits an item's text before it is measured
    this.pages = [];
    this.page = 0;
    this.timer = null;
    this.running = false;
  }

  layout() {
    const items = Array.from(this.container.children);
    items.forEach((item) => { item.hidden = false; });
    if (this.prepare) this.fit(items);
    // Measure with the page number in its place: it takes its own room, never the items'.
    this.line.hidden = false;
    if (!this.line.textContent) this.line.textContent = "\u00a0";
    const style = getComputedStyle(this.container);
    const padTop = parseFloat(style.paddingTop) || 0;
    const height = this.container.clientHeight - (parseFloat(style.paddingBottom) || 0);
    const top = this.container.getBoundingClientRect().top;
    // Group into visual rows (a grid puts several items on one), then rows into pages.
    const rows = [];
    items.forEach((item) => {
      const box = item.getBoundingClientRect();
      const row = rows[rows.length - 1];
      if (row && Math.abs(row.top - (box.top - top)) < 2) {
        row.items.push(item);
        row.bottom = Math.max(row.bottom, box.bottom - top);
      } else {
        rows.push({ items: [item], top: box.top - top, bottom: box.bottom - top });
      }
    });
    const pages = [];
    let start = 0;
    rows.forEach((row) => {
      let page = pages[pages.length - 1];
      if (!page || (height > 0 && row.bottom - start > height && page.length)) {
        page = [];
        pages.push(page);
        start = pages.length === 1 ? 0 : row.top - padTop;
      }
      page.push(...row.items);
    });
    this.pages = pages.length ? pages : [[]];
    if (this.page >= this.pages.length) this.page = 0;
    this.show();
  }

  /* Fit the items' texts, once per width of the box; many at once are fitted one at a
   * time alone in the box, so each step lays out one item, not all of them. */
  fit(items) {
    const key = String(this.container.clientWidth);
    const pending = items.filter((item) => item.dataset.fitKey !== key);
    if (!pending.length) return;
    const alone = pending.length > 3;
    if (alone) items.forEach((item) => item.remove());
    pending.forEach((item) => {
      if (alone) this.container.appendChild(item);
      this.prepare(item);
      item.dataset.fitKey = key;
      if (alone) item.remove();
    });
    if (alone) this.container.append(...items);
  }

  show() {
    const current = new Set(this.pages[this.page]);
    Array.from(this.container.children).forEach((item) => { item.hidden = !current.has(item); });
    const count = this.pages.length;
    this.line.hidden = count < 2;
    this.line.textContent = format(this.words.page, { page: this.page + 1, pages: count });
  }

  /* The page an item is on (a newcomer's, to show it); the first if none. */
  pageOf(item) {
    const index = this.pages.findIndex((page) => page.includes(item));
    return index < 0 ? 0 : index;
  }

  go(page) {
    this.page = page;
    this.show();
    if (this.running) this.start();
  }

  /* Turn pages on a timer; the first page stays longer (the results' top). */
  start() {
    this.running = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.page = (this.page + 1) % this.pages.length;
      this.show();
      this.start();
    }, (this.page === 0 ? this.firstSeconds : this.seconds) * 1000);
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
  }

  /* The clicker: one page on or back; false when there is nothing to turn. */
  turn(step) {
    if (this.pages.length < 2 || !this.container.offsetParent) return false;
    this.go((this.page + step + this.pages.length) % this.pages.length);
    return true;
  }
}

/** Fit a card's texts to their lines ({selector: lines}): whole words, never a cut line. */
export function fitCard(card, limits) {
  Object.keys(limits).forEach((selector) => {
    card.querySelectorAll(selector).forEach((node) => window.ProjectorFit.lines(node, limits[selector]));
  });
}
