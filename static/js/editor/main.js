/* The flow editor: a template's design or a workshop's plan, loaded from the JSON API,
 * edited here and saved with PUT. The server checks every field (clean_design); its
 * errors appear by the fields they name, in the page's language, and nothing typed is
 * lost: the page's model is only ever changed by the person typing. */
import { clearErrors, el, hooks, showErrors, words } from "./dom.js";
import { drawAbout, drawLobby, lensesPart } from "./sections.js";
import { stepsPart } from "./steps.js";
import { examplesPart } from "./stories.js";

const root = document.querySelector("[data-editor]");
const kind = root.dataset.kind;
const form = root.querySelector("[data-editor-form]");
const loading = root.querySelector("[data-editor-loading]");
const loadError = root.querySelector("[data-editor-load-error]");
const statusLine = root.querySelector("[data-editor-status]");
const errorBox = root.querySelector("[data-editor-error]");
const saveButton = root.querySelector("[data-editor-save]");
const announcer = root.querySelector("[data-editor-announce]");
const section = (name) => root.querySelector(`[data-section="${name}"]`);

let state = null;
let isDirty = false;
let isSaving = false;

/** Call the JSON API with the page's CSRF token, in the page's language. */
async function request(method, url, payload) {
  const meta = document.querySelector('meta[name="csrf-token"]');
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: {
      "Content-Type": "application/json",
      "X-CSRFToken": meta ? meta.content : "",
      "Accept-Language": document.documentElement.lang || "fi",
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

function announce(text) {
  announcer.textContent = "";
  requestAnimationFrame(() => { announcer.textContent = text; });
}

function setStatus(text, className = "") {
  statusLine.textContent = text;
  statusLine.className = "ed-status " + className;
}

function showGeneral(messages) {
  errorBox.replaceChildren(...messages.map((message) => el("p", {}, message)));
  errorBox.hidden = !messages.length;
}

/* ---------- the model: the server's design as the form holds it ---------- */

function where(data) {
  const stepIndex = kind === "plan" && data.step_index !== undefined ? data.step_index : null;
  const isOpen = kind === "plan" ? data.is_open !== false : true;
  return { stepIndex, isOpen };
}

function fixedCount() {
  if (!state.isOpen) return state.steps.length;
  return state.stepIndex === null ? 0 : state.stepIndex + 1;
}

function toState(data, activities) {
  const design = kind === "template" ? data.design : data;
  const questions = design.lens_questions || {};
  const lobby = design.lobby || {};
  const text = (value) => (value === null || value === undefined ? "" : String(value));
  return {
    kind,
    activities,
    name: text(design.name),
    language: design.language || "fi",
    settings: design.settings || {},
    welcome: text(design.welcome),
    lobby: { projector: text(lobby.projector), phone: text(lobby.phone), minutes: text(lobby.minutes) },
    steps: (design.steps || []).map((step) => ({
      activity: step.activity,
      projector: text(step.projector),
      phone: text(step.phone),
      minutes: text(step.minutes),
      settings: { ...(step.settings || {}) },
    })),
    lenses: (design.lenses || []).map((name) => ({ name, question: text(questions[name]) })),
    examples: (design.examples || []).map((example) => ({
      title: text(example.title),
      happened: text(example.happened),
      staff_did: text(example.staff_did),
      manner: text(example.manner),
      could_do: text(example.could_do),
      agency: example.agency ?? null,
      channel: text(example.channel),
      place: text(example.place),
      reading: text(example.reading),
      open: false,
    })),
    ...where(data),
  };
}

/* Whole minutes go as numbers; anything else as typed, for the server to name. */
function minutes(value) {
  const typed = String(value).trim();
  return /^\d+$/.test(typed) ? Number(typed) : typed;
}

/* A lens is found by its name as the server will clean it. */
function lensName(name) {
  return name.normalize("NFC").split(/\s+/).filter(Boolean).join(" ");
}

function payload() {
  const lensQuestions = {};
  for (const lens of state.lenses) {
    if (lens.question.trim()) lensQuestions[lensName(lens.name)] = lens.question;
  }
  const plan = {
    welcome: state.welcome,
    lobby: { ...state.lobby, minutes: minutes(state.lobby.minutes) },
    steps: state.steps.map((step) => {
      const out = { activity: step.activity, projector: step.projector, phone: step.phone, minutes: minutes(step.minutes) };
      if (Object.keys(step.settings).length) out.settings = step.settings;
      return out;
    }),
    lens_questions: lensQuestions,
    examples: state.examples.map(({ open, ...example }) => example),
  };
  if (kind === "plan") return plan;
  return {
    design: {
      ...plan,
      name: state.name,
      language: state.language,
      settings: state.settings,
      lenses: state.lenses.map((lens) => lens.name),
    },
  };
}

/* ---------- drawing, saving ---------- */

function draw() {
  state.fixed = fixedCount();
  if (kind === "template") drawAbout(section("about"), state);
  drawLobby(section("lobby"), state);
  stepsPart(section("steps"), state, announce);
  lensesPart(section("lenses"), state, announce);
  examplesPart(section("examples"), state, announce);
  saveButton.disabled = !state.isOpen;
  if (!state.isOpen) {
    // A closed workshop's plan is there to read: nothing in it can be changed.
    setStatus(words.closed);
    form.querySelectorAll("input, textarea, select, button").forEach((control) => { control.disabled = true; });
  }
}

hooks.changed = () => {
  isDirty = true;
  setStatus(words.unsaved, "is-unsaved");
};

async function save(event) {
  event.preventDefault();
  if (isSaving || !state.isOpen) return;
  isSaving = true;
  saveButton.disabled = true;
  clearErrors();
  showGeneral([]);
  setStatus(words.saving);
  let answer;
  try {
    answer = await request("PUT", root.dataset.saveUrl, payload());
  } catch {
    answer = null;
  }
  isSaving = false;
  saveButton.disabled = false;
  if (answer && answer.ok) {
    isDirty = false;
    setStatus(words.saved, "is-saved");
    const now = where(answer.body);
    if (now.stepIndex !== state.stepIndex || now.isOpen !== state.isOpen) {
      Object.assign(state, now);
      draw();
    }
    if (kind === "template") root.querySelector("h1").textContent = answer.body.name;
    return;
  }
  setStatus(isDirty ? words.unsaved : "", isDirty ? "is-unsaved" : "");
  if (!answer) {
    showGeneral([words.offline]);
    return;
  }
  const error = answer.body.error || {};
  if (error.fields) {
    const { first, elsewhere } = showErrors(error.fields);
    showGeneral([words.fix, ...elsewhere]);
    if (first) first.focus();
  } else {
    showGeneral([error.message || String(answer.status)]);
  }
}

async function load() {
  const [design, activities] = await Promise.all([
    request("GET", root.dataset.loadUrl),
    request("GET", "/api/v1/activities"),
  ]).catch(() => [null, null]);
  loading.hidden = true;
  if (!design || !design.ok || !activities || !activities.ok) {
    const failed = [design, activities].find((answer) => answer && !answer.ok);
    loadError.textContent = failed && failed.body.error ? failed.body.error.message : words.offline;
    loadError.hidden = false;
    return;
  }
  state = toState(design.body, activities.body.activities);
  draw();
  form.hidden = false;
}

form.addEventListener("submit", save);
window.addEventListener("beforeunload", (event) => {
  if (!isDirty) return;
  event.preventDefault();
  event.returnValue = words.leave;
});
load();
