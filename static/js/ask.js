/* One way of asking before something is removed, on the control page and the phone: the
 * question in the page (never a browser dialog), a red button that acts, focused, and
 * Cancel; Esc or Cancel closes it and gives the focus back to the button that asked. One
 * question at a time; `options.key` names what it is about, so a card drawn again by a
 * live change asks again (reask). The screens differ only in their look:
 *   Ask({box, text, yes, no, actions, cancel, yesLabel, hideRow}) -> {ask, reask, closeAsk}
 * where the first five are class names, cancel the Cancel label, yesLabel(trigger) the
 * acting button's default label and hideRow a selector of the trigger's row that the
 * question takes the place of (the phone's card buttons), or null.
 * ask(trigger, host, options): options are key, text, yes (label), onYes(trigger), and
 * after (place the box right after `host` instead of inside it). */
(function () {
  "use strict";

  window.Ask = function (look) {
    var el = Cards.el;
    var question = null; // {key, options, trigger, box, row}
    var asked = 0;

    function closeAsk(refocus, key) {
      if (!question || (key && question.key !== key)) return false;
      var open = question;
      question = null;
      open.box.remove();
      if (open.row) open.row.hidden = false;
      open.trigger.setAttribute("aria-expanded", "false");
      if (refocus && open.trigger.isConnected) open.trigger.focus();
      return true;
    }

    function drawAsk(trigger, host, options) {
      var box = el("div", look.box);
      box.setAttribute("role", "group");
      box.dataset.ask = options.key;
      var text = el("p", look.text, options.text);
      text.id = "ask-question-" + (++asked);
      box.setAttribute("aria-labelledby", text.id);
      var yes = el("button", look.yes, options.yes || look.yesLabel(trigger));
      yes.type = "button";
      yes.dataset.confirmYes = "";
      yes.dataset.action = "ask-yes"; // a card redrawn around it finds its twin by action
      var no = el("button", look.no, look.cancel);
      no.type = "button";
      no.dataset.confirmNo = "";
      no.dataset.action = "ask-no";
      no.setAttribute("aria-keyshortcuts", "Escape");
      var buttons = el("div", look.actions);
      buttons.append(yes, no);
      box.append(text, buttons);
      yes.addEventListener("click", function () {
        var current = question ? question.trigger : trigger;
        closeAsk(true);
        options.onYes(current);
      });
      no.addEventListener("click", function () { closeAsk(true); });
      box.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") return;
        event.preventDefault(); // the question's Esc, not the page's (the spotlight's)
        closeAsk(true);
      });
      if (options.after) host.after(box);
      else host.appendChild(box);
      var row = look.hideRow ? trigger.closest(look.hideRow) : null;
      if (row) row.hidden = true;
      trigger.setAttribute("aria-expanded", "true");
      question = { key: options.key, options: options, trigger: trigger, box: box, row: row };
      return yes;
    }

    function ask(trigger, host, options) {
      closeAsk(false);
      drawAsk(trigger, host, options).focus();
    }

    /* A card drawn again gets its open question back; if the focus was in the old
     * question, the new one takes it once the card is in the page. */
    function reask(trigger, host, key) {
      if (!question || question.key !== key || question.trigger === trigger) return;
      var active = document.activeElement;
      var hadFocus = question.box.contains(active) || !active || active === document.body;
      var which = active && active.hasAttribute && active.hasAttribute("data-confirm-no") ? "no" : "yes";
      question.box.remove();
      if (question.row) question.row.hidden = false;
      drawAsk(trigger, host, question.options);
      var box = question.box;
      if (!hadFocus) return;
      Promise.resolve().then(function () {
        var now = document.activeElement;
        if (!box.isConnected || (now && now !== document.body && !now.closest("[data-ask]"))) return;
        box.querySelector(which === "no" ? "[data-confirm-no]" : "[data-confirm-yes]").focus();
      });
    }

    return { ask: ask, reask: reask, closeAsk: closeAsk };
  };
})();
