/* The steps of the flow: each with its activity, its projector text, phone instruction,
 * minutes and its activity's settings; added at the end, moved up and down with buttons
 * (the keyboard works as for any button), removed. In a running workshop the steps that
 * have run, and the one running now, stay in place: their texts and minutes can change,
 * nothing else. */
import { format } from "../core/format.js";
import {
  button, checkbox, el, field, forget, glyph, hooks, limits, minutesInput, note, select,
  textInput, words,
} from "./dom.js";
import { listField, startingValue } from "./lists.js";

function activityOf(state, key) {
  return state.activities.find((a) => a.key === key) || { key, name: key, settings: {} };
}

/** "Step 2: Stories". */
export function stepTitle(state, index) {
  const step = state.steps[index];
  return format(words.step, { n: index + 1, name: activityOf(state, step.activity).name });
}

/** A new step of an activity: the built-in texts and minutes of such a step in the
 * design's language (to edit, not to start from nothing), the settings' defaults (in the
 * design's language, for a setting said in words). */
export function newStep(activity, language) {
  const settings = {};
  for (const [name, setting] of Object.entries(activity.settings)) settings[name] = startingValue(setting, language);
  const texts = (activity.texts || {})[language] || {};
  return {
    activity: activity.key,
    projector: texts.projector || "",
    phone: texts.phone || "",
    minutes: String(texts.minutes || 10),
    settings,
  };
}

/** Draw the steps into `root`; return the function that draws them again. */
export function stepsPart(root, state, announce) {
  function move(index, by, which) {
    const [step] = state.steps.splice(index, 1);
    state.steps.splice(index + by, 0, step);
    hooks.changed();
    draw({ index: index + by, which });
    announce(format(words.moved, { title: stepTitle(state, index + by) }));
  }

  function remove(index) {
    const title = stepTitle(state, index);
    state.steps.splice(index, 1);
    hooks.changed();
    draw({ index: Math.min(index, state.steps.length - 1), which: "heading" });
    announce(format(words.removed, { title }));
  }

  function add(key) {
    state.steps.push(newStep(activityOf(state, key), state.language));
    hooks.changed();
    const index = state.steps.length - 1;
    draw({ index, which: "projector" });
    announce(format(words.added, { title: stepTitle(state, index) }));
  }

  function settingsOf(step, index, fixed) {
    const activity = activityOf(state, step.activity);
    const names = Object.keys(activity.settings);
    if (!names.length) return null;
    step.settings = step.settings || {};
    return el("div", { class: "ed-step-settings" }, ...names.map((name) => {
      const setting = activity.settings[name];
      if (!(name in step.settings)) step.settings[name] = startingValue(setting, state.language);
      const key = `steps.${index}.settings.${name}`;
      if (typeof setting.default === "boolean") {
        return checkbox(key, setting.label, step.settings, name, { disabled: fixed });
      }
      if (Array.isArray(step.settings[name])) {
        return listField(key, setting.label, step.settings[name], { disabled: fixed, max: limits.statement });
      }
      return field(key, setting.label, textInput(step.settings, name));
    }));
  }

  function card(index) {
    const step = state.steps[index];
    const fixed = index < state.fixed;
    const title = stepTitle(state, index);
    const key = `steps.${index}`;
    const head = el("div", { class: "ed-step-head" },
      el("h3", { class: "ed-step-title", id: `ed-step-${index}-h`, tabindex: -1 }, title));
    if (fixed && state.stepIndex !== null) {
      const now = index === state.stepIndex;
      head.append(el("span", { class: "chip" + (now ? " ed-chip-now" : "") }, now ? words.now : words.done));
    }
    if (!fixed) {
      head.append(el("div", { class: "ed-step-moves" },
        button([glyph("↑"), " ", words.up], () => move(index, -1, "up"), {
          aria: format(words.move_up, { title }), disabled: index - 1 < state.fixed, data: { move: "up" },
        }),
        button([glyph("↓"), " ", words.down], () => move(index, 1, "down"), {
          aria: format(words.move_down, { title }), disabled: index + 1 >= state.steps.length, data: { move: "down" },
        }),
        button(words.delete, () => remove(index), { cls: "button-danger", aria: format(words.remove, { title }) }),
      ));
    }
    return el("li", { class: "ed-step" + (fixed ? " is-fixed" : ""), "data-activity": step.activity },
      head,
      fixed ? el("p", { class: "muted ed-step-note" }, words.fixed) : null,
      el("div", { class: "ed-step-fields" },
        field(`${key}.projector`, words.projector, textInput(step, "projector", { rows: 2, max: limits.projector })),
        field(`${key}.phone`, words.phone, textInput(step, "phone", { rows: 3, max: limits.phone })),
        field(`${key}.minutes`, words.minutes, minutesInput(step, "minutes")),
      ),
      settingsOf(step, index, fixed),
    );
  }

  function adder() {
    const pick = { activity: state.activities.length ? state.activities[0].key : "" };
    const choose = select(pick, "activity", state.activities.map((a) => [a.key, a.name]));
    choose.id = "ed-add-activity";
    return el("div", { class: "ed-add" },
      el("label", { for: choose.id }, words.activity),
      el("div", { class: "ed-add-row" }, choose,
        button([glyph("+"), " ", words.add_step], () => add(pick.activity), { cls: "button-primary" })),
    );
  }

  function focus(target) {
    if (!target) return;
    const item = root.querySelectorAll(".ed-step")[target.index];
    if (!item) { root.querySelector("#ed-add-activity")?.focus(); return; }
    let node = null;
    if (target.which === "up" || target.which === "down") {
      const other = target.which === "up" ? "down" : "up";
      node = [target.which, other].map((w) => item.querySelector(`[data-move="${w}"]`)).find((b) => b && !b.disabled);
    } else if (target.which === "projector") {
      node = item.querySelector("textarea");
    }
    (node || item.querySelector(".ed-step-title")).focus();
  }

  function draw(target) {
    forget("steps");
    const list = el("ol", { class: "ed-steps" }, ...state.steps.map((_step, index) => card(index)));
    root.replaceChildren(
      note("steps"),
      state.steps.length ? list : el("p", { class: "empty" }, words.no_steps),
      state.isOpen ? adder() : null,
    );
    focus(target);
  }

  draw();
  return draw;
}
