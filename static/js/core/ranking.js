/* The ranking is the server's: one rule (workshop/voting/results.py), sent as the tally's
 * `ranked` ids. A screen lays its items out in that order and never ranks on its own. */

/** `items` (practices or stories) in the tally's order, each as a row {item, dots, agency,
 *  ease, ratings}; an item the ranking does not hold yet (written since the last tick)
 *  comes after, oldest first. */
export function inRankedOrder(items, tally) {
  const { dots, ratings, ranked } = tally || {};
  const place = new Map((ranked || []).map((id, index) => [id, index]));
  const order = (item) => (place.has(item.id) ? place.get(item.id) : place.size + item.id);
  return items
    .slice()
    .sort((a, b) => order(a) - order(b))
    .map((item) => {
      const rating = (ratings || {})[String(item.id)] || {};
      return {
        item,
        dots: (dots || {})[String(item.id)] || 0,
        agency: rating.agency === undefined ? null : rating.agency,
        ease: rating.ease === undefined ? null : rating.ease,
        ratings: rating.count || 0,
      };
    });
}
