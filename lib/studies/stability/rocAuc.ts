/**
 * rocAuc: area under the ROC curve of a score against a binary label, ties by midranks.
 *
 * Mann–Whitney form: with R₊ the sum of the midranks of the positive scores among all n₊ + n₋ scores,
 *   AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ · n₋),
 * which equals P(score₊ > score₋) + ½ P(score₊ = score₋). Each class is sorted on its own and the two
 * are merged, so tied groups get their average rank exactly (ranks are half-integers, sums exact in
 * float64 below 2^52). NaN when either class is empty. See
 * https://en.wikipedia.org/wiki/Mann%E2%80%93Whitney_U_test#Area-under-curve_(AUC)_statistic_for_ROC_curves
 *
 * Type: (number[n], boolean|0|1[n]) → number in [0, 1]. Throws LogitlabError on NaN scores or
 * different lengths.
 *
 * @example
 * rocAuc([0.1, 0.4, 0.4, 0.8], [0, 1, 0, 1])
 * // => 0.875
 */
import { LogitlabError } from "../../util/errors.js";

export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>): number {
  if (scores.length !== labels.length) {
    throw new LogitlabError(`rocAuc needs one label per score, got ${scores.length} scores and ${labels.length} labels`);
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  const negatives = scores.length - positives;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < scores.length; i++) {
    const s = scores[i];
    if (Number.isNaN(s)) throw new LogitlabError(`rocAuc: score ${i} is NaN`);
    if (labels[i]) pos[p++] = s;
    else neg[q++] = s;
  }
  return rocAucSorted(pos.sort(), neg.sort());
}

/**
 * rocAucSorted: `rocAuc` for scores already split by class and sorted ascending (no copies; the
 * study uses it on millions of margins). NaN when either class is empty.
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
