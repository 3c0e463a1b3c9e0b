/**
 * rocAucSorted: `rocAuc` for scores already split by class and sorted ascending — no copies, for
 * millions of margins. Walks both lists in groups of equal value; a group starting at 1-based rank r
 * with g members gives each the midrank r + (g − 1)/2, and AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ · n₋).
 * NaN when either class is empty.
 *
 * Type: (positive scores ascending, negative scores ascending) → number in [0, 1].
 *
 * @example
 * rocAucSorted([0.4, 0.8], [0.1, 0.4])
 * // => 0.875
 */
export function rocAucSorted(pos: ArrayLike<number>, neg: ArrayLike<number>): number {
  const positives = pos.length;
  const negatives = neg.length;
  if (positives === 0 || negatives === 0) return NaN;
  // Walk both sorted lists in groups of equal value; a group starting at 1-based rank r with size g
  // gives each member the midrank r + (g − 1)/2.
  let rankSumPositive = 0;
  let rank = 1;
  let i = 0;
  let j = 0;
  while (i < positives || j < negatives) {
    const value = j >= negatives || (i < positives && pos[i] <= neg[j]) ? pos[i] : neg[j];
    let inPos = 0;
    while (i < positives && pos[i] === value) {
      i++;
      inPos++;
    }
    let inNeg = 0;
    while (j < negatives && neg[j] === value) {
      j++;
      inNeg++;
    }
    const size = inPos + inNeg;
    rankSumPositive += inPos * (rank + (size - 1) / 2);
    rank += size;
  }
  return (rankSumPositive - (positives * (positives + 1)) / 2) / (positives * negatives);
}
