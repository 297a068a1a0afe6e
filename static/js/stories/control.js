/* The stories on the control page: every story as it comes, to tag with the lenses,
 * spotlight, hide, restore or delete (asked in the page first); the lenses' editor; and
 * the reveal's row while writing is private. The practices' picker and the voting on
 * stories read the list through Control.storiesChanged (../facilitator-kit.js). */
import { register } from "../core/screen.js";
import { format } from "../core/format.js";

const control = window.Control;
const Cards = window.Cards;
const shared = window.Live.i18n; // hide, restore, delete, spotlight: every panel's words
const code = document.body.dataset.code;
const api = window.Live.request;
const csrf = document.querySelector('meta[name="csrf-token"]').content;
/* A moderation's request: no body, the page's CSRF token. */
function act(method, url) {
  return fetch(url, { method, credentials: "same-origin", headers: { "X-CSRFToken": csrf } });
}
let spotlightId = null;

const ctx = register("stories", {
  snapshot(state) {
    spotlightId = state.spotlight ? state.spotlight.id : null;
    stories.reset(state.stories);
    showLenses(state.lenses);
    showStories({});
    showRevealed(!state.workshop.private_writing || state.workshop.stories_revealed);
  },
  events: {
    lenses_changed(data) { showLenses(data.lenses); },
    spotlight_changed(data) { showSpotlight(data.story); },
    story_posted: showStories,
    story_updated: showStories,
    story_deleted: showStories,
    story_hidden: showStories,
    story_restored: showStories,
    stories_revealed() { showRevealed(true); },
  },
  unsequenced: {
    // On the tick, outside the seq: the counts of the stories reacted to since the last one.
    reaction_counts(data) {
      const counts = Object.entries(data.stories || {});
      counts.forEach(([id, reactions]) => stories.update(Number(id), { reactions }));
    },
  },
});

// For the keyboard shortcuts (../facilitator-keys.js): J and K go on from the spotlight.
control.run = Object.assign(control.run || {}, { spotlightId: () => spotlightId });

const root = ctx.root;
const words = ctx.words;
const storyCount = root.querySelector("[data-story-count]");
const storiesEmpty = root.querySelector("[data-stories-empty]");

function actionButton(label, className, method, url) {
  const button = Cards.el("button", "button button-small " + className, label);
  button.type = "button";
  button.addEventListener("click", () => {
    button.disabled = true;
    act(method, url).finally(() => { button.disabled = false; });
  });
  return button;
}

const stories = new Cards.Wall(root.querySelector("[data-stories]"), {
  full: true,
  tag(story, lensId, on) {
    act(on ? "PUT" : "DELETE", "/api/v1/stories/" + story.id + "/lenses/" + lensId);
  },
  decorate(card, story) {
    const actions = Cards.el("div", "card-actions");
    if (story.id === spotlightId) {
      card.classList.add("is-spotlit");
      const end = actionButton(shared.end_spotlight, "button-primary", "DELETE", "/api/v1/workshops/" + code + "/spotlight");
      end.setAttribute("aria-keyshortcuts", "Escape");
      actions.appendChild(end);
    } else if (!story.is_hidden) {
      actions.appendChild(actionButton(shared.spotlight, "", "POST", "/api/v1/stories/" + story.id + "/spotlight"));
    }
    actions.appendChild(story.is_hidden
      ? actionButton(shared.restore, "", "POST", "/api/v1/stories/" + story.id + "/restore")
      : actionButton(shared.hide, "button-danger", "POST", "/api/v1/stories/" + story.id + "/hide"));
    const remove = Cards.el("button", "button button-small button-danger", shared.delete);
    remove.type = "button";
    remove.dataset.action = "delete";
    const deleteOptions = {
      key: "story-delete:" + story.id,
      text: words.confirm_delete,
      onYes(trigger) {
        trigger.disabled = true;
        act("DELETE", "/api/v1/stories/" + story.id).finally(() => { trigger.disabled = false; });
      },
    };
    remove.addEventListener("click", () => control.ask(remove, card, deleteOptions));
    actions.appendChild(remove);
    card.appendChild(actions);
    control.reask(remove, card, deleteOptions.key);
  },
});

function showSpotlight(story) {
  const before = spotlightId;
  spotlightId = story ? story.id : null;
  stories.redraw(before); // its buttons change
  stories.redraw(spotlightId);
}

function showStories(data) {
  if (data.story) stories.put(data.story, true);
  else if (data.story_id) stories.drop(data.story_id);
  storyCount.textContent = stories.count();
  storiesEmpty.hidden = stories.count() > 0;
  control.storiesChanged(Array.from(stories.data.values()));
}

function showRevealed(isPublic) {
  root.querySelector("[data-private-row]").hidden = isPublic;
}

/* --- lenses: rename, remove, add --- */
const lensList = root.querySelector("[data-lens-list]");
function showLenses(lenses) {
  Cards.setLenses(lenses);
  lensList.replaceChildren(...lenses.map((lens) => {
    const li = Cards.el("li", "lens-row");
    const input = Cards.el("input");
    input.value = lens.name;
    input.maxLength = 80;
    input.setAttribute("aria-label", words.lens_name);
    const saveButton = Cards.el("button", "button button-small", words.save);
    saveButton.type = "button";
    saveButton.addEventListener("click", () => {
      api("PATCH", "/api/v1/lenses/" + lens.id, { name: input.value });
    });
    const removeButton = Cards.el("button", "button button-small button-danger", shared.delete);
    removeButton.type = "button";
    const removeOptions = {
      key: "lens-remove:" + lens.id,
      text: format(words.confirm_remove_lens, { name: lens.name }),
      onYes() { api("DELETE", "/api/v1/lenses/" + lens.id); },
    };
    removeButton.addEventListener("click", () => control.ask(removeButton, li, removeOptions));
    li.append(input, saveButton, removeButton);
    control.reask(removeButton, li, removeOptions.key);
    return li;
  }));
  stories.redrawAll();
}
const lensAdd = root.querySelector("[data-lens-add]");
lensAdd.addEventListener("submit", (event) => {
  event.preventDefault();
  api("POST", "/api/v1/workshops/" + code + "/lenses", { name: lensAdd.elements.name.value })
    .then((response) => { if (response.ok) lensAdd.reset(); });
});
