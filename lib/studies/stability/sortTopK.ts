/**
 * sortTopK: sort a top-k list in place by probability descending, ties by id ascending — the order
 * every stability metric assumes. Insertion sort: lists are short (k ≈ 20) and often nearly sorted.
 * Shared by the validating reader (parseRunFile) and the fast reader (fastParseRunFile).
 *
 * @example
 * const ids = Int32Array.from([7, 3, 5]); sortTopK(ids, Float64Array.from([0.2, 0.5, 0.2])); Array.from(ids)
 * // => [3, 5, 7]
 */
export function sortTopK(ids: Int32Array, probs: Float64Array): void {
  for (let i = 1; i < ids.length; i++) {
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
