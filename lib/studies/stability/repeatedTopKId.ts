/**
 * repeatedTopKId: the first id of a top-k list (in list order) that an earlier entry already has, or
 * undefined when every id is distinct. Linear time with a hash set (short lists: a plain double loop,
 * which is faster for k ≈ 20), so a full-vocabulary list of 10^6 entries is checked in milliseconds
 * instead of the O(n²) comparisons it once took. Used by both run-file readers.
 *
 * Type: Int32Array → number | undefined.
 *
 * @example
 * repeatedTopKId(Int32Array.of(5, 4, 2, 4))
 * // => 4
 */
const SHORT = 32;

export function repeatedTopKId(ids: Int32Array): number | undefined {
  const n = ids.length;
  if (n <= SHORT) {
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (ids[i] === ids[j]) return ids[i];
    return undefined;
  }
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (seen.has(ids[i])) return ids[i];
    seen.add(ids[i]);
  }
  return undefined;
}
