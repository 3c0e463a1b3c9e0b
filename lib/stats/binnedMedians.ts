/**
 * Medians (and quartiles) of y within bins of x.
 */
import { LogitlabError } from "../util/errors.js";
import { finitePairs } from "./finitePairs.js";
import { quantile } from "./quantile.js";
import { binIndex } from "./binIndex.js";

export interface BinnedMediansOptions {
  /** Number of bins, an integer ≥ 1. */
  bins: number;
  /** "equal-width": edges evenly spaced from min(x) to max(x); "quantile": edges at the x quantiles i/bins. */
  method: "equal-width" | "quantile";
}

export interface BinnedMediansResult {
  /** bins + 1 edges, ascending. Bin i holds edges[i] ≤ x < edges[i+1]; the last bin also holds x = edges[bins]. */
  edges: number[];
  /** Bin midpoints (edges[i] + edges[i+1]) / 2. */
  centres: number[];
  /** Median of y in each bin; NaN for an empty bin. */
  medians: number[];
  /** Number of points in each bin (0 for an empty bin). */
  counts: number[];
  /** First quartile of y in each bin (numpy linear percentile); NaN for an empty bin. */
  q25: number[];
  /** Third quartile of y in each bin; NaN for an empty bin. */
  q75: number[];
  /** Interquartile range q75 − q25 of y in each bin; NaN for an empty bin. */
  iqr: number[];
}

/** Evenly spaced edges exactly as np.linspace(start, stop, count): start + i·step, last one = stop. */
function linspace(start: number, stop: number, count: number): number[] {
  const step = (stop - start) / (count - 1);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? stop : start + i * step));
}


/**
 * binnedMedians: bins the pairs by x and summarises y in each bin by its median, quartiles and
 * count — the robust "binned trend" used before fitting a curve (see `fitUnimodal`).
 *   equal-width: edges = linspace(min x, max x, bins + 1) (as `np.histogram_bin_edges`; when all x
 *                are equal the range is widened to x ± 0.5, as numpy does);
 *   quantile:    edges = quantile(x, i/bins), i = 0 … bins (numpy linear interpolation), so bins
 *                hold about n/bins points each.
 * Bin i holds edges[i] ≤ x < edges[i+1], the last bin is closed on the right (np.histogram's
 * rule). Medians and quartiles use numpy's default linear percentile (`quantile`).
 *
 * Empty bins are kept, with count 0 and NaN median/quartiles/IQR, so every output array has one
 * entry per bin; filter on `counts[i] > 0` before fitting or plotting. Quantile bins can be empty
 * when many x values tie (repeated edges give zero-width bins).
 *
 * Type: (x, y: ArrayLike<number>, equal length n ≥ 1, finite; {bins ≥ 1 integer, method}) →
 * BinnedMediansResult with arrays of length bins (edges: bins + 1).
 * Throws LogitlabError for unequal lengths, empty input, non-finite values (naming the index), a
 * bad bin count or an unknown method.
 *
 * Algorithm: one sort per bin for the order statistics, O(n log n) overall; numpy's type-7
 * quantiles (https://numpy.org/doc/stable/reference/generated/numpy.percentile.html).
 *
 * @example
 * binnedMedians([1, 2, 3, 4, 5, 6], [1, 3, 2, 8, 9, 7], { bins: 2, method: "equal-width" }).medians
 * // => [2, 8]
 */
export function binnedMedians(x: ArrayLike<number>, y: ArrayLike<number>, options: BinnedMediansOptions): BinnedMediansResult {
  const { bins, method } = options ?? ({} as BinnedMediansOptions);
  if (!Number.isInteger(bins) || bins < 1) {
    throw new LogitlabError(`bins must be an integer ≥ 1, got ${bins}`, { context: "binnedMedians" });
  }
  if (method !== "equal-width" && method !== "quantile") {
    throw new LogitlabError(`method must be "equal-width" or "quantile", got ${JSON.stringify(method)}`, { context: "binnedMedians" });
  }
  const pairs = finitePairs("binnedMedians", x, y, 1);
  let edges: number[];
  if (method === "equal-width") {
    let lo = pairs.x.reduce((m, v) => Math.min(m, v), Infinity);
    let hi = pairs.x.reduce((m, v) => Math.max(m, v), -Infinity);
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    edges = linspace(lo, hi, bins + 1);
  } else {
    edges = quantile(pairs.x, linspace(0, 1, bins + 1));
  }
  const members: number[][] = Array.from({ length: bins }, () => []);
  pairs.x.forEach((v, i) => members[binIndex(edges, v)].push(pairs.y[i]));
  const centres = edges.slice(0, bins).map((lo, i) => (lo + edges[i + 1]) / 2);
  const counts = members.map((m) => m.length);
  const summaries = members.map((m) => (m.length === 0 ? [Number.NaN, Number.NaN, Number.NaN] : quantile(m, [0.25, 0.5, 0.75])));
  const q25 = summaries.map((s) => s[0]);
  const medians = summaries.map((s) => s[1]);
  const q75 = summaries.map((s) => s[2]);
  const iqr = summaries.map((s) => s[2] - s[0]);
  return { edges, centres, medians, counts, q25, q75, iqr };
}
