/* Proposing a practice on a phone: the form, the story picker it comes from, its draft, and
 * editing one's own. A proposal waits in an outbox in localStorage until the server confirms
 * it; its key makes a retry land once. */
import { el } from "../core/dom.js";
import { format, plural } from "../core/format.js";

const kit = window.PhoneKit;
const store = kit.store;

/* For matching, "kayttaja" finds "käyttäjä": a phone keyboard may lack the letters. */
function plain(text) {
  return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/* The start of what happened, as plain text, cut between words (never inside one). */
const SNIPPET = 90;
function snippet(story) {
  const text = (story.happened || "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // a link shows its words, not its address
    .replace(/[*_#>`~\[\]]/g, "").replace(/\s+/g, " ").trim();
  if (text.length <= SNIPPET) return text;
  const space = text.lastIndexOf(" ", SNIPPET);
  return text.slice(0, space > 0 ? space : SNIPPET).replace(/[\s,.;:!?\u2013-]+$/, "") + "\u2026";
}

/** The form in `form`, with the part's `words`; what the lists need of it is returned. */
export function proposing(form, words) {
  const draftKey = "toimija:practice-draft:" + kit.code;
  const submitButton = form.querySelector('button[type="submit"]');
  const search = form.querySelector("[data-story-search]");
  const options = form.querySelector("[data-story-options]");
  const noMatch = form.querySelector("[data-story-none]");
  const pickedLine = form.querySelector("[data-picked-count]");
  const pickedChips = form.querySelector("[data-picked]");
  let picked = new Set(); // story ids
  let rows = []; // {id, row, haystack}

  /* --- the story picker --- */
  function drawOptions() {
    rows = [];
    options.replaceChildren(...Array.from(store.stories.values(), (story) => {
      const row = el("li", "story-option");
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.name = "story_ids";
      box.value = story.id;
      box.checked = picked.has(story.id);
      label.appendChild(box);
      const text = el("span", "story-option-text");
      text.appendChild(el("span", "story-option-title", story.title));
      text.appendChild(el("span", "story-option-snippet", snippet(story)));
      label.appendChild(text);
      row.appendChild(label);
      const fields = [story.title, story.happened, story.staff_did, story.manner, story.could_do, story.place];
      rows.push({ id: story.id, row, haystack: plain(fields.join(" ")) });
      return row;
    }));
    // A picked story that left the wall cannot be linked any more.
    if (store.loaded) picked.forEach((id) => { if (!store.stories.has(id)) picked.delete(id); });
    filter();
    showPicked();
  }
  function filter() {
    const wanted = plain(search.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((r) => {
      const match = wanted.every((w) => r.haystack.indexOf(w) >= 0);
      r.row.hidden = !match;
      if (match) shown++;
    });
    noMatch.hidden = shown > 0 || !rows.length;
    form.querySelector("[data-no-stories]").hidden = rows.length > 0;
  }
  function showPicked() {
    pickedLine.textContent = picked.size ? plural(words.picked, picked.size) : words.picked_none;
    pickedLine.classList.toggle("is-none", !picked.size);
    pickedChips.replaceChildren();
    picked.forEach((id) => {
      const story = store.stories.get(id);
      if (!story) return;
      const chip = el("button", "picked-chip");
      chip.type = "button";
      chip.setAttribute("aria-label", format(words.unpick, { title: story.title }));
      chip.appendChild(el("span", "picked-chip-title", story.title));
      chip.appendChild(el("span", "picked-chip-x", "\u00d7"));
      chip.addEventListener("click", () => setPicked(id, false));
      pickedChips.appendChild(chip);
    });
  }
  function setPicked(id, on) {
    if (on) picked.add(id); else picked.delete(id);
    const box = options.querySelector(`input[value="${id}"]`);
    if (box) box.checked = on;
    showPicked();
    saveDraft();
  }
  options.addEventListener("change", (event) => {
    if (event.target.name === "story_ids") setPicked(Number(event.target.value), event.target.checked);
  });
  search.addEventListener("input", filter);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault(); // searching, not sending
  });

  /* --- the form and its draft --- */
  function readForm() {
    return {
      title: form.elements.title.value,
      description: form.elements.description.value,
      story_ids: Array.from(picked),
    };
  }
  function fillForm(data = {}) {
    form.elements.title.value = data.title || "";
    form.elements.description.value = data.description || "";
    picked = new Set(data.story_ids || []);
    drawOptions();
  }
  function saveDraft() { if (!form.dataset.editing) kit.save(draftKey, readForm()); }
  form.addEventListener("input", (event) => {
    if (event.target === search) return;
    saveDraft();
    // A field being fixed stops being marked wrong.
    const name = event.target.name;
    const error = name && form.querySelector(`[data-error-for="${name}"]`);
    if (error) error.hidden = true;
    event.target.removeAttribute("aria-invalid");
  });

  const feedback = kit.formFeedback(
    form, form.querySelector("[data-practice-status]"), form.querySelector("[data-practice-error]"),
    (name) => (name === "story_ids" ? search : form.elements[name]),
  );
  const { showStatus, clearErrors, showErrors } = feedback;

  /* Editing one's own practice: the same form, sent as a change through the same outbox. */
  const cancelEdit = el("button", "button button-block", words.cancel);
  cancelEdit.type = "button";
  cancelEdit.hidden = true;
  submitButton.after(cancelEdit);
  function startEditing(practice) {
    clearErrors();
    search.value = "";
    fillForm({ title: practice.title, description: practice.description, story_ids: practice.story_ids });
    form.dataset.editing = practice.id;
    submitButton.textContent = words.save_changes;
    cancelEdit.hidden = false;
    form.scrollIntoView({ behavior: "smooth", block: "start" });
  }
  function stopEditing() {
    delete form.dataset.editing;
    submitButton.textContent = words.send;
    cancelEdit.hidden = true;
    search.value = "";
    fillForm(kit.load(draftKey, {}));
  }
  cancelEdit.addEventListener("click", stopEditing);

  /* A refused item leaves the outbox, so its text must live on: back in the form, as the
   * change it was (an edit, even after a reload) or as the saved draft (a new practice). */
  function restore(item) {
    if (!item.edit && form.dataset.editing) { kit.save(draftKey, item.practice); return; }
    fillForm(item.practice);
    if (item.edit) {
      form.dataset.editing = item.edit;
      submitButton.textContent = words.save_changes;
      cancelEdit.hidden = false;
    } else {
      saveDraft();
    }
  }

  /* --- the outbox: a new practice by its key, a change to one's own by its id --- */
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const outbox = kit.outbox("toimija:practice-outbox:" + kit.code, {
    status: showStatus,
    send(item) {
      return item.edit
        ? kit.api("PATCH", "/api/v1/practices/" + item.edit, item.practice)
        : kit.api("POST", `/api/v1/workshops/${kit.code}/practices`, { ...item.practice, key: item.key });
    },
    sent(item, practice) {
      if (item.edit && Number(form.dataset.editing) === item.edit) {
        stopEditing();
      } else if (!item.edit && same(readForm(), item.practice)) {
        localStorage.removeItem(draftKey);
        search.value = "";
        fillForm({});
      }
      showStatus(words.sent);
      kit.putPractice(practice, true);
    },
    refused(item, error) {
      restore(item); // refused (time up, say): the text comes back to be fixed
      showErrors(error);
    },
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    const item = { key: kit.newKey(), practice: readForm() };
    if (form.dataset.editing) item.edit = Number(form.dataset.editing);
    outbox.push(item);
  });
  // The page renders it disabled until this handler is on (templates/stories/phone.html).
  form.querySelector('button[type="submit"]').disabled = false;

  fillForm(kit.load(draftKey, {}));
  return { drawOptions, startEditing, showStatus, showErrors, outbox, feedback };
}
