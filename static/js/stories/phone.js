/* The stories on a phone: write one (a draft kept on the phone), change or delete one's
 * own while writing is open, read everyone's once the room may, react to them, and see
 * the story in the spotlight. A story waits in an outbox in localStorage until the server
 * confirms it; its key makes a retry land once, however often it is sent. The lenses'
 * questions stand beside the form, so people write with them in mind. */
import { register } from "../core/screen.js";

const kit = window.PhoneKit;
const Cards = window.Cards;
const shared = window.Live.i18n; // sending, sent, edit, delete, cancel: every form's words
const { load, save, api } = kit;
const code = document.body.dataset.code;
const draftKey = "toimija:draft:" + code;

let phase = document.body.dataset.phase;
let myReactions = {}; // story id -> kinds I gave

const ctx = register("stories", {
  snapshot(state) {
    phase = state.workshop.phase;
    Cards.setLenses(state.lenses);
    showQuestions(state.lenses);
    showSpotlight(state.spotlight);
    myReactions = state.my_reactions || {};
    const myIds = new Set(state.my_story_ids);
    redrawMine(state.stories.filter((s) => myIds.has(s.id)));
    others.reset(state.stories.filter((s) => !myIds.has(s.id)));
    showOlder(state.stories_more);
    setPublic(!state.workshop.private_writing || state.workshop.stories_revealed);
    outbox.flush(); // every (re)connect is a chance to deliver
  },
  events: {
    phase_changed(data) {
      phase = data.phase;
      redrawMine(); // edit and delete only while writing is open
    },
    lenses_changed(data) {
      Cards.setLenses(data.lenses);
      showQuestions(data.lenses);
      mine.redrawAll();
      others.redrawAll();
    },
    spotlight_changed(data) { showSpotlight(data.story); },
    story_posted: changeStory,
    story_updated: changeStory,
    story_restored: changeStory,
    story_hidden: putStory,
    story_deleted: putStory,
    stories_revealed(data) {
      others.reset(data.stories.filter((s) => !mine.data.has(s.id)));
      showOlder(data.stories_more);
      setPublic(true);
    },
  },
  unsequenced: {
    // On the tick, outside the seq: the counts of the stories reacted to since the last one
    // (this phone's own taps came back in their answers at once).
    reaction_counts(data) {
      Object.entries(data.stories || {}).forEach(([id, reactions]) => {
        others.update(Number(id), { reactions });
        mine.update(Number(id), { reactions });
      });
    },
  },
});

const root = ctx.root;
const words = ctx.words;
const form = root.querySelector("[data-story-form]");
const statusLine = form.querySelector("[data-form-status]");
const formError = form.querySelector("[data-form-error]");
const othersSection = root.querySelector("[data-others]");
const myEmpty = root.querySelector("[data-my-empty]");

const mine = new Cards.Wall(root.querySelector("[data-my-stories]"), {
  full: true,
  decorate(card, story) {
    if (phase !== "stories") return;
    const actions = Cards.el("div", "card-actions");
    const edit = Cards.el("button", "button button-small", shared.edit);
    edit.type = "button";
    edit.addEventListener("click", () => startEditing(story));
    actions.appendChild(edit);
    const remove = Cards.el("button", "button button-small button-danger", shared.delete);
    remove.type = "button";
    const deleteOptions = {
      key: "story-delete:" + story.id,
      text: words.confirm_delete,
      onYes() {
        api("DELETE", "/api/v1/stories/" + story.id).then((response) => {
          if (response.ok) dropMine(story.id);
        });
      },
    };
    remove.addEventListener("click", () => kit.ask(remove, card, deleteOptions));
    actions.appendChild(remove);
    card.appendChild(actions);
    kit.reask(remove, card, deleteOptions.key);
  },
});
const others = new Cards.Wall(root.querySelector("[data-other-stories]"), {
  full: true,
  react: {
    mine: (id) => myReactions[id] || [],
    toggle(story, kind, on) {
      // Busy: the same tap again, later (a reaction set twice is set once).
      kit.whenFree(() => api(on ? "PUT" : "DELETE", "/api/v1/stories/" + story.id + "/reactions/" + kind))
        .then((response) => (response.ok ? response.json() : null))
        .then((result) => {
          if (!result) return;
          myReactions[story.id] = result.mine;
          others.update(story.id, { reactions: result.reactions });
        });
    },
  },
});

/* --- the form and its draft --- */
function readForm() {
  const data = {};
  new FormData(form).forEach((value, name) => { data[name] = value; });
  if (data.agency) data.agency = Number(data.agency);
  return data;
}
function fillForm(data) {
  Object.keys(data || {}).forEach((name) => {
    const fields = form.elements[name];
    if (!fields) return;
    if (fields instanceof RadioNodeList) {
      Array.prototype.forEach.call(fields, (f) => { f.checked = f.value === String(data[name]); });
    } else {
      fields.value = data[name];
    }
  });
}
function sameStory(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

const feedback = kit.formFeedback(form, statusLine, formError);
const { showStatus, clearErrors, showErrors } = feedback;

/* Editing one's own story: the same form, sent as a change through the same outbox. */
const submitButton = form.querySelector('button[type="submit"]');
const cancelEdit = Cards.el("button", "button button-block", shared.cancel);
cancelEdit.type = "button";
cancelEdit.hidden = true;
submitButton.after(cancelEdit);
function startEditing(story) {
  const fields = {};
  ["title", "happened", "staff_did", "manner", "could_do", "agency", "channel", "place"].forEach((name) => {
    fields[name] = story[name] === null ? "" : story[name];
  });
  form.reset();
  fillForm(fields);
  form.dataset.editing = story.id;
  submitButton.textContent = shared.save_changes;
  cancelEdit.hidden = false;
  form.scrollIntoView({ behavior: "smooth", block: "start" });
}
function stopEditing() {
  delete form.dataset.editing;
  submitButton.textContent = words.send;
  cancelEdit.hidden = true;
  form.reset();
  fillForm(load(draftKey, {}));
}
cancelEdit.addEventListener("click", stopEditing);

function keepDraft() {
  if (!form.dataset.editing) save(draftKey, readForm());
}
form.addEventListener("input", keepDraft);
form.addEventListener("change", keepDraft);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearErrors();
  const item = { key: kit.newKey(), story: readForm() };
  if (form.dataset.editing) item.edit = Number(form.dataset.editing);
  outbox.push(item);
});
submitButton.disabled = false; // the page renders it disabled until this handler is on

