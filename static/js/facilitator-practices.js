/* Control page, practices panel: the live list with hide, restore, delete and merge;
 * revealing the practices; adding one from here. */
(function () {
  "use strict";
  var C = window.Control;
  var i18n = C.i18n;
  var el = window.Cards.el;
  var panel = document.querySelector('[data-panel="practices"]');
  var list = panel.querySelector("[data-practice-list]");
  var countPill = panel.querySelector("[data-practice-count]");
  var empty = panel.querySelector("[data-practices-empty]");
  var errorLine = panel.querySelector("[data-practices-error]");
  var privateRow = panel.querySelector("[data-practices-private]");
  var revealButton = panel.querySelector("[data-reveal-practices]");
  var shown = new Map(); // practice id -> the JSON its card was drawn from
  var merging = null; // {id, into}: the practice whose merge form is open
  // Other parts add to each card as it is drawn (static/js/practices/control.js).
  var cardParts = C.practiceCardParts = [];

  function button(label, className, onClick, action) {
    var b = el("button", "button button-small " + (className || ""), label);
    b.type = "button";
    if (action) b.dataset.action = action;
    b.addEventListener("click", onClick);
    return b;
  }

  /* Run an API call from a button: disabled meanwhile; the error shown above the list. */
  function act(trigger, method, url, payload) {
    trigger.disabled = true;
    return C.api(method, url, payload).then(function (result) {
      trigger.disabled = false;
      C.showError(errorLine, result);
      return result;
    });
  }

  function traceLine(practice) {
    var trace = el("div", "ctl-practice-trace");
    var n = practice.stories.length;
    if (!n) {
      trace.appendChild(el("span", "muted", i18n.trace_none));
      return trace;
    }
    trace.appendChild(el("span", "ctl-trace-label", C.count(n, "trace_one", "trace_other")));
    var items = el("ul", "ctl-trace-list");
    practice.stories.forEach(function (story) { items.appendChild(el("li", "", story.title)); });
    trace.appendChild(items);
    return trace;
  }

  /* Merging asks in the page, as the phase moves do: choose the practice, then a question
   * with the move's own button focused. Esc or Cancel goes back to the choice. */
  function mergeForm(practice) {
    var form = el("form", "ctl-merge-form");
    var choose = el("div", "ctl-merge-choose");
    var selectId = "merge-into-" + practice.id;
    var label = el("label", "", i18n.merge_into);
    label.htmlFor = selectId;
    var select = el("select");
    select.id = selectId;
    select.name = "into";
    select.dataset.mergeSelect = "";
    fillTargets(select, practice.id);
    select.addEventListener("change", function () { merging.into = select.value; });
    var help = el("p", "hint", i18n.merge_help);
    help.id = selectId + "-help";
    select.setAttribute("aria-describedby", help.id);
    var actions = el("div", "card-actions");
    var submit = el("button", "button button-small button-primary", i18n.merge_button);
    submit.type = "submit";
    submit.dataset.action = "merge-confirm";
    actions.append(submit, button(i18n.cancel, "", function () {
      merging = null;
      redraw(practice.id);
    }));
    choose.append(label, select, help, actions);
    var error = el("p", "form-error");
    error.setAttribute("role", "alert");
    error.hidden = true;
    error.dataset.mergeError = "";
    form.append(choose, error);

    var into = merging.asking ? C.store.practices.get(Number(merging.into)) : null;
    if (into) {
      choose.hidden = true;
      var ask = el("div", "ctl-confirm ctl-merge-ask");
      ask.setAttribute("role", "group");
      ask.dataset.mergeAsk = "";
      var text = el("p", "", C.format(i18n.confirm_merge, { from: practice.title, into: into.title }));
      text.id = "merge-question-" + practice.id;
      ask.setAttribute("aria-labelledby", text.id);
      var yes = button(i18n.merge_button, "button-primary", function () {
        yes.disabled = true;
        C.api("POST", "/api/v1/practices/" + practice.id + "/merge", { into: into.id }).then(function (result) {
          if (result.ok) {
            merging = null; // practices_merged redraws the list
            return;
          }
          yes.disabled = false;
          if (!merging || merging.id !== practice.id) return;
          merging.asking = false; // back to the choice, with the reason
          redraw(practice.id);
          var box = mergeBox(practice.id);
          if (box) C.showError(box.querySelector("[data-merge-error]"), result);
        });
      }, "merge-yes");
      var no = button(i18n.cancel, "", function () { backToChoice(practice.id); }, "merge-no");
      no.setAttribute("aria-keyshortcuts", "Escape");
      var buttons = el("div", "ctl-confirm-actions");
      buttons.append(yes, no);
      ask.append(text, buttons);
      ask.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") return;
        event.preventDefault(); // the question, not the spotlight
        backToChoice(practice.id);
      });
      form.appendChild(ask);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!C.store.practices.get(Number(select.value))) return;
      merging.into = select.value;
      merging.asking = true;
      redraw(practice.id);
      var box = mergeBox(practice.id);
      if (box) box.querySelector('[data-action="merge-yes"]').focus();
    });
    return form;
  }

  function mergeBox(practiceId) {
    return list.querySelector('[data-practice-id="' + practiceId + '"] .ctl-merge-form');
  }

  function backToChoice(practiceId) {
    if (!merging || merging.id !== practiceId) return;
    merging.asking = false;
    redraw(practiceId);
    var box = mergeBox(practiceId);
    if (box) box.querySelector("[data-merge-select]").focus();
  }

  function fillTargets(select, practiceId) {
    var chosen = merging && merging.id === practiceId ? merging.into : null;
    var options = Array.from(C.store.practices.values())
      .filter(function (p) { return p.id !== practiceId; })
      .map(function (p) {
        var option = el("option", "", p.is_hidden ? p.title + " " + i18n.hidden_suffix : p.title);
        option.value = String(p.id);
        return option;
      });
    select.replaceChildren.apply(select, options);
    if (chosen && options.some(function (o) { return o.value === chosen; })) select.value = chosen;
    if (merging && merging.id === practiceId) merging.into = select.value;
  }

  function card(practice, isNew) {
    var node = el("article", "ctl-practice-card");
    node.dataset.practiceId = practice.id;
    if (practice.is_hidden) node.classList.add("is-hidden");
    if (isNew) node.classList.add("arrive");
    node.appendChild(el("h3", "ctl-practice-title", practice.title));
    var meta = el("p", "ctl-practice-meta");
    if (practice.is_hidden) meta.appendChild(el("span", "chip chip-warn", i18n.hidden));
    if (practice.commitment) {
      meta.appendChild(el("span", "chip", C.format(i18n.commitment_n, { n: practice.commitment.position + 1 })));
    }
    if (practice.by_facilitator) meta.appendChild(el("span", "", i18n.by_facilitator));
    else if (practice.authors.length) {
      var byline = practice.authors.length === 1 ? i18n.authors.one : i18n.authors.other;
      meta.appendChild(el("span", "", C.format(byline, { name: practice.authors[0], names: practice.authors.join(", ") })));
    }
    if (meta.childNodes.length) node.appendChild(meta);
    if (practice.description_html) {
      var body = el("div", "story-body ctl-practice-body");
      body.innerHTML = practice.description_html; // cleaned on the server (nh3 allowlist)
      node.appendChild(body);
    }
    node.appendChild(traceLine(practice));

    var actions = el("div", "card-actions");
    var base = "/api/v1/practices/" + practice.id;
    actions.appendChild(practice.is_hidden
      ? button(i18n.restore, "", function (e) { act(e.currentTarget, "POST", base + "/restore"); }, "restore")
      : button(i18n.hide, "", function (e) { act(e.currentTarget, "POST", base + "/hide"); }, "hide"));
    var mergeButton = button(i18n.merge, "", function () {
      C.closeAsk(false); // one question at a time
      var before = merging && merging.id;
      merging = { id: practice.id, into: null };
      if (before && before !== practice.id) redraw(before);
      redraw(practice.id);
      var select = list.querySelector('[data-practice-id="' + practice.id + '"] select');
      if (select) select.focus();
    }, "merge");
    mergeButton.disabled = C.store.practices.size < 2;
    mergeButton.setAttribute("aria-expanded", String(Boolean(merging && merging.id === practice.id)));
    actions.appendChild(mergeButton);
    var remove = button(i18n.delete, "button-danger", function () {
      if (merging && merging.id === practice.id) { merging = null; redraw(practice.id); return askDelete(); }
      askDelete();
    }, "delete");
    function askDelete() {
      var trigger = list.querySelector('[data-practice-id="' + practice.id + '"] [data-action="delete"]') || remove;
      C.ask(trigger, trigger.closest(".ctl-practice-card"), {
        key: "practice-delete:" + practice.id,
        text: C.format(i18n.confirm_delete_practice, { title: practice.title }),
        onYes: function (t) { act(t, "DELETE", base); },
      });
    }
    actions.appendChild(remove);
    cardParts.forEach(function (add) { add(node, actions, practice); });
    node.appendChild(actions);
    if (merging && merging.id === practice.id) node.appendChild(mergeForm(practice));
    C.reask(remove, node, "practice-delete:" + practice.id);
    return node;
  }

  /* Focus in a redrawn card the control that had it in the old one (same action). */
  function keepFocus(node, focused) {
    var selector = focused.dataset.action ? '[data-action="' + focused.dataset.action + '"]'
      : focused.hasAttribute("data-merge-select") ? "[data-merge-select]" : null;
    var twin = selector && node.querySelector(selector);
    if (twin) twin.focus();
  }

  function redraw(id) {
    var existing = list.querySelector('[data-practice-id="' + id + '"]');
    var practice = C.store.practices.get(id);
    if (existing && practice) existing.replaceWith(card(practice, false));
  }

  /* Keep the cards in step with the store: add, replace what changed, drop what went. */
  function render(animate) {
    var practices = Array.from(C.store.practices.values()).sort(function (a, b) { return a.id - b.id; });
    if (merging && !C.store.practices.has(merging.id)) merging = null;
    var seen = new Set();
    var previous = null;
    practices.forEach(function (practice) {
      seen.add(practice.id);
      var json = JSON.stringify(practice) + C.store.practices.size;
      var existing = list.querySelector('[data-practice-id="' + practice.id + '"]');
      var node = existing;
      if (!existing || shown.get(practice.id) !== json) {
        node = card(practice, animate && !existing);
        if (existing) {
          var focused = existing.contains(document.activeElement) ? document.activeElement : null;
          existing.replaceWith(node);
          if (focused) keepFocus(node, focused); // a live change does not take the focus away
        }
      }
      shown.set(practice.id, json);
      var after = previous ? previous.nextSibling : list.firstChild;
      if (node !== after) list.insertBefore(node, after);
      previous = node;
    });
    Array.from(list.children).forEach(function (node) {
      if (!seen.has(Number(node.dataset.practiceId))) {
        shown.delete(Number(node.dataset.practiceId));
        node.remove();
      }
    });
    list.querySelectorAll("[data-merge-select]").forEach(function (select) {
      fillTargets(select, Number(select.closest("[data-practice-id]").dataset.practiceId));
    });
    countPill.textContent = practices.length;
    empty.hidden = practices.length > 0;
  }

  function showPrivacy(workshop) {
    privateRow.hidden = !(workshop.phase === "practices" && workshop.private_writing && !workshop.practices_revealed);
  }

  revealButton.addEventListener("click", function () {
    act(revealButton, "POST", "/api/v1/workshops/" + C.code + "/reveal", { what: "practices" })
      .then(function (result) {
        if (!result.ok) return;
        C.store.workshop.practices_revealed = true;
        showPrivacy(C.store.workshop);
      });
  });

  /* --- adding a practice from the control page --- */
  var form = panel.querySelector("[data-practice-add]");
  var options = form.querySelector("[data-story-options]");
  var optionsEmpty = form.querySelector("[data-story-options-empty]");
  var status = form.querySelector("[data-form-status]");
  var pendingKey = null; // kept until the server has it, so a retry cannot post twice

  function showStoryOptions(stories) {
    var checked = new Set(Array.from(form.querySelectorAll("[name=story_ids]:checked"), function (box) {
      return box.value;
    }));
    var visible = stories.filter(function (s) { return !s.is_hidden; });
    options.replaceChildren.apply(options, visible.map(function (story) {
      var label = el("label", "ctl-story-option");
      var box = el("input");
      box.type = "checkbox";
      box.name = "story_ids";
      box.value = String(story.id);
      box.checked = checked.has(box.value);
      label.append(box, el("span", "", story.title));
      return label;
    }));
    optionsEmpty.hidden = visible.length > 0;
  }

  form.addEventListener("input", function () {
    pendingKey = null; // a changed practice is a new one
    status.textContent = "";
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var submit = form.querySelector("[type=submit]");
    pendingKey = pendingKey || C.newKey();
    var payload = {
      title: form.elements.title.value,
      description: form.elements.description.value,
      story_ids: Array.from(form.querySelectorAll("[name=story_ids]:checked"), function (box) {
        return Number(box.value);
      }),
      key: pendingKey,
    };
    submit.disabled = true;
    status.textContent = i18n.saving;
    C.api("POST", "/api/v1/workshops/" + C.code + "/practices", payload).then(function (result) {
      submit.disabled = false;
      C.showFormErrors(form, result);
      status.textContent = result.ok ? i18n.added : "";
      if (!result.ok) return;
      pendingKey = null;
      form.reset();
      status.textContent = i18n.added;
      form.elements.title.focus();
    });
  });

  C.register({
    update: function (store, what) {
      if (what === "stories" || what === "all") showStoryOptions(store.stories);
      if (what === "practices" || what === "all" || what === "phase" || what === "commitments") {
        render(what === "practices");
      }
      if (what === "all" || what === "phase" || what === "practices") showPrivacy(store.workshop);
    },
  });
})();
