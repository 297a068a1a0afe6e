/* Control page, results panel: the ranking, and the commitments (owner, first step,
 * order) that the organisation takes away. */
(function () {
  "use strict";
  var C = window.Control;
  var i18n = C.i18n;
  var el = window.Cards.el;
  var panel = document.querySelector('[data-panel="results"]');
  var summary = panel.querySelector("[data-results-summary]");
  var rankingList = panel.querySelector("[data-ranking]");
  var rankingEmpty = panel.querySelector("[data-ranking-empty]");
  var commitmentList = panel.querySelector("[data-commitments]");
  var commitmentsEmpty = panel.querySelector("[data-commitments-empty]");
  var commitmentCount = panel.querySelector("[data-commitment-count]");
  var errorLine = panel.querySelector("[data-results-error]");
  var focusOwnerOf = null; // a practice just made a commitment: its owner field gets focus
  var map = null; // the agency x ease map, when static/js/map.js is on the page (optional)
  if (window.PracticeMap) {
    map = new window.PracticeMap(panel.querySelector("[data-results-map]"), { words: i18n.map });
    panel.querySelector("[data-results-map-figure]").hidden = false;
  }

  function commitmentUrl(id) { return "/api/v1/practices/" + id + "/commitment"; }

  function rankRow(row) {
    var practice = row.item; // a practice, or a story where the room voted on the stories
    var li = el("li", "ctl-rank-row");
    li.dataset[row.story ? "storyId" : "practiceId"] = practice.id;
    li.appendChild(el("span", "ctl-rank-number", String(row.rank)));
    var main = el("div", "ctl-rank-main");
    main.appendChild(el("span", "ctl-rank-title", practice.title));
    var facts = el("span", "ctl-rank-facts");
    facts.appendChild(el("strong", "", C.count(row.dots, "dots_one", "dots_other")));
    if (!row.story) facts.appendChild(document.createTextNode(" · " + rankRatings(row)));
    main.appendChild(facts);
    li.appendChild(main);
    if (row.story) return li; // commitments are made of practices
    if (practice.commitment) {
      li.appendChild(el("span", "chip ctl-rank-commitment",
        C.format(i18n.commitment_n, { n: practice.commitment.position + 1 })));
    } else {
      var make = el("button", "button button-small", i18n.make_commitment);
      make.type = "button";
      make.dataset.makeCommitment = "";
      make.addEventListener("click", function () {
        make.disabled = true;
        focusOwnerOf = practice.id;
        C.api("PUT", commitmentUrl(practice.id), {}).then(function (result) {
          make.disabled = false;
          C.showError(errorLine, result);
        });
      });
      li.appendChild(make);
    }
    return li;
  }

  function rankRatings(row) {
    if (!row.ratings) return i18n.no_ratings;
    return C.format(i18n.agency_mean, { value: C.decimal(row.agency) }) + " · " +
      C.format(i18n.ease_mean, { value: C.decimal(row.ease) });
  }

  function showRanking(store) {
    var rows = C.ranking();
    rankingList.replaceChildren.apply(rankingList, rows.map(function (row, index) {
      return rankRow(Object.assign({ rank: index + 1 }, row));
    }));
    rankingEmpty.hidden = rows.length > 0;
    if (map) {
      map.update(rows.filter(function (row) { return row.practice; }).map(function (row, index) {
        return {
          id: row.practice.id, label: String(index + 1), title: row.practice.title,
          agency: row.agency, ease: row.ease, weight: row.dots, marked: Boolean(row.practice.commitment),
        };
      }), { sized: true });
    }
    var tally = store.tally || {};
    summary.textContent = C.format(i18n.results_summary, {
      voters: tally.voters || 0, participants: tally.participants || 0, dots: tally.dots_cast || 0,
    }) + (store.workshop.phase === "voting" && !(store.voting || {}).revealed ? " · " + i18n.results_preview : "");
  }

  /* One input that saves itself on change, and says so. */
  function savingField(practice, name, labelText, placeholder, maxLength, statusNode) {
    var wrap = el("div", "ctl-commitment-field");
    var id = "commitment-" + name + "-" + practice.id;
    var label = el("label", "", labelText);
    label.htmlFor = id;
    // A first step is a sentence or two: it gets room to wrap; an owner is a name.
    var input = el(name === "first_step" ? "textarea" : "input");
    if (name === "first_step") input.rows = 2;
    input.id = id;
    input.name = name;
    input.maxLength = maxLength;
    input.placeholder = placeholder;
    input.setAttribute("autocomplete", "off");
    input.value = (practice.commitment && practice.commitment[name]) || "";
    input.dataset.saved = input.value;
    input.addEventListener("input", function () {
      statusNode.textContent = input.value === input.dataset.saved ? "" : i18n.unsaved;
      statusNode.className = "ctl-commitment-status is-unsaved";
    });
    input.addEventListener("change", function () {
      var body = {};
      body[name] = input.value;
      statusNode.textContent = i18n.saving;
      statusNode.className = "ctl-commitment-status";
      C.api("PUT", commitmentUrl(practice.id), body).then(function (result) {
        if (result.ok) {
          input.dataset.saved = input.value = (result.data.commitment || {})[name] || "";
          input.removeAttribute("aria-invalid");
          statusNode.textContent = i18n.saved;
          statusNode.className = "ctl-commitment-status is-saved";
        } else {
          input.setAttribute("aria-invalid", "true");
          statusNode.textContent = C.errorText(result);
          statusNode.className = "ctl-commitment-status is-error";
        }
      });
    });
    wrap.append(label, input);
    return wrap;
  }

  function iconButton(text, label, onClick) {
    var b = el("button", "button button-small ctl-icon-button", text);
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }

  function commitmentRow(practice) {
    var li = el("li", "ctl-commitment");
    li.dataset.practiceId = practice.id;
    var head = el("div", "ctl-commitment-head");
    head.appendChild(el("span", "ctl-rank-number ctl-commitment-number"));
    head.appendChild(el("h4", "ctl-commitment-title", practice.title));
    li.appendChild(head);
    var statusNode = el("p", "ctl-commitment-status");
    statusNode.setAttribute("role", "status");
    var fields = el("div", "ctl-commitment-fields");
    fields.append(
      savingField(practice, "owner", i18n.owner, i18n.owner_placeholder, 80, statusNode),
      savingField(practice, "first_step", i18n.first_step, i18n.first_step_placeholder, 280, statusNode)
    );
    li.appendChild(fields);
    var actions = el("div", "ctl-commitment-actions");
    var move = function (delta) {
      return function (event) {
        var trigger = event.currentTarget;
        var current = C.store.practices.get(practice.id) || practice;
        var position = current.commitment ? current.commitment.position : 0;
        trigger.disabled = true;
        C.api("PUT", commitmentUrl(practice.id), { position: Math.max(0, position + delta) }).then(function (result) {
          C.showError(errorLine, result);
          showCommitments(); // which arrows apply depends on the order, not on this click
        });
      };
    };
    var up = iconButton("\u2191", C.format(i18n.move_up, { title: practice.title }), move(-1));
    up.dataset.moveUp = "";
    var down = iconButton("\u2193", C.format(i18n.move_down, { title: practice.title }), move(1));
    down.dataset.moveDown = "";
    var remove = el("button", "button button-small button-danger", i18n.remove_commitment);
    remove.type = "button";
    remove.setAttribute("aria-label", C.format(i18n.remove_commitment_label, { title: practice.title }));
    remove.addEventListener("click", function () {
      C.ask(remove, li, {
        key: "commitment-remove:" + practice.id,
        text: C.format(i18n.confirm_remove_commitment, { title: practice.title }),
        onYes: function () {
          remove.disabled = true;
          C.api("DELETE", commitmentUrl(practice.id)).then(function (result) {
            remove.disabled = false;
            C.showError(errorLine, result);
          });
        },
      });
    });
    actions.append(up, down, statusNode, remove);
    li.appendChild(actions);
    return li;
  }

  /* Fields keep what is being typed: only values the person is not editing are replaced. */
  function refreshRow(li, practice) {
    li.querySelector(".ctl-commitment-title").textContent = practice.title;
    ["owner", "first_step"].forEach(function (name) {
      var input = li.querySelector('[name="' + name + '"]');
      var value = (practice.commitment && practice.commitment[name]) || "";
      if (input.value === input.dataset.saved && document.activeElement !== input) input.value = value;
      input.dataset.saved = value;
    });
  }

  function showCommitments() {
    var chosen = C.commitments();
    var focused = document.activeElement;
    var rows = new Map(Array.from(commitmentList.children, function (li) {
      return [Number(li.dataset.practiceId), li];
    }));
    chosen.forEach(function (practice, index) {
      var li = rows.get(practice.id);
      if (li) {
        refreshRow(li, practice);
        rows.delete(practice.id);
      } else {
        li = commitmentRow(practice);
      }
      li.querySelector(".ctl-commitment-number").textContent = String(index + 1);
      li.querySelector("[data-move-up]").disabled = index === 0;
      li.querySelector("[data-move-down]").disabled = index === chosen.length - 1;
      if (commitmentList.children[index] !== li) commitmentList.insertBefore(li, commitmentList.children[index] || null);
    });
    rows.forEach(function (li) { li.remove(); });
    // Moving a row takes the focus with it: give it back, so arrows can be pressed again.
    if (focused && focused !== document.activeElement && commitmentList.contains(focused)) {
      var row = focused.closest("li");
      var target = focused.disabled && row ? row.querySelector("[data-move-up]:not(:disabled), [data-move-down]:not(:disabled)") : focused;
      if (target) target.focus();
    }
    if (focusOwnerOf !== null) {
      var owner = commitmentList.querySelector('[data-practice-id="' + focusOwnerOf + '"] input[name="owner"]');
      if (owner) { owner.focus(); focusOwnerOf = null; }
    }
    commitmentCount.textContent = chosen.length;
    commitmentsEmpty.hidden = chosen.length > 0;
  }

  C.register({
    update: function (store, what) {
      if (what === "stories" && (store.voting || {}).on !== "stories") return;
      showRanking(store);
      if (what !== "tally") showCommitments();
    },
  });
})();
