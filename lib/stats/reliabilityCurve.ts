/**
 * Accuracy by score quantile bin (e.g. by entropy decile), with Wilson intervals.
 */
import { mean } from "simple-statistics";
import { LogitlabError } from "../util/errors.js";
import { finiteValues } from "./finiteValues.js";
import { wilsonInterval } from "./wilsonInterval.js";

export interface ReliabilityCurveOptions {
  /** Number of quantile bins, an integer ≥ 1; default 10 (deciles). */
  bins?: number;
  /** Level of the Wilson intervals; default 0.95. */
  level?: number;
}

export interface ReliabilityBin {
  /** Items in the bin (0 for a bin emptied by ties). */
  n: number;
  /** Smallest and largest score in the bin; NaN when empty. */
  scoreLow: number;
  scoreHigh: number;
  /** Mean score in the bin; NaN when empty. */
  meanScore: number;
  /** Correct items in the bin. */
  correct: number;
  /** correct / n; NaN when empty. */
  accuracy: number;
  /** Wilson score interval of the accuracy (`wilsonInterval`); NaN when empty. */
  low: number;
  high: number;
}

/**
 * reliabilityCurve: accuracy as a function of an uncertainty score, binned by the score's
 * quantiles — for each bin, n, the score range and mean, accuracy = correct/n and its Wilson
 * interval. Bins hold about n/bins items each:
 *   sort the scores ascending; the item at 0-based sorted position j goes to bin ⌊j · bins / n⌋,
 *   except that all items with the same score go to the bin of the group's first position.
 * So ties are never split (the curve does not depend on the input order), a bin may grow past
 * n/bins, and a bin swallowed by a large tied group is kept with n = 0 and NaN summaries.
 *
 * Type: (scores: ArrayLike<number> of length n ≥ 1, finite; correct: ArrayLike<boolean | 0 | 1> of
 * length n; options) → ReliabilityBin[] of length bins, lowest scores first.
 * Throws LogitlabError for empty input, unequal lengths, non-finite scores or outcomes other than
 * true/false/1/0 (naming the index), and a bad bin count.
 *
 * Algorithm: equal-count (quantile) binning as in reliability diagrams, DeGroot & Fienberg (1983),
 * https://doi.org/10.2307/2987588; Wilson intervals per bin. Reference: the same rule in numpy in
 * test/fixtures/studystats/gen.py.
 *
 * @example
 * reliabilityCurve([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [1, 1, 1, 0, 1, 0], { bins: 2 }).map((b) => b.accuracy)
 * // => [1, 0.3333]
 */
export function reliabilityCurve(
  scores: ArrayLike<number>,
  correct: ArrayLike<boolean | number>,
  options: ReliabilityCurveOptions = {},
): ReliabilityBin[] {
  const bins = options.bins ?? 10;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new LogitlabError(`bins must be an integer ≥ 1, got ${bins}`, { context: "reliabilityCurve" });
  }
  const values = finiteValues("reliabilityCurve", "scores", scores, 1);
  if (correct == null || correct.length !== values.length) {
    throw new LogitlabError(`reliabilityCurve needs one outcome per score, got ${values.length} scores and ${correct?.length ?? 0} outcomes`);
  }
  const outcomes = Array.from({ length: values.length }, (_, i) => {
    const v = correct[i];
    if (v === true || v === 1) return 1;
    if (v === false || v === 0) return 0;
    throw new LogitlabError(`correct[${i}] is ${typeof v === "number" ? String(v) : JSON.stringify(v) ?? String(v)}; outcomes must be true/false or 1/0`, { context: "reliabilityCurve" });
  });
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const members: number[][] = Array.from({ length: bins }, () => []);
  let bin = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j];
    if (j === 0 || values[i] !== values[order[j - 1]]) bin = Math.floor((j * bins) / n);
    members[bin].push(i);
  }
  return members.map((indices) => {
    if (indices.length === 0) {
      const nan = Number.NaN;
      return { n: 0, scoreLow: nan, scoreHigh: nan, meanScore: nan, correct: 0, accuracy: nan, low: nan, high: nan };
    }
    const binScores = indices.map((i) => values[i]);
    const right = indices.reduce((s, i) => s + outcomes[i], 0);
    const { low, high } = wilsonInterval(right, indices.length, { level });
    return {
      n: indices.length,
      scoreLow: binScores[0],
      scoreHigh: binScores[binScores.length - 1],
      meanScore: mean(binScores),
      correct: right,
      accuracy: right / indices.length,
      low,
      high,
    };
  });
}
