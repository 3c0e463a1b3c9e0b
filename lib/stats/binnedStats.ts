/**
 * Median, mean, standard deviation and count of y within bins of x.
 */
import { mean } from "simple-statistics";
import { LogitlabError } from "../util/errors.js";
import { binnedMedians, type BinnedMediansOptions, type BinnedMediansResult } from "./binnedMedians.js";
import { binIndex } from "./binIndex.js";

export interface BinnedStatsOptions extends BinnedMediansOptions {
  /** Delta degrees of freedom of the SD: 1 (default) for the sample SD, 0 for np.std's default (population). */
  ddof?: 0 | 1;
}

export interface BinnedStatsResult extends BinnedMediansResult {
  /** Mean of y in each bin; NaN for an empty bin. */
  means: number[];
  /** Standard deviation of y in each bin, √(Σ(y − ȳ)² / (count − ddof)); NaN when count ≤ ddof. */
  sds: number[];
  ddof: 0 | 1;
}


/**
 * binnedStats: `binnedMedians` (edges, centres, counts, medians, quartiles) plus the mean and the
 * standard deviation of y in each bin — for a binned trend drawn as median (or mean) ± 1 SD:
 *   meanᵢ = Σ y / countᵢ,  sdᵢ = √(Σ (y − meanᵢ)² / (countᵢ − ddof))   over the y whose x is in bin i,
 * as `np.mean` and `np.std(ddof=ddof)` per bin. Bins follow binnedMedians exactly (equal-width or
 * quantile edges; bin i holds edges[i] ≤ x < edges[i+1], the last bin closed).
 *
 * Type: (x, y: ArrayLike<number>, equal length n ≥ 1, finite; {bins, method, ddof = 1}) →
 * BinnedStatsResult (arrays of length bins, edges bins + 1). Empty bins: count 0 and NaN
 * summaries; a bin of one point has sd NaN with ddof 1 (0 with ddof 0).
 * Throws LogitlabError as binnedMedians, and for a ddof other than 0 or 1.
 *
 * Stability: two-pass (centred) sums of squares, means by Kahan–Babuška summation
 * (simple-statistics `mean`). Algorithm: https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance#Two-pass_algorithm.
 *
 * @example
 * binnedStats([1, 2, 3, 4, 5, 6], [1, 3, 2, 8, 9, 7], { bins: 2, method: "equal-width" }).sds
 * // => [1, 1]
 */
export function binnedStats(x: ArrayLike<number>, y: ArrayLike<number>, options: BinnedStatsOptions): BinnedStatsResult {
  const ddof = options?.ddof ?? 1;
  if (ddof !== 0 && ddof !== 1) {
    throw new LogitlabError(`ddof must be 0 or 1, got ${JSON.stringify(ddof)}`, { context: "binnedStats" });
  }
  let medians: BinnedMediansResult;
  try {
    medians = binnedMedians(x, y, options);
  } catch (error) {
    if (error instanceof LogitlabError) throw new LogitlabError(error.message.replace(/^binnedMedians/, "binnedStats"));
    throw error;
  }
  const members: number[][] = Array.from({ length: medians.counts.length }, () => []);
  for (let i = 0; i < x.length; i++) members[binIndex(medians.edges, x[i])].push(y[i]);
  const means = members.map((m) => (m.length === 0 ? Number.NaN : mean(m)));
  const sds = members.map((m, i) => {
    if (m.length <= ddof) return Number.NaN;
    const centre = means[i];
    const squares = m.reduce((s, v) => s + (v - centre) ** 2, 0);
    return Math.sqrt(squares / (m.length - ddof));
  });
  return { ...medians, means, sds, ddof };
}
