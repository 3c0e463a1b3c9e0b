/**
 * Internal: index of the histogram bin holding v — the last i with edges[i] ≤ v, capped at
 * bins − 1 so that the last bin is closed on the right (np.histogram's rule). Binary search over
 * the sorted edges (length bins + 1). Shared by `binnedMedians` and `binnedStats`.
 */
export function binIndex(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length - 1; // search edges[0 .. bins]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid;
  }
  return Math.min(lo, edges.length - 2);
}
