/* Voting on the phone: dots and two ratings per practice, over the socket with acks;
 * where the voting step votes on the stories (voting.on), dots on the story cards.
 *
 * A dot is an intent with a random key, kept in localStorage until the server has
 * answered: on a timeout or a dropped connection the same key goes again, so it
 * lands once. What is left is only ever what the server's last answer said.
 *
 * The practices and stories to vote on, and which are this phone's own, come from the
 * phone's store (static/js/phone-kit.js), which every part of the phone reads; a practice's
 * card is ../practices/card.js. */
import { register } from "../core/screen.js";
import { format, plural } from "../core/format.js";
import { el, dotGlyphs } from "../core/dom.js";
import { practiceCard } from "../practices/card.js";

const kit = window.PhoneKit;
const store = kit.store;
const ACK_TIMEOUT = 8000;
const MAX_GLYPHS = 8;

let ballot = { budget: 0, remaining: 0, votes: [] }; // as the server last said
let myRatings = {}; // practice id -> {agency, ease}, as the server last said
let chosen = {}; // practice id -> {agency, ease} picked on this phone, maybe not sent yet
let inflight = null;
let rateInflight = null;
let errors = {}; // practice id -> message
const saved = {}; // practice id -> true after the server confirmed a rating
let tally = null;
let votingStep = null; // the voting round this phone's ballot is of
let isBusy = false; // the server's last answer was "busy": what waits is being retried
let busyTries = 0; // busy answers in a row (the wait doubles)

const ctx = register("voting", {
  snapshot(state) {
    if (state.ballot) ballot = state.ballot;
    if (state.workshop.phase === "voting") votingStep = state.workshop.step_index;
    myRatings = state.my_ratings || {};
    Object.keys(chosen).forEach((id) => { // a half-made choice survives a reconnect
      if (chosen[id].agency && chosen[id].ease) delete chosen[id];
    });
    tally = state.tally || null;
    draw();
    pump(); // every (re)connect: what waited goes now, with its own key
    pumpRatings();
  },
  events: {
    phase_changed(data) {
      // Another voting round has dots of its own: this phone's come with a snapshot.
      const round = data.phase === "voting" ? data.step_index : votingStep;
      const isNewRound = votingStep !== null && round !== votingStep;
      votingStep = round;
      if (isNewRound) return ctx.RESYNC;
      if (data.voting) rebudget(data.voting);
    },
    voting_changed(data) { rebudget(data.voting); },
  },
  unsequenced: {
    tally(data) { tally = data; draw(); },
    dots_returned: returned,
  },
});

const words = ctx.words;
const view = ctx.root.querySelector('[data-phase-view="voting"]');
const list = view.querySelector("[data-vote-list]");
const bar = view.querySelector("[data-dots-bar]");
const heading = view.querySelector("[data-vote-heading]");
const intro = view.querySelector("[data-vote-instruction]");
const empty = view.querySelector("[data-vote-empty]");
const texts = { heading: heading.textContent, intro: intro.textContent, empty: empty.textContent };
const queueKey = "toimija:dots:" + kit.code;
const ratingsKey = "toimija:ratings:" + kit.code;
let queue = kit.load(queueKey, []); // [{op: "cast"|"withdraw", key, practice_id or story_id}]
const rateQueue = kit.load(ratingsKey, {}); // practice id -> {agency, ease} to send

/* What the dots go on, and by which id the server names it. */
function onStories() { return Boolean(store.voting && store.voting.on === "stories"); }
function field() { return onStories() ? "story_id" : "practice_id"; }

function message(error) {
  return (error && words.errors[error.code]) || (error && error.message) || words.error;
}
function persist() { kit.save(queueKey, queue); kit.save(ratingsKey, rateQueue); }
function cap() { return (store.voting && store.voting.per_practice_cap) || ballot.budget; }
function idOf(item) { return item.story_id !== undefined ? item.story_id : item.practice_id; }
function selfVotes() { return !store.voting || store.voting.self_votes !== false; }
function confirmedOn(id) { return ballot.votes.filter((v) => v[field()] === id); }
function pending(op, id) {
  return queue.filter((q) => q.op === op && (id === undefined || q[field()] === id)).length;
}
/* The server said "later": milliseconds to wait, or 0. Too fast (its per-connection
 * limit): its own figure. Busy (the database did not answer in time): its figure, backing
 * off while it stays busy, and the phone says it is retrying. The same key goes again. */
