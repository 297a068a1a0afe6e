/* Control page: team and deliverables (templates/workshops/_deliverables.html).
 *
 * The charter's exports are plain links (the session cookie authenticates a GET). The
 * results link, the co-facilitators and retention come live from Control's store; the
 * rest are forms that call the API. When the workshop is deleted (or no longer shared
 * with this facilitator), the page says so and stops.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-deliverables]");
  var control = window.Control;
  if (!root || !control) return;

  var i18n = JSON.parse(document.getElementById("deliverables-i18n").textContent);
  var base = "/api/v1/workshops/" + control.code;
  var isOwner = root.dataset.isOwner === "true";
  var userId = Number(root.dataset.userId);
  var leaving = false; // this page deleted the workshop: go, don't mourn

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function busy(form, isBusy) {
    form.querySelectorAll("button").forEach(function (button) { button.disabled = isBusy; });
  }

  function flashStatus(node, text) {
    node.textContent = text;
    clearTimeout(node.timer);
    node.timer = setTimeout(function () { node.textContent = ""; }, 6000);
  }

  /* --- fold: open when the charter matters (results, closed), folded before --- */
  var toggle = root.querySelector("[data-deliverables-toggle]");
  var foldBody = root.querySelector("[data-deliverables-body]");
  var foldNote = root.querySelector("[data-deliverables-note]");

  function setFold(isOpen) {
    toggle.setAttribute("aria-expanded", String(isOpen));
    toggle.querySelector("[data-fold-label]").textContent = isOpen ? i18n.hide : i18n.show;
    foldBody.hidden = !isOpen;
    foldNote.hidden = isOpen;
    root.classList.toggle("is-folded", !isOpen);
  }
  toggle.addEventListener("click", function () {
    setFold(toggle.getAttribute("aria-expanded") !== "true");
  });
  var lateStage = function (phase) { return phase === "results" || phase === "closed"; };
  setFold(lateStage(document.body.dataset.phase));

  /* --- results link for the client --- */
  var shareBox = root.querySelector("[data-share]");
  var shareNone = shareBox.querySelector("[data-share-none]");
  var shareSome = shareBox.querySelector("[data-share-some]");
  var shareUrl = shareBox.querySelector("[data-share-url]");
  var shareError = shareBox.querySelector("[data-share-error]");
  var copyButton = shareBox.querySelector("[data-share-copy]");

  function showShare(share) {
    var url = share && share.share_url;
    shareNone.hidden = Boolean(url);
    shareSome.hidden = !url;
    shareUrl.textContent = url || "";
    shareUrl.href = url || "";
  }

  function shareCall(button, method) {
    button.disabled = true;
    control.api(method, base + "/share").then(function (result) {
      button.disabled = false;
      control.showError(shareError, result);
      if (!result.ok) return;
      // Don't wait for share_changed: the answer already says what the link is now.
      control.store.share = method === "POST" ? result.data : { share_url: null };
      showShare(control.store.share);
    });
  }
  shareBox.querySelector("[data-share-create]").addEventListener("click", function (event) {
    shareCall(event.currentTarget, "POST");
  });
  shareBox.querySelector("[data-share-revoke]").addEventListener("click", function (event) {
    var revoke = event.currentTarget;
    control.ask(revoke, revoke.parentNode, {
      key: "share-revoke",
      text: i18n.confirm_revoke,
      after: true,
      onYes: function () { shareCall(revoke, "DELETE"); },
    });
  });
  copyButton.addEventListener("click", function () {
    var original = copyButton.textContent;
    navigator.clipboard.writeText(shareUrl.href).then(function () {
      copyButton.textContent = i18n.copied;
      setTimeout(function () { copyButton.textContent = original; }, 1500);
    }, function () {
      window.getSelection().selectAllChildren(shareUrl); // no clipboard (http): select it
    });
  });

  /* --- co-facilitators --- */
  var teamList = root.querySelector("[data-team-list]");
  var teamEmpty = root.querySelector("[data-team-empty]");
  var teamForm = root.querySelector("[data-team-add]");

  function personRow(person, isTheOwner) {
    var li = el("li", "ctl-team-row");
    li.dataset.facilitatorId = person.id;
    var name = el("span", "ctl-team-email", person.email);
    li.appendChild(name);
    if (person.id === userId) li.appendChild(el("span", "muted", "(" + i18n.you + ")"));
    if (isTheOwner) li.appendChild(el("span", "chip", i18n.owner));
    if (isOwner && !isTheOwner) {
      var remove = el("button", "button button-small button-danger", i18n.remove);
      remove.type = "button";
      remove.setAttribute("aria-label", control.format(i18n.remove_label, { email: person.email }));
      var removeOptions = {
        key: "facilitator-remove:" + person.id,
        text: control.format(i18n.confirm_remove, { email: person.email }),
        onYes: function (trigger) {
          trigger.disabled = true;
          control.api("DELETE", base + "/facilitators/" + person.id).then(function (result) {
            trigger.disabled = false;
            if (result.ok) showTeam(Object.assign({}, control.store.team, result.data));
            else if (teamForm) control.showFormErrors(teamForm, result);
          });
        },
      };
      remove.addEventListener("click", function () { control.ask(remove, li, removeOptions); });
      li.appendChild(remove);
      control.reask(remove, li, removeOptions.key);
    }
    return li;
  }

  function showTeam(team) {
    var rows = [];
    if (team.owner) rows.push(personRow(team.owner, true));
    (team.co_facilitators || []).forEach(function (person) { rows.push(personRow(person, false)); });
    teamList.replaceChildren.apply(teamList, rows);
    teamEmpty.hidden = (team.co_facilitators || []).length > 0;
    // The owner stopped sharing it with this facilitator: nothing here works any more.
    if (!isOwner && team.owner && userId && !(team.co_facilitators || []).some(function (p) {
      return p.id === userId;
    })) {
      showGone(i18n.removed_title, i18n.removed_text);
    }
  }

  if (teamForm) {
    teamForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var email = teamForm.elements.email.value.trim();
      busy(teamForm, true);
      control.api("POST", base + "/facilitators", { email: email }).then(function (result) {
        busy(teamForm, false);
        control.showFormErrors(teamForm, result);
        if (!result.ok) return;
        teamForm.reset();
        showTeam(Object.assign({}, control.store.team, result.data));
      });
    });
  }

  /* --- save as template --- */
  var templateForm = root.querySelector("[data-template-form]");
  templateForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var status = templateForm.querySelector("[data-form-status]");
    status.textContent = "";
    busy(templateForm, true);
    var name = templateForm.elements.name.value.trim();
    control.api("POST", base + "/template", { name: name || null }).then(function (result) {
      busy(templateForm, false);
      control.showFormErrors(templateForm, result);
      if (result.ok) flashStatus(status, control.format(i18n.template_saved, { name: result.data.name }));
    });
  });

  /* --- retention --- */
  var retentionForm = root.querySelector("[data-retention-form]");
  var daysInput = retentionForm.elements.days;
  var deletesAt = retentionForm.querySelector("[data-deletes-at]");
  var retentionDirty = false; // a change typed here is not overwritten by a live update

  function keeps() { return retentionForm.elements.keep.value === "keep"; }

  function showRetention(retention) {
    var days = retention.retention_days;
    if (!retentionDirty) {
      retentionForm.elements.keep.value = days === null ? "keep" : "delete";
      if (days !== null) daysInput.value = days;
      daysInput.disabled = days === null;
    }
    if (retention.deletes_at) {
      var date = new Date(retention.deletes_at).toLocaleDateString(document.documentElement.lang, {
        day: "numeric", month: "long", year: "numeric",
      });
      deletesAt.textContent = control.format(i18n.deletes_on, { date: date });
    } else {
      deletesAt.textContent = days === null ? i18n.kept : i18n.deletes_after_close;
    }
  }

  retentionForm.addEventListener("change", function () {
    retentionDirty = true;
    daysInput.disabled = keeps();
  });
  retentionForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var status = retentionForm.querySelector("[data-form-status]");
    status.textContent = "";
    var days = keeps() ? null : Number(daysInput.value);
    if (!keeps() && (!daysInput.value.trim() || !Number.isInteger(days))) days = daysInput.value;
    busy(retentionForm, true);
    control.api("PUT", base + "/retention", { days: days }).then(function (result) {
      busy(retentionForm, false);
      if (!result.ok && result.data && result.data.error && result.data.error.fields) {
        daysInput.setAttribute("aria-invalid", "true");
      }
      control.showFormErrors(retentionForm, result);
      if (!result.ok) return;
      retentionDirty = false;
      control.store.retention = result.data;
      showRetention(result.data);
      flashStatus(status, i18n.saved);
    });
  });

  /* --- delete the workshop (owner): type the join code to confirm --- */
  var deleteForm = root.querySelector("[data-delete-form]");
  if (deleteForm) {
    var codeInput = deleteForm.elements.code;
    var deleteButton = deleteForm.querySelector("button");
    var typed = function () { return codeInput.value.replace(/\s+/g, "").toUpperCase(); };
    codeInput.addEventListener("input", function () {
      deleteButton.disabled = typed() !== codeInput.dataset.code.toUpperCase();
    });
    deleteForm.addEventListener("submit", function (event) {
      event.preventDefault();
      if (typed() !== codeInput.dataset.code.toUpperCase()) return;
      deleteButton.disabled = true;
      leaving = true;
      control.api("DELETE", base).then(function (result) {
        if (result.ok) {
          window.location.assign("/workshops");
          return;
        }
        leaving = false;
        deleteButton.disabled = false;
        control.showFormErrors(deleteForm, result);
      });
    });
  }

  /* --- the workshop is gone (deleted, or no longer shared): say so and stop --- */
  var gone = document.querySelector("[data-gone]");

  function showGone(title, text) {
    if (leaving || !gone.hidden) return;
    gone.querySelector("[data-gone-title]").textContent = title;
    gone.querySelector("[data-gone-text]").textContent = text;
    document.body.appendChild(gone); // outside <main>, which goes inert under it
    document.querySelectorAll("body > *").forEach(function (node) {
      if (node !== gone && node.tagName !== "SCRIPT") node.inert = true;
    });
    document.body.classList.add("is-gone");
    gone.hidden = false;
    gone.querySelector("[data-gone-link]").focus();
  }

  control.register({
    update: function (store, what) {
      if (what === "deleted" || store.deleted) {
        showGone(i18n.deleted_title, i18n.deleted_text);
        return;
      }
      if (what === "all" || what === "share") showShare(store.share);
      if (what === "all" || what === "team") {
        showTeam(store.team);
        showRetention(store.retention);
      }
      if (what === "phase" && lateStage(store.workshop.phase) && !lateStage(document.body.dataset.phase)) {
        setFold(true); // the workshop reached its results: the charter is what comes next
      }
    },
  });
})();
