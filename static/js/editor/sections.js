/* The smaller parts of the editor: a template's name and language, the welcome and the
 * lobby's texts, and the lenses with their questions (a template adds and removes lenses;
 * a workshop's lenses are managed on its control page, so its editor changes questions). */
import { format } from "../core/format.js";
import { button, el, field, forget, glyph, hooks, limits, minutesInput, note, select, textInput, words } from "./dom.js";

/** A template's name and the language of its texts. */
export function drawAbout(root, state) {
  root.replaceChildren(
    field("name", words.name, textInput(state, "name", { max: limits.name })),
    field("language", words.language, select(state, "language", [["fi", "Suomi"], ["en", "English"]])),
  );
}

/** The welcome on the projector and the lobby's projector text, phone text and minutes. */
export function drawLobby(root, state) {
  const lobby = state.lobby;
  root.replaceChildren(
    field("welcome", words.welcome, textInput(state, "welcome", { rows: 3, max: limits.welcome }), {
      hint: words.welcome_hint,
    }),
    el("h3", { class: "ed-subhead" }, words.lobby),
    note("lobby"),
    el("div", { class: "ed-step-fields" },
      field("lobby.projector", words.projector, textInput(lobby, "projector", { rows: 2, max: limits.projector })),
      field("lobby.phone", words.phone, textInput(lobby, "phone", { rows: 3, max: limits.phone })),
      field("lobby.minutes", words.minutes, minutesInput(lobby, "minutes")),
    ),
  );
}

/** The lenses and their questions; return the function that draws them again. */
export function lensesPart(root, state, announce) {
  const editsNames = state.kind === "template";

  function row(lens, index) {
    const question = field(`lens_questions.${index}`, editsNames ? words.question : format(words.question_for, { name: lens.name }),
      textInput(lens, "question", { rows: 2, max: limits.question }));
    if (!editsNames) return el("li", { class: "ed-lens" }, question);
    const name = lens.name.trim() || words.new_lens;
    return el("li", { class: "ed-lens" },
      el("div", { class: "ed-lens-fields" },
        field(`lenses.${index}`, words.lens, textInput(lens, "name", { max: limits.lens })),
        question),
      button(words.delete, () => {
        state.lenses.splice(index, 1);
        hooks.changed();
        draw(Math.min(index, state.lenses.length - 1));
        announce(format(words.removed, { title: name }));
      }, { cls: "button-danger", aria: format(words.remove_lens, { name }) }),
    );
  }

  function draw(focusIndex) {
    forget("lenses");
    forget("lens_questions");
    const items = state.lenses.map(row);
    root.replaceChildren(
      note("lenses"),
      items.length ? el("ul", { class: "ed-lenses" }, ...items) : el("p", { class: "empty" }, words.no_lenses),
      editsNames ? button([glyph("+"), " ", words.add_lens], () => {
        state.lenses.push({ name: "", question: "" });
        hooks.changed();
        draw(state.lenses.length - 1);
      }) : null,
    );
    if (focusIndex !== undefined) {
      const target = root.querySelectorAll(".ed-lens")[focusIndex];
      (target ? target.querySelector("input") : root.querySelector("button"))?.focus();
    }
  }

  draw();
  return draw;
}
