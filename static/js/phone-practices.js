/* The practices phase on the phone: propose a practice, picked from the stories it
 * comes from, and see one's own and (once shown) everyone's. A proposal waits in an
 * outbox in localStorage until the server confirms it; its key makes a retry land once. */
(function () {
  "use strict";
  var kit = window.PhoneKit;
  var store = kit.store;
  var words = kit.i18n.practice;
  var el = Cards.el;
  var form = document.querySelector("[data-practice-form]");
  if (!form) return;
  var draftKey = "toimija:practice-draft:" + kit.code;
  var statusLine = form.querySelector("[data-practice-status]");
  var formError = form.querySelector("[data-practice-error]");
  var submitButton = form.querySelector('button[type="submit"]');
  var search = form.querySelector("[data-story-search]");
  var options = form.querySelector("[data-story-options]");
  var noMatch = form.querySelector("[data-story-none]");
  var pickedLine = form.querySelector("[data-picked-count]");
  var pickedChips = form.querySelector("[data-picked]");
  var mineList = document.querySelector("[data-my-practices]");
  var mineEmpty = document.querySelector("[data-my-practices-empty]");
  var othersSection = document.querySelector("[data-all-practices]");
  var othersList = document.querySelector("[data-other-practices]");
  var othersEmpty = document.querySelector("[data-other-practices-empty]");
  var picked = new Set(); // story ids

  /* --- the story picker --- */
  function plain(text) {
    // For matching, "kayttaja" finds "käyttäjä": a phone keyboard may lack the letters.
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  /* The start of what happened, as plain text, cut between words (never inside one). */
  var SNIPPET = 90;
  function snippet(story) {
    var text = (story.happened || "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // a link shows its words, not its address
      .replace(/[*_#>`~\[\]]/g, "").replace(/\s+/g, " ").trim();
    if (text.length <= SNIPPET) return text;
    var space = text.lastIndexOf(" ", SNIPPET);
    return text.slice(0, space > 0 ? space : SNIPPET).replace(/[\s,.;:!?\u2013-]+$/, "") + "\u2026";
  }
  var rows = []; // {id, row, haystack}

  function drawOptions() {
    rows = [];
    var list = Array.from(store.stories.values());
    options.replaceChildren.apply(options, list.map(function (story) {
      var row = el("li", "story-option");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.name = "story_ids";
      box.value = story.id;
      box.checked = picked.has(story.id);
      label.appendChild(box);
      var text = el("span", "story-option-text");
      text.appendChild(el("span", "story-option-title", story.title));
      text.appendChild(el("span", "story-option-snippet", snippet(story)));
      label.appendChild(text);
      row.appendChild(label);
      rows.push({
        id: story.id,
        row: row,
        haystack: plain([story.title, story.happened, story.staff_did, story.manner, story.could_do, story.place].join(" ")),
      });
      return row;
    }));
    // A picked story that left the wall cannot be linked any more.
    if (store.loaded) picked.forEach(function (id) { if (!store.stories.has(id)) picked.delete(id); });
    filter();
    showPicked();
  }
  function filter() {
    var words = plain(search.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r) {
      var match = words.every(function (w) { return r.haystack.indexOf(w) >= 0; });
      r.row.hidden = !match;
      if (match) shown++;
    });
    noMatch.hidden = shown > 0 || !rows.length;
    form.querySelector("[data-no-stories]").hidden = rows.length > 0;
  }
  function showPicked() {
    pickedLine.textContent = picked.size ? kit.count(picked.size, words.picked) : words.picked_none;
    pickedLine.classList.toggle("is-none", !picked.size);
    pickedChips.replaceChildren();
    picked.forEach(function (id) {
      var story = store.stories.get(id);
      if (!story) return;
      var chip = el("button", "picked-chip");
      chip.type = "button";
      chip.setAttribute("aria-label", kit.format(words.unpick, { title: story.title }));
      chip.appendChild(el("span", "picked-chip-title", story.title));
      chip.appendChild(el("span", "picked-chip-x", "\u00d7"));
      chip.addEventListener("click", function () { setPicked(id, false); });
      pickedChips.appendChild(chip);
    });
  }
  function setPicked(id, on) {
    if (on) picked.add(id); else picked.delete(id);
    var box = options.querySelector('input[value="' + id + '"]');
    if (box) box.checked = on;
    showPicked();
    saveDraft();
  }
  options.addEventListener("change", function (event) {
    if (event.target.name === "story_ids") setPicked(Number(event.target.value), event.target.checked);
  });
  search.addEventListener("input", filter);
  search.addEventListener("keydown", function (event) {
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
  function fillForm(data) {
    data = data || {};
    form.elements.title.value = data.title || "";
    form.elements.description.value = data.description || "";
    picked = new Set(data.story_ids || []);
    drawOptions();
  }
  function saveDraft() { if (!form.dataset.editing) kit.save(draftKey, readForm()); }
  form.addEventListener("input", function (event) {
    if (event.target === search) return;
    saveDraft();
    // A field being fixed stops being marked wrong.
    var name = event.target.name;
    var error = name && form.querySelector('[data-error-for="' + name + '"]');
    if (error) error.hidden = true;
    event.target.removeAttribute("aria-invalid");
  });

  var feedback = kit.formFeedback(form, statusLine, formError, function (name) {
    return name === "story_ids" ? search : form.elements[name];
  });
  var showStatus = feedback.showStatus, clearErrors = feedback.clearErrors, showErrors = feedback.showErrors;

  /* Editing one's own practice: the same form, sent as a change through the same outbox. */
  var cancelEdit = el("button", "button button-block", kit.i18n.cancel);
  cancelEdit.type = "button";
  cancelEdit.hidden = true;
  submitButton.after(cancelEdit);
  function startEditing(practice) {
    clearErrors();
    search.value = "";
    fillForm({ title: practice.title, description: practice.description, story_ids: practice.story_ids });
    form.dataset.editing = practice.id;
    submitButton.textContent = kit.i18n.save_changes;
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
      submitButton.textContent = kit.i18n.save_changes;
      cancelEdit.hidden = false;
    } else {
      saveDraft();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var item = { key: kit.newKey(), practice: readForm() };
    if (form.dataset.editing) item.edit = Number(form.dataset.editing);
    outbox.push(item);
  });

  /* --- the outbox: a new practice by its key, a change to one's own by its id --- */
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  var outbox = kit.outbox("toimija:practice-outbox:" + kit.code, {
    status: showStatus,
    send: function (item) {
      return item.edit
        ? kit.api("PATCH", "/api/v1/practices/" + item.edit, item.practice)
        : kit.api("POST", "/api/v1/workshops/" + kit.code + "/practices", Object.assign({}, item.practice, { key: item.key }));
    },
    sent: function (item, practice) {
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
    refused: function (item, error) {
      restore(item); // refused (time up, say): the text comes back to be fixed
      showErrors(error);
    },
  });

  /* --- the lists --- */
  function actions(practice, card) {
    var row = el("div", "card-actions");
    var edit = el("button", "button button-small", kit.i18n.edit);
    edit.type = "button";
    edit.addEventListener("click", function () { startEditing(practice); });
    var remove = el("button", "button button-small button-danger", kit.i18n.delete);
    remove.type = "button";
    var deleteOptions = {
      key: "practice-delete:" + practice.id,
      text: words.confirm_delete,
      onYes: function () {
        kit.api("DELETE", "/api/v1/practices/" + practice.id).then(function (response) {
          if (response.ok) { kit.dropPractice(practice.id); return; }
          return response.json().then(function (data) { showErrors(data.error); });
        }).catch(function () { showStatus(kit.i18n.error); });
      },
    };
    remove.addEventListener("click", function () { kit.ask(remove, card, deleteOptions); });
    row.appendChild(edit);
    row.appendChild(remove);
    card.appendChild(row);
    kit.reask(remove, card, deleteOptions.key);
    return row;
  }
  /* Other parts add to each listed card (static/js/practices/phone.js: the reactions). */
  var decorators = kit.practiceDecorators = [];
  function listed(p) {
    var card = kit.practiceCard(p);
    decorators.forEach(function (decorate) { decorate(card, p); });
    return card;
  }
  function drawLists() {
    var mine = [];
    var others = [];
    store.practices.forEach(function (p) { (store.myIds.has(p.id) ? mine : others).push(p); });
    var open = store.phase === "practices";
    mineList.replaceChildren.apply(mineList, mine.map(function (p) {
      var card = listed(p);
      if (open) actions(p, card);
      return card;
    }));
    mineEmpty.hidden = mine.length > 0;
    othersList.replaceChildren.apply(othersList, others.map(listed));
    othersSection.hidden = !(store.isPublic || others.length);
    othersEmpty.hidden = others.length > 0;
  }

  var storiesDrawn = null;
  kit.listen(function (what) {
    if (what === "all" || what === "practices" || what === "voting") drawLists();
    if (what === "all" || what === "stories") {
      var ids = Array.from(store.stories.values(), function (s) { return s.id + ":" + s.title; }).join("\n");
      if (ids !== storiesDrawn) { storiesDrawn = ids; drawOptions(); }
    }
  });

  fillForm(kit.load(draftKey, {}));
  // The old phase's notices do not come back with it; one waiting to be sent stays.
  kit.onPhase(function () { if (!outbox.pending()) feedback.forget(); });
  kit.register({
    snapshot: function () { outbox.flush(); }, // every (re)connect is a chance to deliver
  });
})();