function retryAfter(ack) {
  const error = ack && !ack.ok && ack.error;
  const code = error && error.code;
  isBusy = code === "busy";
  if (!isBusy) busyTries = 0;
  if (isBusy) return window.Live.backoff(error.retry_after, busyTries++);
  if (code !== "rate_limited") return 0;
  return Math.max(100, 1000 * (Number(error.retry_after) || 1));
}
function connected() { return Boolean(ctx.socket && ctx.socket.connected); }

/* --- talking to the server --- */
function pump() {
  if (inflight || !queue.length || !connected()) return;
  const op = queue[0];
  const token = (inflight = {});
  const payload = { key: op.key };
  if (op.op === "cast") payload[op.story_id !== undefined ? "story_id" : "practice_id"] = idOf(op);
  ctx.socket.timeout(ACK_TIMEOUT).emit(op.op === "cast" ? "cast_vote" : "withdraw_vote", payload, (err, ack) => {
    if (inflight !== token) return; // a reconnect started over
    inflight = null;
    if (err) { setTimeout(pump, 1500); draw(); return; } // the same key goes again
    const later = retryAfter(ack);
    if (later) { setTimeout(pump, later); draw(); return; } // too fast or busy: the same key, later
    queue = queue.filter((q) => q.key !== op.key || q.op !== op.op);
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
  const ids = Object.keys(rateQueue);
  if (rateInflight || !ids.length || !connected()) return;
  const id = Number(ids[0]);
  const sent = rateQueue[ids[0]];
  const token = (rateInflight = {});
  const payload = { practice_id: id, agency: sent.agency, ease: sent.ease };
  ctx.socket.timeout(ACK_TIMEOUT).emit("rate_practice", payload, (err, ack) => {
    if (rateInflight !== token) return;
    rateInflight = null;
    if (err) { setTimeout(pumpRatings, 1500); return; }
    const later = retryAfter(ack);
    if (later) { setTimeout(pumpRatings, later); draw(); return; } // the newest choice goes then
    const waiting = rateQueue[id];
    if (waiting && waiting.agency === sent.agency && waiting.ease === sent.ease) delete rateQueue[id];
    persist();
    if (ack && ack.ok) {
      myRatings[id] = { agency: ack.agency, ease: ack.ease };
      saved[id] = true;
      delete errors[id];
    } else {
      delete rateQueue[id];
      chosen[id] = myRatings[id] ? { ...myRatings[id] } : {};
      errors[id] = message(ack && ack.error);
    }
    draw();
    pumpRatings();
  });
}

function enqueue(op, id, key) {
  delete errors[id];
  queue.push({ op, key, [field()]: id });
  persist();
  pump();
  draw();
}
function cast(id) { enqueue("cast", id, kit.newKey()); }
function withdraw(id) {
  const going = new Set(queue.filter((q) => q.op === "withdraw").map((q) => q.key));
  const mine = confirmedOn(id).filter((v) => !going.has(v.key));
  if (!mine.length) { delete errors[id]; return; }
  enqueue("withdraw", id, mine[mine.length - 1].key); // the newest dot
}
function rate(id, name, value) {
  chosen[id] = { ...(chosen[id] || myRatings[id] || {}) };
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
  const set = el("fieldset", "rating rating-" + name);
  set.appendChild(el("legend", null, words[name]));
  const row = el("div", "segments");
  for (let n = 1; n <= 5; n++) {
    const option = el("label", "segment");
    const input = el("input");
    input.type = "radio";
    input.name = name + "-" + practice.id;
    input.value = n;
    input.dataset.rate = name;
    option.append(input, el("span", null, String(n)));
    row.appendChild(option);
  }
  row.addEventListener("change", (event) => rate(practice.id, name, Number(event.target.value)));
  set.appendChild(row);
  // What the ends of the scale mean, under it: the page says it nowhere else.
  const ends = el("p", "scale-ends");
  words.ends[name].forEach((text) => ends.appendChild(el("span", null, text)));
  set.appendChild(ends);
  return set;
}

function button(className, sign, text, titleId, onClick) {
  const b = el("button", "button " + className);
  b.type = "button";
  const mark = el("span", "vote-sign", sign);
  mark.setAttribute("aria-hidden", "true");
  b.append(mark, el("span", null, text));
  b.setAttribute("aria-describedby", titleId);
  b.addEventListener("click", onClick);
  return b;
}

function build(practice) {
  const isStory = onStories();
  const card = isStory ? window.Cards.story(practice) : practiceCard(practice, { short: true, className: "vote-card" });
  if (isStory) card.classList.add("vote-card");
  card.dataset.itemId = practice.id;
  card.dataset.json = JSON.stringify(practice);
  const controls = el("div", "vote-controls");
  const mine = el("p", "my-dots");
  mine.dataset.myDots = "";
  controls.appendChild(mine);
  // The buttons say what they do; which practice, they take from the card's title.
  const titleId = (isStory ? "story-title-" : "practice-title-") + practice.id;
  card.querySelector(isStory ? ".story-title" : ".practice-title").id = titleId;
  const take = button("vote-take", "\u2212", words.take, titleId, () => withdraw(practice.id));
  take.dataset.take = "";
  const add = button("button-primary vote-add", "+", words.add, titleId, () => cast(practice.id));
  add.dataset.add = "";
  const buttons = el("div", "vote-buttons");
  buttons.append(take, add);
  controls.appendChild(buttons);
  card.appendChild(controls);
  const note = el("p", "vote-note");
  note.dataset.note = "";
  card.appendChild(note);
  const error = el("p", "vote-error");
  error.dataset.error = "";
  error.setAttribute("role", "alert");
  card.appendChild(error);
  if (isStory) return card; // a story carries its teller's own rating; no scales
  const ratings = el("div", "ratings");
  ratings.append(scale(practice, "agency"), scale(practice, "ease"));
  const status = el("p", "rating-status");
  status.dataset.ratingStatus = "";
  status.setAttribute("aria-live", "polite");
  ratings.appendChild(status);
  card.appendChild(ratings);
  return card;
}

function update(card, practice) {
  const id = practice.id;
  const own = (onStories() ? store.myStoryIds : store.myIds).has(id) && !selfVotes();
  const confirmed = confirmedOn(id).length;
  const taking = pending("withdraw", id);
  const adding = pending("cast", id);
  const here = confirmed - taking + adding;
  const mine = card.querySelector("[data-my-dots]");
  mine.replaceChildren(); // empty when there is nothing to say: the line goes away
  if (here > 0) mine.appendChild(dotGlyphs(confirmed - taking, adding, "my-dot-glyphs"));
  if (confirmed - taking > 0) mine.appendChild(el("span", "my-dots-text", plural(words.here, confirmed - taking)));
  mine.dataset.count = confirmed;
  const add = card.querySelector("[data-add]");
  const take = card.querySelector("[data-take]");
  add.hidden = take.hidden = mine.hidden = own;
  add.disabled = own || ballot.remaining - pending("cast") <= 0 || here >= cap();
  take.disabled = confirmed - taking <= 0;
  const note = card.querySelector("[data-note]");
  const said = onStories() ? words.stories : words;
  note.textContent = own ? said.own : here >= cap() && cap() < ballot.budget ? plural(said.cap, cap()) : "";
  note.hidden = !note.textContent;
  const error = card.querySelector("[data-error]");
  error.textContent = errors[id] || "";
  error.hidden = !errors[id];
  const choice = chosen[id] || rateQueue[id] || myRatings[id] || {};
  card.querySelectorAll("input[data-rate]").forEach((input) => {
    input.checked = Number(input.value) === choice[input.dataset.rate];
  });
  const rated = myRatings[id];
  card.dataset.rated = rated ? rated.agency + "," + rated.ease : ""; // as the server confirmed
  const status = card.querySelector("[data-rating-status]") || {};
  status.textContent = rateQueue[id] ? (isBusy ? words.busy : words.sending)
    : saved[id] ? words.rating_saved
      : choice.agency && !choice.ease ? words.pick_ease
        : choice.ease && !choice.agency ? words.pick_agency : "";
  const room = tally && tally.dots ? tally.dots[String(id)] || 0 : null;
  card.classList.toggle("has-my-dots", confirmed > 0);
  card.dataset.roomDots = room === null ? "" : room;
  let roomLine = card.querySelector("[data-room-dots]");
  if (room === null) { if (roomLine) roomLine.remove(); return; }
  if (!roomLine) {
    roomLine = el("p", "room-dots");
    roomLine.dataset.roomDots = "";
    card.querySelector(".practice-title, .story-title").after(roomLine);
  }
  roomLine.textContent = plural(words.room, room);
}

function drawBar() {
  const remaining = ballot.remaining;
  // A glyph per dot while they fit the bar's one row; past that the words say it.
  const shown = ballot.budget <= MAX_GLYPHS ? ballot.budget : 0;
  const left = bar.querySelector("[data-dots-left]");
  left.replaceChildren(
    dotGlyphs(Math.min(remaining, shown), Math.max(0, shown - remaining), "bar-glyphs"),
    el("span", "dots-left-text", plural(words.left, remaining)),
  );
  left.dataset.remaining = remaining;
  bar.querySelector("[data-dots-of]").textContent = ballot.budget > shown ? format(words.of_budget, { n: ballot.budget }) : "";
  const state = view.querySelector("[data-dots-state]");
  state.textContent = queue.length
    ? (!connected() ? words.waiting : isBusy ? words.busy : words.sending)
    : remaining === 0 ? words.all_placed : "";
  state.hidden = !state.textContent;
  const voters = view.querySelector("[data-voters]");
  voters.textContent = tally ? format(words.voters, { n: tally.voters, m: tally.participants }) : "";
}

function draw() {
  drawBar();
  const kind = onStories() ? "stories" : "practices";
  if (list.dataset.on !== kind) list.replaceChildren(); // another kind of card: start over
  list.dataset.on = kind;
  const said = kind === "stories" ? words.stories : texts;
  heading.textContent = said.heading;
  intro.textContent = said.intro; // hidden where the plan gives its own instruction
  empty.textContent = said.empty;
  const cards = new Map();
  list.querySelectorAll(".vote-card").forEach((card) => cards.set(Number(card.dataset.itemId), card));
  const wanted = kind === "stories"
    ? Array.from(store.stories.values()).filter((story) => !story.is_hidden)
    : Array.from(store.practices.values());
  wanted.forEach((practice, index) => {
    let card = cards.get(practice.id);
    if (!card || card.dataset.json !== JSON.stringify(practice)) {
      const fresh = build(practice);
      if (card) card.replaceWith(fresh); else list.appendChild(fresh);
      card = fresh;
    }
    cards.delete(practice.id);
    if (list.children[index] !== card) list.insertBefore(card, list.children[index] || null);
    update(card, practice);
  });
  cards.forEach((card) => card.remove());
  empty.hidden = wanted.length > 0;
}

/* dots_returned: say kindly how many came back, and why. */
const notice = view.querySelector("[data-dots-notice]");
notice.querySelector("button").addEventListener("click", () => { notice.hidden = true; });
function returned(data) {
  ballot = { budget: data.budget, remaining: data.remaining, votes: data.votes || [] };
  const reasons = onStories() ? words.stories.returned : words.returned;
  const reason = reasons[data.reason] || words.returned.rules;
  notice.querySelector("p").textContent = plural(reason, data.count);
  notice.hidden = false;
  draw();
}

/* A fixed or changed budget: what is left follows the server's own rule (budget minus
 * my dots); dots the new rules send back arrive right after, as dots_returned. */
function rebudget(voting) {
  ballot.budget = voting.budget;
  ballot.remaining = Math.max(0, voting.budget - ballot.votes.length);
  draw();
}

kit.listen(() => draw()); // the store's practices or stories changed
kit.onPhase(() => { // the old phase's notices do not come back with it
  notice.hidden = true;
  errors = {};
});
ctx.socket.on("disconnect", () => { inflight = rateInflight = null; draw(); });
