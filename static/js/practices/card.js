/* A practice as a card on a phone, the same in every list there: the practices' own, the
 * voting's, the results'. Its words are the practices part's (templates/practices/phone.html),
 * on every phone page whatever the plan. */
import { el } from "../core/dom.js";
import { plural } from "../core/format.js";

let words = null;
function said() {
  if (!words) {
    const script = document.querySelector('script[data-i18n-part="practices"]');
    words = script ? JSON.parse(script.textContent) : {};
  }
  return words;
}

/** "From 2 stories: A, B", or null when no story is linked. */
export function trace(practice) {
  const linked = practice.stories || [];
  if (!linked.length) return null;
  const line = el("p", "trace");
  line.appendChild(el("span", "trace-label", plural(said().trace, linked.length)));
  line.appendChild(document.createTextNode(" " + linked.map((s) => s.title).join(", ")));
  return line;
}

/** A practice as a card ({short, className, heading}). User text is set as text; the
 * description arrives as HTML the server already cleaned against an allowlist. */
export function practiceCard(practice, options = {}) {
  const card = el("article", "practice-card" + (options.className ? " " + options.className : ""));
  card.dataset.practiceId = practice.id;
  card.appendChild(el(options.heading || "h3", "practice-title", practice.title));
  const by = practice.by_facilitator ? said().by_facilitator : (practice.authors || []).join(", ");
  if (by) card.appendChild(el("p", "practice-by", by));
  if (practice.description_html) {
    const body = el("div", "practice-body" + (options.short ? " is-short" : ""));
    body.innerHTML = practice.description_html;
    card.appendChild(body);
  }
  const line = trace(practice);
  if (line) card.appendChild(line);
  return card;
}
