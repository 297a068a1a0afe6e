/* Adding a practice from the control page, linked to stories on the wall. Its key is kept
 * until the server has the practice, so a retry cannot post it twice. */
import { el } from "../core/dom.js";

const C = window.Control;

/** The form `form`; returns `showStoryOptions(stories)`, to call when the wall changes. */
export function adding(form, words) {
  const options = form.querySelector("[data-story-options]");
  const optionsEmpty = form.querySelector("[data-story-options-empty]");
  const status = form.querySelector("[data-form-status]");
  let pendingKey = null;

  function showStoryOptions(stories) {
    const checked = new Set(Array.from(form.querySelectorAll("[name=story_ids]:checked"), (box) => box.value));
    const visible = stories.filter((s) => !s.is_hidden);
    options.replaceChildren(...visible.map((story) => {
      const label = el("label", "ctl-story-option");
      const box = el("input");
      box.type = "checkbox";
      box.name = "story_ids";
      box.value = String(story.id);
      box.checked = checked.has(box.value);
      label.append(box, el("span", "", story.title));
      return label;
    }));
    optionsEmpty.hidden = visible.length > 0;
  }

  form.addEventListener("input", () => {
    pendingKey = null; // a changed practice is a new one
    status.textContent = "";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const submit = form.querySelector("[type=submit]");
    pendingKey = pendingKey || C.newKey();
    const payload = {
      title: form.elements.title.value,
      description: form.elements.description.value,
      story_ids: Array.from(form.querySelectorAll("[name=story_ids]:checked"), (box) => Number(box.value)),
      key: pendingKey,
    };
    submit.disabled = true;
    status.textContent = words.saving;
    C.api("POST", `/api/v1/workshops/${C.code}/practices`, payload).then((result) => {
      submit.disabled = false;
      C.showFormErrors(form, result);
      status.textContent = result.ok ? words.added : "";
      if (!result.ok) return;
      pendingKey = null;
      form.reset();
      status.textContent = words.added;
      form.elements.title.focus();
    });
  });

  return showStoryOptions;
}
