/* The example stories: every field a story has (what happened, what the staff did, how it
 * was said, what the customer could do, agency, channel, place) and its reading, where the
 * customer was an object and where a subject. Each folds open; a new one opens at once. */
import { format } from "../core/format.js";
import { button, el, field, forget, glyph, hooks, limits, note, select, textInput, words } from "./dom.js";

const CHANNELS = ["in_person", "phone", "online", "social", "other"];

/** An empty example story, open for writing. */
export function newExample() {
  return {
    title: "", happened: "", staff_did: "", manner: "", could_do: "",
    agency: null, channel: "", place: "", reading: "", open: true,
  };
}

/** Draw the examples into `root`; return the function that draws them again. */
export function examplesPart(root, state, announce) {
  const story = words.story;

  function summaryText(example, index) {
    return format(words.example, { n: index + 1 }) + ": " + (example.title.trim() || words.new_example);
  }

  function card(example, index) {
    const key = `examples.${index}`;
    const summary = el("summary", { class: "ed-example-summary" }, summaryText(example, index));
    const details = el("details", { class: "ed-example" }, summary);
    details.open = !!example.open;
    details.addEventListener("toggle", () => { example.open = details.open; });
    const reveal = () => { details.open = true; };
    const text = (name, rows, max, optional) => field(`${key}.${name}`, story[name],
      textInput(example, name, {
        rows, max, onInput: name === "title" ? () => { summary.textContent = summaryText(example, index); } : null,
      }), { reveal, optional, wide: rows > 0 });
    const title = summaryText(example, index);
    details.append(el("div", { class: "ed-example-fields" },
      text("title", 0, limits.title),
      text("happened", 4, limits.part),
      text("staff_did", 3, limits.part, true),
      text("manner", 2, limits.manner, true),
      text("could_do", 3, limits.part, true),
      field(`${key}.agency`, story.agency, select(example, "agency",
        [["", story.choose], ...words.agency.map((label, i) => [String(i + 1), label])],
        (value) => (value ? Number(value) : null)), { reveal }),
      field(`${key}.channel`, story.channel, select(example, "channel",
        [["", story.choose], ...CHANNELS.map((c) => [c, words.channels[c]])]), { reveal }),
      text("place", 0, limits.place, true),
      text("reading", 4, limits.reading, true),
    ), el("div", { class: "card-actions" }, button(words.delete, () => {
      state.examples.splice(index, 1);
      hooks.changed();
      draw(Math.min(index, state.examples.length - 1));
      announce(format(words.removed, { title }));
    }, { cls: "button-danger", aria: format(words.remove_example, { title: example.title || title }) })));
    return el("li", {}, details);
  }

  function draw(focusIndex) {
    forget("examples");
    root.replaceChildren(
      note("examples"),
      state.examples.length
        ? el("ol", { class: "ed-examples" }, ...state.examples.map(card))
        : el("p", { class: "empty" }, words.no_examples),
      button([glyph("+"), " ", words.add_example], () => {
        state.examples.push(newExample());
        hooks.changed();
        draw(state.examples.length - 1, true);
      }),
    );
    if (focusIndex === undefined) return;
    const item = root.querySelectorAll(".ed-example")[focusIndex];
    (item ? item.querySelector(item.open ? "input" : "summary") : root.querySelector("button"))?.focus();
  }

  draw();
  return draw;
}
