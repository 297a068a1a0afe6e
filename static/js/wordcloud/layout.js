/* The word cloud's layout: sizes by how many people sent a word, no two words overlap,
 * and a word keeps its place when others arrive (words are placed in the order they
 * first came, each on a spiral from the middle, and a placed word stays where it is
 * unless it grew into a neighbour). What does not fit is left out, never shrunk below
 * the smallest size: the projector shows less rather than smaller.
 */

/** Return the font size of a word sent by `count` people when the most sent is `most`. */
export function sizeFor(count, most, smallest, largest) {
  // Everyone's word counted once (a small room, or the first minute): one calm size, not
  // the smallest; the floor is for the words that others outnumber.
  if (most <= 1) return Math.round(smallest + (largest - smallest) / 4);
  var share = Math.sqrt((count - 1) / (most - 1));
  return Math.round(smallest + share * (largest - smallest));
}

function overlaps(a, b, gap) {
  return !(a.x + a.w + gap <= b.x || b.x + b.w + gap <= a.x ||
           a.y + a.h + gap <= b.y || b.y + b.h + gap <= a.y);
}

function inside(box, width, height) {
  return box.x >= 0 && box.y >= 0 && box.x + box.w <= width && box.y + box.h <= height;
}

function free(box, placed, gap) {
  for (var i = 0; i < placed.length; i += 1) {
    if (overlaps(box, placed[i], gap)) return false;
  }
  return true;
}

/* An Archimedean spiral from the middle, flattened to the stage's shape. */
function spiralSpot(box, width, height, placed, gap) {
  var cx = width / 2, cy = height / 2, aspect = width / height;
  for (var t = 0; t < 4000; t += 1) {
    var angle = t * 0.35, radius = 4 * angle;
    var candidate = {
      x: Math.round(cx + radius * Math.cos(angle) * aspect * 0.6 - box.w / 2),
      y: Math.round(cy + radius * Math.sin(angle) * 0.6 - box.h / 2),
      w: box.w, h: box.h,
    };
    if (inside(candidate, width, height) && free(candidate, placed, gap)) return candidate;
  }
  return null;
}

/**
 * Place words on a stage of `width` x `height`.
 *   words: [{word, w, h}] in the order they first came (w, h: measured at their size);
 *   previous: {word: {x, y, w, h}} from the last layout (kept where still free);
 * Return {boxes: {word: {x, y, w, h}}, left: [words that did not fit]}.
 */
export function layout(words, width, height, previous, gap) {
  var placed = [], boxes = {}, left = [];
  gap = gap || 12;
  words.forEach(function (item) {
    var before = previous && previous[item.word];
    var box = null;
    if (before) {
      // Keep its middle where it was, even if it grew or shrank.
      var kept = {
        x: Math.round(before.x + before.w / 2 - item.w / 2),
        y: Math.round(before.y + before.h / 2 - item.h / 2),
        w: item.w, h: item.h,
      };
      if (inside(kept, width, height) && free(kept, placed, gap)) box = kept;
    }
    box = box || spiralSpot({ w: item.w, h: item.h }, width, height, placed, gap);
    if (box) {
      placed.push(box);
      boxes[item.word] = box;
    } else {
      left.push(item.word);
    }
  });
  return { boxes: boxes, left: left };
}
