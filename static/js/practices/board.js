/* The projector's practices board: the practices as whole cards, each with how many stories
 * it comes from, in pages that turn (../core/pager.js); only a count while they are private. */
import { format } from "../core/format.js";
import { el } from "../core/dom.js";
import { Pager, fitCard } from "../core/pager.js";

/** "from 3 stories" (words.trace_one / trace_other): `name` of a one/other pair with {count}. */
export function counted(words, name, n) {
  return format(words[name + (n === 1 ? "_one" : "_other")], { count: n });
}

/* On the projector the trace is a count; the titles are on the phones. */
function trace(practice, words) {
  const count = (practice.stories || []).length;
  return count ? el("p", "board-trace", counted(words, "trace", count)) : null;
}

export class PracticeBoard {
  constructor(section, words) {
    this.section = section;
    this.words = words;
    this.count = section.querySelector("[data-practices-count]");
    this.basis = section.querySelector("[data-practices-basis]");
    this.privateBox = section.querySelector("[data-practices-private]");
    this.privateCount = section.querySelector("[data-practices-private-count]");
    this.privateLabel = section.querySelector("[data-practices-private-label]");
    this.cards = section.querySelector("[data-practice-cards]");
    this.pager = new Pager(this.cards, section.querySelector("[data-practices-page]"), {
      words,
      prepare: (card) => fitCard(card, { ".board-card-title": 2, ".board-card-body": 3 }),
    });
    this.data = new Map(); // id -> practice JSON this screen may read
    this.privateIds = new Set(); // practices we heard of but may not read (not revealed yet)
    this.serverCount = null;
    // Whether this screen has seen every private practice arrive (it watched the phase
    // begin). A snapshot has no count of others' private practices, so after a reload the
    // screen shows no number rather than a wrong one.
    this.hasWatched = false;
    this.isPublic = true;
  }

  list() {
    return Array.from(this.data.values()).sort((a, b) => a.id - b.id);
  }

  card(practice, isNew) {
    const card = el("article", "board-card" + (isNew ? " arrive" : ""));
    card.dataset.practiceId = practice.id;
    // Once: a page turn that shows the card again must not replay its arrival.
    card.addEventListener("animationend", () => card.classList.remove("arrive"));
    card.appendChild(el("h3", "board-card-title", practice.title));
    if (practice.description_html) {
      const body = el("div", "board-card-body");
      body.innerHTML = practice.description_html; // cleaned on the server (nh3 allowlist)
      card.appendChild(body);
    }
    const line = trace(practice, this.words);
    if (line) card.appendChild(line);
    return card;
  }

  /** Replace everything: a snapshot, a reveal, a merge, entering voting. */
  reset(practices, isPublic, serverCount) {
    this.data = new Map(practices.map((p) => [p.id, p]));
    if (isPublic) this.privateIds.clear();
    this.isPublic = isPublic;
    this.setCount(serverCount);
    this.cards.replaceChildren(...this.list().map((p) => this.card(p, false)));
    this.render();
  }

  put(practice, isNew) {
    this.data.set(practice.id, practice);
    this.privateIds.delete(practice.id);
    const card = this.card(practice, isNew);
    const existing = this.cards.querySelector(`[data-practice-id="${practice.id}"]`);
    if (existing) existing.replaceWith(card);
    else this.cards.appendChild(card);
    this.render(isNew ? card : null);
  }

  drop(id, stillExists) {
    this.data.delete(id);
    if (!stillExists) this.privateIds.delete(id);
    const existing = this.cards.querySelector(`[data-practice-id="${id}"]`);
    if (existing) existing.remove();
    this.render();
  }

  /** A practice this screen may not read yet (private until the reveal): count it only. */
  countPrivate(id) {
    this.privateIds.add(id);
    this.drop(id, true);
  }

  total() {
    if (this.serverCount !== null) return this.serverCount;
    return this.data.size + this.privateIds.size;
  }

  /** The count from the server, when an event or snapshot carries one. */
  setCount(count) {
    if (typeof count === "number") this.serverCount = count;
  }

  render(newcomer) {
    const words = this.words;
    const total = this.total();
    this.count.textContent = format(words.practices_count, { count: total });
    const stories = new Set();
    this.data.forEach((p) => (p.story_ids || []).forEach((id) => stories.add(id)));
    this.basis.textContent = stories.size ? counted(words, "basis", stories.size) : "";
    const isCounted = this.serverCount !== null || this.hasWatched;
    this.privateCount.textContent = total;
    this.privateLabel.textContent = total === 1 ? words.proposals_one : words.proposals_other;
    this.privateCount.hidden = this.privateLabel.hidden = !isCounted;
    this.section.classList.toggle("is-private", !this.isPublic);
    this.privateBox.hidden = this.isPublic;
    this.cards.hidden = !this.isPublic;
    this.relayout(newcomer);
  }

  /** Page again (the cards or the screen changed); show the page a newcomer is on. */
  relayout(newcomer) {
    if (this.cards.hidden || !this.cards.offsetParent) return;
    this.pager.layout();
    if (newcomer) this.pager.go(this.pager.pageOf(newcomer));
    if (!this.pager.running) this.pager.start();
  }
}
