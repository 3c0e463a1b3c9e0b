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
import { LogitlabError } from "../util/errors.js";
import { rocAucSorted } from "./rocAucSorted.js";

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
    if (Number.isNaN(s)) throw new LogitlabError(`score ${i} is NaN`, { context: "rocAuc" });
    if (labels[i]) pos[p++] = s;
    else neg[q++] = s;
  }
  return rocAucSorted(pos.sort(), neg.sort());
}
