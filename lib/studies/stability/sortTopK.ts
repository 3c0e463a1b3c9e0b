/**
 * sortTopK: sort a top-k list in place by probability descending, ties by id ascending — the order
 * every stability metric assumes. Short lists (k ≤ 32, the usual k ≈ 20, often nearly sorted) take
 * insertion sort; longer ones (a full-vocabulary dump has 10^5–10^6 entries) sort an index array with
 * the engine's O(n log n) sort and permute, so one step of 10^6 entries takes well under a second.
 * The order is total (probability, then id), so both paths give the same result.
 * Shared by the validating reader (parseRunFile) and the fast reader (fastParseRunFile).
 *
 * @example
 * const ids = Int32Array.from([7, 3, 5]); sortTopK(ids, Float64Array.from([0.2, 0.5, 0.2])); Array.from(ids)
 * // => [3, 5, 7]
 */
const INSERTION_MAX = 32;

export function sortTopK(ids: Int32Array, probs: Float64Array): void {
  const n = ids.length;
  if (n > INSERTION_MAX) return sortLong(ids, probs);
  for (let i = 1; i < n; i++) {
    const id = ids[i];
    const p = probs[i];
    let j = i - 1;
    while (j >= 0 && (probs[j] < p || (probs[j] === p && ids[j] > id))) {
      ids[j + 1] = ids[j];
      probs[j + 1] = probs[j];
      j--;
    }
    ids[j + 1] = id;
    probs[j + 1] = p;
  }
}

function sortLong(ids: Int32Array, probs: Float64Array): void {
  const n = ids.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = probs[i - 1] > probs[i] || (probs[i - 1] === probs[i] && ids[i - 1] <= ids[i]);
  if (sorted) return;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => probs[b] - probs[a] || ids[a] - ids[b]);
  const oldIds = ids.slice();
  const oldProbs = probs.slice();
  for (let i = 0; i < n; i++) {
    ids[i] = oldIds[order[i]];
    probs[i] = oldProbs[order[i]];
  }
}
