/* Voting on the phone: dots and two ratings per practice, over the socket with acks;
 * where the voting step votes on the stories (voting.on), dots on the story cards.
 *
 * A dot is an intent with a random key, kept in localStorage until the server has
 * answered: on a timeout or a dropped connection the same key goes again, so it
 * lands once. What is left is only ever what the server's last answer said. */
(function () {
  "use strict";
  var kit = window.PhoneKit;
  var store = kit.store;
  var words = kit.i18n.vote;
  var el = Cards.el;
  var view = document.querySelector('[data-phase-view="voting"]');
  if (!view) return;
  var list = view.querySelector("[data-vote-list]");
  var bar = view.querySelector("[data-dots-bar]");
  var queueKey = "toimija:dots:" + kit.code;
  var ratingsKey = "toimija:ratings:" + kit.code;
  var ACK_TIMEOUT = 8000;
  var MAX_GLYPHS = 8;

  var socket = null;
  var ballot = { budget: 0, remaining: 0, votes: [] }; // as the server last said
  var myRatings = {}; // practice id -> {agency, ease}, as the server last said
  var chosen = {}; // practice id -> {agency, ease} picked on this phone, maybe not sent yet
  var queue = kit.load(queueKey, []); // [{op: "cast"|"withdraw", key, practice_id or story_id}]
  var rateQueue = kit.load(ratingsKey, {}); // practice id -> {agency, ease} to send
  var inflight = null;
  var rateInflight = null;
  var errors = {}; // practice id -> message
  var saved = {}; // practice id -> true after the server confirmed a rating
  var tally = null;
  var votingStep = null; // the voting round this phone's ballot is of
  var heading = view.querySelector("[data-vote-heading]");
  var intro = view.querySelector("[data-vote-instruction]");
  var texts = { heading: heading.textContent, intro: intro.textContent, empty: view.querySelector("[data-vote-empty]").textContent };

  /* What the dots go on, and by which id the server names it. */
  function onStories() { return Boolean(store.voting && store.voting.on === "stories"); }
  function field() { return onStories() ? "story_id" : "practice_id"; }

  function message(error) {
    return (error && words.errors[error.code]) || (error && error.message) || kit.i18n.error;
  }
  function persist() { kit.save(queueKey, queue); kit.save(ratingsKey, rateQueue); }
  function cap() { return (store.voting && store.voting.per_practice_cap) || ballot.budget; }
  function idOf(item) { return item.story_id !== undefined ? item.story_id : item.practice_id; }
  function selfVotes() { return !store.voting || store.voting.self_votes !== false; }
  function confirmedOn(id) { return ballot.votes.filter(function (v) { return v[field()] === id; }); }
  function pending(op, id) {
    return queue.filter(function (q) { return q.op === op && (id === undefined || q[field()] === id); }).length;
  }

  /* --- talking to the server --- */
  function pump() {
    if (inflight || !queue.length || !socket || !socket.connected) return;
    var op = queue[0];
    var token = (inflight = {});
    var payload = { key: op.key };
    if (op.op === "cast") payload[op.story_id !== undefined ? "story_id" : "practice_id"] = idOf(op);
    socket.timeout(ACK_TIMEOUT).emit(op.op === "cast" ? "cast_vote" : "withdraw_vote", payload, function (err, ack) {
      if (inflight !== token) return; // a reconnect started over
      inflight = null;
      if (err) { setTimeout(pump, 1500); draw(); return; } // the same key goes again
      queue = queue.filter(function (q) { return q.key !== op.key || q.op !== op.op; });
      persist();
      if (ack && ack.ok) {
        ballot.remaining = ack.remaining;
        ballot.votes = ack.votes;
        delete errors[idOf(op)];
      } else if (!(op.op === "withdraw" && ack && ack.error && ack.error.code === "not_found")) {
        errors[idOf(op)] = message(ack && ack.error);
      }
      draw();
      pump();
    });
    draw();
  }

  function pumpRatings() {
    var ids = Object.keys(rateQueue);
    if (rateInflight || !ids.length || !socket || !socket.connected) return;
    var id = Number(ids[0]);
    var sent = rateQueue[ids[0]];
    var token = (rateInflight = {});
    var payload = { practice_id: id, agency: sent.agency, ease: sent.ease };
    socket.timeout(ACK_TIMEOUT).emit("rate_practice", payload, function (err, ack) {
      if (rateInflight !== token) return;
      rateInflight = null;
      if (err) { setTimeout(pumpRatings, 1500); return; }
      var waiting = rateQueue[id];
      if (waiting && waiting.agency === sent.agency && waiting.ease === sent.ease) delete rateQueue[id];
      persist();
      if (ack && ack.ok) {
        myRatings[id] = { agency: ack.agency, ease: ack.ease };
        saved[id] = true;
        delete errors[id];
      } else {
        delete rateQueue[id];
        chosen[id] = myRatings[id] ? Object.assign({}, myRatings[id]) : {};
        errors[id] = message(ack && ack.error);
      }
      draw();
      pumpRatings();
    });
  }

  function cast(id) {
    delete errors[id];
    var item = { op: "cast", key: kit.newKey() };
    item[field()] = id;
    queue.push(item);
    persist();
    pump();
    draw();
  }
  function withdraw(id) {
    delete errors[id];
    var going = new Set(queue.filter(function (q) { return q.op === "withdraw"; }).map(function (q) { return q.key; }));
    var mine = confirmedOn(id).filter(function (v) { return !going.has(v.key); });
    if (!mine.length) return;
    var item = { op: "withdraw", key: mine[mine.length - 1].key }; // the newest dot
    item[field()] = id;
    queue.push(item);
    persist();
    pump();
    draw();
  }
  function rate(id, name, value) {
    chosen[id] = Object.assign({}, chosen[id] || myRatings[id] || {});
    chosen[id][name] = value;
    saved[id] = false;
    if (chosen[id].agency && chosen[id].ease) {
      rateQueue[id] = { agency: chosen[id].agency, ease: chosen[id].ease };
      persist();
      pumpRatings();
    }
    draw();
  }

  /* --- drawing --- */
  function scale(practice, name) {
    var set = el("fieldset", "rating rating-" + name);
    set.appendChild(el("legend", null, words[name]));
    var row = el("div", "segments");
    for (var n = 1; n <= 5; n++) {
      var option = el("label", "segment");
      var input = el("input");
      input.type = "radio";
      input.name = name + "-" + practice.id;
      input.value = n;
      input.dataset.rate = name;
      option.appendChild(input);
      option.appendChild(el("span", null, String(n)));
      row.appendChild(option);
    }
    row.addEventListener("change", function (event) {
      rate(practice.id, name, Number(event.target.value));
    });
    set.appendChild(row);
    // What the ends of the scale mean, under it: the page says it nowhere else.
    var ends = el("p", "scale-ends");
    words.ends[name].forEach(function (text) { ends.appendChild(el("span", null, text)); });
    set.appendChild(ends);
    return set;
  }

  function build(practice) {
    var isStory = onStories();
    var card = isStory ? Cards.story(practice) : kit.practiceCard(practice, { short: true, className: "vote-card" });
    if (isStory) card.classList.add("vote-card");
    card.dataset.itemId = practice.id;
    card.dataset.json = JSON.stringify(practice);
    var controls = el("div", "vote-controls");
    var mine = el("p", "my-dots");
    mine.dataset.myDots = "";
    controls.appendChild(mine);
    // The buttons say what they do; which practice, they take from the card's title.
    var titleId = (isStory ? "story-title-" : "practice-title-") + practice.id;
    card.querySelector(isStory ? ".story-title" : ".practice-title").id = titleId;
    function button(className, sign, text, onClick) {
      var b = el("button", "button " + className);
      b.type = "button";
      var mark = el("span", "vote-sign", sign);
      mark.setAttribute("aria-hidden", "true");
      b.appendChild(mark);
      b.appendChild(el("span", null, text));
      b.setAttribute("aria-describedby", titleId);
      b.addEventListener("click", onClick);
      return b;
    }
    var take = button("vote-take", "\u2212", words.take, function () { withdraw(practice.id); });
    take.dataset.take = "";
    var add = button("button-primary vote-add", "+", words.add, function () { cast(practice.id); });
    add.dataset.add = "";
    var buttons = el("div", "vote-buttons");
    buttons.appendChild(take);
    buttons.appendChild(add);
    controls.appendChild(buttons);
    card.appendChild(controls);
    var note = el("p", "vote-note");
    note.dataset.note = "";
    card.appendChild(note);
    var error = el("p", "vote-error");
    error.dataset.error = "";
    error.setAttribute("role", "alert");
    card.appendChild(error);
    if (isStory) return card; // a story carries its teller's own rating; no scales
    var ratings = el("div", "ratings");
    ratings.appendChild(scale(practice, "agency"));
    ratings.appendChild(scale(practice, "ease"));
    var status = el("p", "rating-status");
    status.dataset.ratingStatus = "";
    status.setAttribute("aria-live", "polite");
    ratings.appendChild(status);
    card.appendChild(ratings);
    return card;
  }

  function update(card, practice) {
    var id = practice.id;
    var own = (onStories() ? store.myStoryIds : store.myIds).has(id) && !selfVotes();
    var confirmed = confirmedOn(id).length;
    var taking = pending("withdraw", id);
    var adding = pending("cast", id);
    var here = confirmed - taking + adding;
    var mine = card.querySelector("[data-my-dots]");
    mine.replaceChildren(); // empty when there is nothing to say: the line goes away
    if (here > 0) mine.appendChild(kit.dots(confirmed - taking, adding, "my-dot-glyphs"));
    if (confirmed - taking > 0) mine.appendChild(el("span", "my-dots-text", kit.count(confirmed - taking, words.here)));
    mine.dataset.count = confirmed;
    var add = card.querySelector("[data-add]");
    var take = card.querySelector("[data-take]");
    add.hidden = take.hidden = mine.hidden = own;
    add.disabled = own || ballot.remaining - pending("cast") <= 0 || here >= cap();
    take.disabled = confirmed - taking <= 0;
    var note = card.querySelector("[data-note]");
    var said = onStories() ? words.stories : words;
    note.textContent = own ? said.own : here >= cap() && cap() < ballot.budget ? kit.count(cap(), said.cap) : "";
    note.hidden = !note.textContent;
    var error = card.querySelector("[data-error]");
    error.textContent = errors[id] || "";
    error.hidden = !errors[id];
    var choice = chosen[id] || rateQueue[id] || myRatings[id] || {};
    card.querySelectorAll("input[data-rate]").forEach(function (input) {
      input.checked = Number(input.value) === choice[input.dataset.rate];
    });
    var rated = myRatings[id];
    card.dataset.rated = rated ? rated.agency + "," + rated.ease : ""; // as the server confirmed
    var status = card.querySelector("[data-rating-status]") || {};
    status.textContent = rateQueue[id] ? kit.i18n.sending
      : saved[id] ? words.rating_saved
      : choice.agency && !choice.ease ? words.pick_ease
      : choice.ease && !choice.agency ? words.pick_agency : "";
    var room = tally && tally.dots ? tally.dots[String(id)] || 0 : null;
    card.classList.toggle("has-my-dots", confirmed > 0);
    card.dataset.roomDots = room === null ? "" : room;
    var roomLine = card.querySelector("[data-room-dots]");
    if (room === null) { if (roomLine) roomLine.remove(); return; }
    if (!roomLine) {
      roomLine = el("p", "room-dots");
      roomLine.dataset.roomDots = "";
      card.querySelector(".practice-title, .story-title").after(roomLine);
    }
    roomLine.textContent = kit.count(room, words.room);
  }

  function drawBar() {
    var remaining = ballot.remaining;
    // A glyph per dot while they fit the bar's one row; past that the words say it.
    var shown = ballot.budget <= MAX_GLYPHS ? ballot.budget : 0;
    var left = bar.querySelector("[data-dots-left]");
    left.replaceChildren(
      kit.dots(Math.min(remaining, shown), Math.max(0, shown - remaining), "bar-glyphs"),
      el("span", "dots-left-text", kit.count(remaining, words.left))
    );
    left.dataset.remaining = remaining;
    bar.querySelector("[data-dots-of]").textContent = ballot.budget > shown ? kit.format(words.of_budget, { n: ballot.budget }) : "";
    var state = view.querySelector("[data-dots-state]");
    state.textContent = queue.length
      ? (socket && socket.connected ? kit.i18n.sending : words.waiting)
      : remaining === 0 ? words.all_placed : "";
    state.hidden = !state.textContent;
    var voters = view.querySelector("[data-voters]");
    voters.textContent = tally ? kit.format(words.voters, { n: tally.voters, m: tally.participants }) : "";
  }

  function draw() {
    drawBar();
    var kind = onStories() ? "stories" : "practices";
    if (list.dataset.on !== kind) list.replaceChildren(); // another kind of card: start over
    list.dataset.on = kind;
    var said = kind === "stories" ? words.stories : texts;
    heading.textContent = said.heading;
    intro.textContent = said.intro; // hidden where the plan gives its own instruction
    view.querySelector("[data-vote-empty]").textContent = said.empty;
    var cards = new Map();
    list.querySelectorAll(".vote-card").forEach(function (card) { cards.set(Number(card.dataset.itemId), card); });
    var wanted = kind === "stories"
      ? Array.from(store.stories.values()).filter(function (story) { return !story.is_hidden; })
      : Array.from(store.practices.values());
    wanted.forEach(function (practice, index) {
      var card = cards.get(practice.id);
      if (!card || card.dataset.json !== JSON.stringify(practice)) {
        var fresh = build(practice);
        if (card) card.replaceWith(fresh); else list.appendChild(fresh);
        card = fresh;
      }
      cards.delete(practice.id);
      if (list.children[index] !== card) list.insertBefore(card, list.children[index] || null);
      update(card, practice);
    });
    cards.forEach(function (card) { card.remove(); });
    view.querySelector("[data-vote-empty]").hidden = wanted.length > 0;
  }

  /* dots_returned: say kindly how many came back, and why. */
  var notice = view.querySelector("[data-dots-notice]");
  notice.querySelector("button").addEventListener("click", function () { notice.hidden = true; });
  function returned(data) {
    ballot = { budget: data.budget, remaining: data.remaining, votes: data.votes || [] };
    var reasons = onStories() ? words.stories.returned : words.returned;
    var reason = reasons[data.reason] || words.returned.rules;
    notice.querySelector("p").textContent = kit.count(data.count, reason);
    notice.hidden = false;
    draw();
  }

  kit.listen(function () { draw(); });
  kit.onPhase(function () { // the old phase's notices do not come back with it
    notice.hidden = true;
    errors = {};
  });
  kit.register({
    connected: function (s) {
      socket = s;
      socket.on("disconnect", function () { inflight = rateInflight = null; draw(); });
    },
    snapshot: function (state) {
      if (state.ballot) ballot = state.ballot;
      if (state.workshop.phase === "voting") votingStep = state.workshop.step_index;
      myRatings = state.my_ratings || {};
      Object.keys(chosen).forEach(function (id) { // a half-made choice survives a reconnect
        if (chosen[id].agency && chosen[id].ease) delete chosen[id];
      });
      tally = state.tally || null;
      draw();
      pump(); // every (re)connect: what waited goes now, with its own key
      pumpRatings();
    },
    events: {
      phase_changed: function (data) {
        // Another voting round has dots of its own: this phone's come with a snapshot.
        var round = data.phase === "voting" ? data.step_index : votingStep;
        var isNewRound = votingStep !== null && round !== votingStep;
        votingStep = round;
        if (isNewRound) return Live.RESYNC;
        if (data.voting) rebudget(data.voting);
      },
      voting_changed: function (data) { rebudget(data.voting); },
    },
    unsequenced: {
      tally: function (data) { tally = data; draw(); },
      dots_returned: returned,
    },
  });

  /* A fixed or changed budget: what is left follows the server's own rule (budget minus
   * my dots); dots the new rules send back arrive right after, as dots_returned. */
  function rebudget(voting) {
    ballot.budget = voting.budget;
    ballot.remaining = Math.max(0, voting.budget - ballot.votes.length);
    draw();
  }
})();
