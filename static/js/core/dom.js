/* Small pieces of the page, written once for every screen: an element with its class and
 * text, and the dots as glyphs (filled: placed; hollow: left or on their way). */

/** An element with a class and a text; the text is set as text, never as HTML. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** A row of dot glyphs, `on` filled and `off` hollow; aria-hidden: the text beside it speaks. */
export function dotGlyphs(on, off, className) {
  const row = el("span", "dot-glyphs" + (className ? " " + className : ""));
  row.setAttribute("aria-hidden", "true");
  for (let i = 0; i < on; i++) row.appendChild(el("span", "glyph is-on"));
  for (let i = 0; i < off; i++) row.appendChild(el("span", "glyph"));
  return row;
}
