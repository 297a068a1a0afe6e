/* The editor's building blocks: elements, labelled fields bound to the model, and the
 * registry that puts each of the server's field errors ("steps.2.minutes") next to the
 * field it names. */

export const words = JSON.parse(document.getElementById("editor-words").textContent);
export const limits = JSON.parse(document.querySelector("[data-editor]").dataset.limits);

/** Called on every edit (main.js marks the page unsaved). */
export const hooks = { changed() {} };

/** An element with properties, attributes and children; `value` is set last (selects). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  let value;
  for (const [name, given] of Object.entries(props)) {
    if (given === undefined || given === null || given === false) continue;
    if (name === "value") value = given;
    else if (name === "class") node.className = given;
    else if (name === "text") node.textContent = given;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), given);
    else node.setAttribute(name, given === true ? "" : String(given));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  if (value !== undefined) node.value = String(value);
  return node;
}

/* ---------- where each field's error goes ---------- */

const registry = new Map(); // field key -> {control, error, hint, reveal}

/** Forget the fields under a key ("steps"): their part of the form is drawn again. */
export function forget(prefix) {
  for (const key of [...registry.keys()]) {
    if (key === prefix || key.startsWith(prefix + ".")) registry.delete(key);
  }
}

function idOf(key) {
  return "ed-" + key.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** A place for an error about a whole part ("steps": at least one step). */
export function note(key) {
  const error = el("p", { class: "field-error", id: idOf(key) + "-error", tabindex: -1, hidden: true });
  registry.set(key, { control: null, error, hint: null, reveal: null });
  return error;
}

/** A labelled field: the label, an optional hint, the control and its error line. */
export function field(key, label, control, { hint, optional, reveal, wide } = {}) {
  const id = idOf(key);
  control.id = id;
  const hintEl = hint ? el("p", { class: "hint", id: id + "-hint", text: hint }) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  const error = el("p", { class: "field-error", id: id + "-error", hidden: true });
  registry.set(key, { control, error, hint: hintEl, reveal: reveal || null });
  const labelEl = el("label", { for: id }, label);
  if (optional) labelEl.append(" ", el("span", { class: "optional", text: words.story.optional }));
  return el("div", { class: "ed-field" + (wide ? " ed-field-wide" : "") }, labelEl, hintEl, control, error);
}

/** A checkbox with its label, bound to `obj[prop]`. */
export function checkbox(key, label, obj, prop, { disabled } = {}) {
  const box = el("input", { type: "checkbox", id: idOf(key), disabled });
  box.checked = !!obj[prop];
  box.addEventListener("change", () => { obj[prop] = box.checked; hooks.changed(); });
  const error = el("p", { class: "field-error", id: idOf(key) + "-error", hidden: true });
  registry.set(key, { control: box, error, hint: null, reveal: null });
  return el("div", { class: "ed-check-field" }, el("label", { class: "ed-check", for: box.id }, box, " ", label), error);
}

/** A text input or textarea bound to `obj[prop]`, as typed. */
export function textInput(obj, prop, { rows, max, onInput } = {}) {
  const control = rows
    ? el("textarea", { rows, maxlength: max })
    : el("input", { type: "text", maxlength: max, autocomplete: "off" });
  control.value = obj[prop] ?? "";
  control.addEventListener("input", () => {
    obj[prop] = control.value;
    if (onInput) onInput(control.value);
    hooks.changed();
  });
  return control;
}

/** Minutes as typed (a text): main.js sends a whole number as a number, anything else as
 * it is, and the server says what is wrong with it. */
export function minutesInput(obj, prop) {
  const control = el("input", {
    type: "number", inputmode: "numeric", min: 1, max: limits.minutes, step: 1, class: "ed-minutes",
  });
  control.value = obj[prop] ?? "";
  control.addEventListener("input", () => { obj[prop] = control.value; hooks.changed(); });
  return control;
}

/** A select of [value, label] pairs bound to `obj[prop]`; `parse` turns its value back. */
export function select(obj, prop, options, parse = (v) => v) {
  const control = el("select", {}, ...options.map(([value, label]) => el("option", { value }, label)));
  control.value = obj[prop] === null || obj[prop] === undefined ? "" : String(obj[prop]);
  control.addEventListener("change", () => { obj[prop] = parse(control.value); hooks.changed(); });
  return control;
}

/** A button that does something in the page; `label` is a text or a list of parts. */
export function button(label, onClick, { cls = "", aria, disabled, data } = {}) {
  const parts = Array.isArray(label) ? label : [label];
  const node = el("button", { type: "button", class: "button button-small " + cls, "aria-label": aria, disabled, onclick: onClick }, ...parts);
  if (data) Object.assign(node.dataset, data);
  return node;
}

/** A glyph the screen reader skips (the button's name says it in words). */
export function glyph(text) {
  return el("span", { "aria-hidden": "true", class: "ed-glyph" }, text);
}

/* ---------- the server's answer ---------- */

/** Take every error off the page. */
export function clearErrors() {
  for (const { control, error, hint } of registry.values()) {
    error.hidden = true;
    error.textContent = "";
    if (control) {
      control.removeAttribute("aria-invalid");
      if (hint) control.setAttribute("aria-describedby", hint.id);
      else control.removeAttribute("aria-describedby");
    }
  }
}

/** Put each error by its field; return the first control marked, and the errors that name
 * no field on the page (shown with the form's own message). */
export function showErrors(fields) {
  let first = null;
  const elsewhere = [];
  for (const [key, message] of Object.entries(fields || {})) {
    const place = registry.get(key) || registry.get(key.split(".").slice(0, -1).join("."));
    if (!place) { elsewhere.push(message); continue; }
    place.error.textContent = message;
    place.error.hidden = false;
    if (place.reveal) place.reveal();
    const target = place.control || place.error;
    if (place.control) {
      place.control.setAttribute("aria-invalid", "true");
      const described = [place.hint && place.hint.id, place.error.id].filter(Boolean).join(" ");
      place.control.setAttribute("aria-describedby", described);
    }
    if (!first || first.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING) first = target;
  }
  return { first, elsewhere };
}
