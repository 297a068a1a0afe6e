/* Merging practices on the control page. It asks in the page, as the phase moves do: choose
 * the practice, then a question with the move's own button focused. Esc or Cancel goes back
 * to the choice. One merge form is open at a time (`merging`). */
import { el } from "../core/dom.js";
import { format } from "../core/format.js";

const C = window.Control;

/** The merge forms of the list `list`; `redraw(id)` draws a practice's card again. */
export function merger(list, words, redraw, button) {
  let merging = null; // {id, into, asking}: the practice whose merge form is open

  function box(practiceId) {
    return list.querySelector(`[data-practice-id="${practiceId}"] .ctl-merge-form`);
  }

  function backToChoice(practiceId) {
    if (!merging || merging.id !== practiceId) return;
    merging.asking = false;
    redraw(practiceId);
    const open = box(practiceId);
    if (open) open.querySelector("[data-merge-select]").focus();
  }

  function fillTargets(select, practiceId) {
    const chosen = merging && merging.id === practiceId ? merging.into : null;
    const options = Array.from(C.store.practices.values())
      .filter((p) => p.id !== practiceId)
      .map((p) => {
        const option = el("option", "", p.is_hidden ? p.title + " " + words.hidden_suffix : p.title);
        option.value = String(p.id);
        return option;
      });
    select.replaceChildren(...options);
    if (chosen && options.some((o) => o.value === chosen)) select.value = chosen;
    if (merging && merging.id === practiceId) merging.into = select.value;
  }

  /* The question, once a practice to merge into is chosen. */
  function ask(practice, into) {
    const question = el("div", "ctl-confirm ctl-merge-ask");
    question.setAttribute("role", "group");
    question.dataset.mergeAsk = "";
    const text = el("p", "", format(words.confirm_merge, { from: practice.title, into: into.title }));
    text.id = "merge-question-" + practice.id;
    question.setAttribute("aria-labelledby", text.id);
    const yes = button(words.merge_button, "button-primary", () => {
      yes.disabled = true;
      C.api("POST", `/api/v1/practices/${practice.id}/merge`, { into: into.id }).then((result) => {
        if (result.ok) {
          merging = null; // practices_merged redraws the list
          return;
        }
        yes.disabled = false;
        if (!merging || merging.id !== practice.id) return;
        merging.asking = false; // back to the choice, with the reason
        redraw(practice.id);
        const open = box(practice.id);
        if (open) C.showError(open.querySelector("[data-merge-error]"), result);
      });
    }, "merge-yes");
    const no = button(words.cancel, "", () => backToChoice(practice.id), "merge-no");
    no.setAttribute("aria-keyshortcuts", "Escape");
    const buttons = el("div", "ctl-confirm-actions");
    buttons.append(yes, no);
    question.append(text, buttons);
    question.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault(); // the question, not the spotlight
      backToChoice(practice.id);
    });
    return question;
  }

  function form(practice) {
    const node = el("form", "ctl-merge-form");
    const choose = el("div", "ctl-merge-choose");
    const selectId = "merge-into-" + practice.id;
    const label = el("label", "", words.merge_into);
    label.htmlFor = selectId;
    const select = el("select");
    select.id = selectId;
    select.name = "into";
    select.dataset.mergeSelect = "";
    fillTargets(select, practice.id);
    select.addEventListener("change", () => { merging.into = select.value; });
    const help = el("p", "hint", words.merge_help);
    help.id = selectId + "-help";
    select.setAttribute("aria-describedby", help.id);
    const actions = el("div", "card-actions");
    const submit = el("button", "button button-small button-primary", words.merge_button);
    submit.type = "submit";
    submit.dataset.action = "merge-confirm";
    actions.append(submit, button(words.cancel, "", () => {
      merging = null;
      redraw(practice.id);
    }));
    choose.append(label, select, help, actions);
    const error = el("p", "form-error");
    error.setAttribute("role", "alert");
    error.hidden = true;
    error.dataset.mergeError = "";
    node.append(choose, error);

    const into = merging.asking ? C.store.practices.get(Number(merging.into)) : null;
    if (into) {
      choose.hidden = true;
      node.appendChild(ask(practice, into));
    }
    node.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!C.store.practices.get(Number(select.value))) return;
      merging.into = select.value;
      merging.asking = true;
      redraw(practice.id);
      const open = box(practice.id);
      if (open) open.querySelector('[data-action="merge-yes"]').focus();
    });
    return node;
  }

  return {
    form,
    fillTargets,
    isOpen: (id) => Boolean(merging && merging.id === id),
    openId: () => (merging ? merging.id : null),
    open(id) { merging = { id, into: null }; },
    close() { merging = null; },
  };
}