/* A refused item leaves the outbox, so its text must live on: back in the form, as the
 * change it was (an edit) or as the saved draft (a new story), which a reload restores. */
function restore(item) {
  if (!item.edit && form.dataset.editing) { save(draftKey, item.story); return; }
  form.reset();
  fillForm(item.story);
  if (item.edit) {
    form.dataset.editing = item.edit;
    submitButton.textContent = shared.save_changes;
    cancelEdit.hidden = false;
  } else {
    save(draftKey, readForm());
  }
}

/* --- the outbox: a new story by its key, a change to one's own by its id --- */
const outbox = kit.outbox("toimija:outbox:" + code, {
  status: showStatus,
  send(item) {
    return item.edit
      ? api("PATCH", "/api/v1/stories/" + item.edit, item.story)
      : api("POST", "/api/v1/workshops/" + code + "/stories", { ...item.story, key: item.key });
  },
  sent(item, story) {
    if (item.edit && Number(form.dataset.editing) === item.edit) {
      stopEditing();
    } else if (!item.edit && sameStory(readForm(), item.story)) {
      form.reset();
      localStorage.removeItem(draftKey);
    }
    showStatus(shared.sent);
    putMine(story, true);
  },
  refused(item, error) {
    restore(item); // refused (time up, say): the text comes back to be fixed
    showErrors(error);
  },
});

/* The old phase's notices ("Sent. Thank you!", an error) do not come back with it; one
 * still waiting in the outbox keeps its line. */
kit.onPhase(() => {
  if (!outbox.pending()) feedback.forget();
});

/* --- the lists --- */
function putMine(story, isNew) {
  others.drop(story.id); // the room's event may have come before the post's answer
  mine.put(story, isNew);
  kit.store.myStoryIds.add(story.id);
  myEmpty.hidden = mine.count() > 0;
}
function dropMine(id) {
  mine.drop(id);
  kit.store.myStoryIds.delete(id);
  myEmpty.hidden = mine.count() > 0;
}
function redrawMine(stories) {
  mine.reset(stories || Array.from(mine.data.values())); // the buttons follow the phase
  myEmpty.hidden = mine.count() > 0;
}
function setPublic(isPublic) { othersSection.hidden = !isPublic; }

/* The snapshot carries the room's newest stories; the older ones, a page per tap. */
const olderButton = root.querySelector("[data-older-stories]");
function showOlder(more) { olderButton.hidden = !more; }
olderButton.addEventListener("click", () => {
  olderButton.disabled = true;
  const all = [...others.data.values(), ...mine.data.values()];
  const before = kit.oldestOf(others.data.size ? others.data : all, new Set());
  kit.olderStories(before).then((page) => {
    const older = page.stories.filter((s) => !mine.data.has(s.id) && !others.data.has(s.id));
    others.reset([...older, ...others.data.values()]);
    showOlder(page.more);
  }).finally(() => { olderButton.disabled = false; });
});

function putStory(data) {
  if (!data.story) { dropMine(data.story_id); others.drop(data.story_id); return; }
  if (mine.data.has(data.story.id)) putMine(data.story, false);
  else others.put(data.story, true);
}
/* Posted or changed: with no story, the room may not read it yet (private writing).
 * One's own story stays: the post's answer put it here, whichever came first. */
function changeStory(data) {
  if (!data.story && mine.data.has(data.story_id)) return;
  putStory(data);
}

/* The spotlight's banner is the page's (it stays over every step); the story is ours. */
const banner = document.querySelector("[data-spotlight-banner]");
function showSpotlight(story) {
  banner.hidden = !story;
  const holder = banner.querySelector("[data-spotlight-story]");
  holder.replaceChildren();
  if (story) holder.appendChild(Cards.story(story, { full: true }));
}

/* The lenses' questions, beside the form. */
const questions = root.querySelector("[data-lens-questions]");
const questionList = questions.querySelector("[data-lens-question-list]");
function showQuestions(lenses) {
  const asked = (lenses || []).filter((lens) => lens.question);
  questionList.replaceChildren(...asked.map((lens) => {
    const item = Cards.el("li", "lens-question");
    item.appendChild(Cards.el("strong", "lens-question-name", lens.name));
    item.appendChild(Cards.el("span", "lens-question-text", lens.question));
    return item;
  }));
  questions.hidden = asked.length === 0;
}

/* Whatever was typed before this script ran (a slow network) wins over the stored draft,
 * and both are kept from here on. */
const typedEarly = {};
Object.entries(readForm()).forEach(([name, value]) => { if (value !== "") typedEarly[name] = value; });
fillForm({ ...load(draftKey, {}), ...typedEarly });
if (Object.keys(typedEarly).length) save(draftKey, readForm());
