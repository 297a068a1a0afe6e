/* A step's setting that is a short list of texts (a pulse's 3–5 statements): one field per
 * item, each with its own error line ("steps.0.settings.statements.2"), items added up to
 * the most and removed down to the fewest, the whole list's error above them. A step that
 * has run keeps its list as it is (the answers were given to those words). */
import { format } from "../core/format.js";
import { button, el, field, forget, glyph, hooks, note, textInput, words } from "./dom.js";

const FEWEST = 3;
const MOST = 5;

/** The value a new step's setting starts with: the default in the design's language for a
 * setting said in words (a copy, to edit), else the default. */
export function startingValue(setting, language) {
  if (setting.defaults) return [...(setting.defaults[language] || Object.values(setting.defaults)[0] || [])];
  return setting.default;
}

/** The list's fields, bound to `items` (changed in place). */
export function listField(key, label, items, { disabled, max } = {}) {
  const list = el("ol", { class: "ed-list-items" });
  const add = button([glyph("+"), " ", words.add_item], () => {
    items.push("");
    hooks.changed();
    draw(items.length - 1);
  }, { disabled });

  function draw(focusAt) {
    for (let i = items.length; i < MOST + 1; i++) forget(`${key}.${i}`);
    list.replaceChildren(...items.map((_text, i) => {
      const input = textInput(items, i, { rows: 2, max });
      input.disabled = Boolean(disabled);
      const parts = [field(`${key}.${i}`, format(words.item, { n: i + 1 }), input)];
      if (!disabled && items.length > FEWEST) {
        parts.push(button(words.delete, () => {
          items.splice(i, 1);
          hooks.changed();
          draw(Math.min(i, items.length - 1));
        }, { aria: format(words.remove_item, { n: i + 1 }) }));
      }
      return el("li", { class: "ed-list-item" }, ...parts);
    }));
    add.hidden = disabled || items.length >= MOST;
    if (focusAt !== undefined) list.querySelectorAll("textarea")[focusAt]?.focus();
  }

  draw();
  return el("fieldset", { class: "ed-list" }, el("legend", {}, label), note(key), list, add);
}
