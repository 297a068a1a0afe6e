/* Phone: the lenses' questions beside the story form, so people write with them in
 * mind. They follow each snapshot and every rename, addition or deletion of a lens. */
(function () {
  "use strict";
  var box = document.querySelector("[data-lens-questions]");
  if (!box) return;
  var list = box.querySelector("[data-lens-question-list]");
  var el = Cards.el;

  function show(lenses) {
    var asked = (lenses || []).filter(function (lens) { return lens.question; });
    list.replaceChildren.apply(list, asked.map(function (lens) {
      var item = el("li", "lens-question");
      item.appendChild(el("strong", "lens-question-name", lens.name));
      item.appendChild(el("span", "lens-question-text", lens.question));
      return item;
    }));
    box.hidden = asked.length === 0;
  }

  PhoneKit.register({
    snapshot: function (state) { show(state.lenses); },
    events: { lenses_changed: function (data) { show(data.lenses); } },
  });
})();
