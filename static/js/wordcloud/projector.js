/* The word cloud on the projector. While it is private: how many people have sent words.
 * Once revealed (or from the start when the step is live): the words, sized by how many
 * sent each, laid out so that none overlaps another and none moves when another arrives
 * (./layout.js). Every size is at least 32 px at 1920 px wide; what does not fit is
 * counted below the cloud instead of being drawn smaller. */
import { register } from "../core/screen.js";
import { plural } from "../core/format.js";
import { layout, sizeFor } from "./layout.js";

const SMALLEST = 32; // px at 1920 px wide: the back row's floor
const LARGEST = 132;

let cloud = null;
let boxes = {}; // word -> its box in the last layout, so that a word keeps its place
const spans = new Map(); // word -> its element

const ctx = register("wordcloud", {
  snapshot(state) { set(state.cloud); },
  events: { phase_changed(data) { if ("cloud" in data) set(data.cloud); } },
  unsequenced: { cloud(data) { set(data); } },
  enter() { boxes = {}; draw(); },
});

const root = ctx.root;
const waiting = root.querySelector("[data-cloud-waiting]");
const people = root.querySelector("[data-cloud-people]");
const waitingText = root.querySelector("[data-cloud-waiting-text]");
const stage = root.querySelector("[data-cloud-stage]");
const more = root.querySelector("[data-cloud-more]");

function set(next) {
  // Another step's cloud starts from an empty stage.
  if (!next || !cloud || next.step_index !== cloud.step_index) {
    boxes = {};
    spans.forEach((span) => span.remove());
    spans.clear();
  }
  cloud = next;
  draw();
}

function scale() {
  return stage.clientWidth ? window.innerWidth / 1920 : 1;
}

function spanFor(word) {
  let span = spans.get(word.word);
  if (!span) {
    span = document.createElement("span");
    span.className = "cloud-word is-new";
    span.addEventListener("animationend", () => span.classList.remove("is-new"), { once: true });
    stage.appendChild(span);
    spans.set(word.word, span);
  }
  if (span.textContent !== word.text) span.textContent = word.text;
  return span;
}

function draw() {
  if (!ctx.isActive || !cloud) return;
  const words = cloud.words;
  waiting.hidden = Boolean(words);
  stage.hidden = !words;
  people.textContent = String(cloud.people);
  waitingText.textContent = plural(ctx.words.waiting, cloud.people);
  if (!words) {
    more.hidden = true;
    return;
  }
  const u = scale();
  const smallest = Math.round(SMALLEST * u), largest = Math.round(LARGEST * u);
  const most = words.reduce((top, w) => Math.max(top, w.count), 1);
  const width = stage.clientWidth, height = stage.clientHeight;
  const ordered = words.slice().sort((a, b) => a.first - b.first);
  const shown = new Set(ordered.map((w) => w.word));
  spans.forEach((span, word) => {
    if (!shown.has(word)) { span.remove(); spans.delete(word); delete boxes[word]; }
  });
  const measured = ordered.map((word) => {
    const span = spanFor(word);
    let size = sizeFor(word.count, most, smallest, largest);
    span.style.fontSize = size + "px";
    // A long phrase never runs off the stage: smaller, but never below the floor.
    while (span.offsetWidth > width && size > smallest) {
      size = Math.max(smallest, size - 4);
      span.style.fontSize = size + "px";
    }
    span.classList.toggle("is-big", size >= (smallest + largest) / 2);
    return { word: word.word, w: span.offsetWidth, h: span.offsetHeight };
  });
  const placed = layout(measured, width, height, boxes, Math.round(14 * u));
  boxes = placed.boxes;
  spans.forEach((span, word) => {
    const box = boxes[word];
    span.hidden = !box;
    if (box) {
      span.style.left = box.x + "px";
      span.style.top = box.y + "px";
    }
  });
  more.hidden = placed.left.length === 0;
  more.textContent = plural(ctx.words.more, placed.left.length);
}

window.addEventListener("resize", () => { boxes = {}; draw(); });
