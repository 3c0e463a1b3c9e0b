/**
 * Percentile bootstrap interval of a correlation, resampling whole clusters (prompts).
 */
import { LogitlabError } from "../util/errors.js";
import { seededRandom } from "../util/seededRandom.js";
import { clusterIndices } from "./clusterIndices.js";
import { finitePairs } from "./finitePairs.js";
import { quantile } from "./quantile.js";

/** A statistic of paired samples: "pearson" (r), "spearman" (ρ), or any function returning a number (NaN when undefined). */
export type PairedStatistic = "pearson" | "spearman" | ((x: number[], y: number[]) => number);

export interface ClusterBootstrapOptions {
  /** The statistic; default "pearson". */
  statistic?: PairedStatistic;
  /** Number of bootstrap resamples B, an integer ≥ 1; default 2000. */
  resamples?: number;
  /** Confidence level in (0, 1); default 0.95. */
  level?: number;
  /** Seed of the `seededRandom` (mulberry32) stream, an integer; default 0. */
  seed?: number;
}

export interface ClusterBootstrapResult {
  /** The statistic on all pairs. */
  estimate: number;
  /** Lower percentile bound: the (1 − level)/2 quantile of the finite replicates (numpy's linear rule). */
  low: number;
  /** Upper percentile bound: the (1 + level)/2 quantile of the finite replicates. */
  high: number;
  level: number;
  /** B, the number of resamples drawn. */
  resamples: number;
  /** Resamples whose statistic was NaN or infinite (e.g. a constant resample); left out of the quantiles. */
  undefinedResamples: number;
  /** The B replicates in draw order (undefined ones kept as they came), for a histogram. */
  replicates: number[];
  /** Number of clusters K. */
  clusters: number;
  /** Number of pairs n. */
  n: number;
}

/**
 * Pearson's r of a resample given as a weight per pair (how many times its cluster was drawn), by
 * centred two-pass sums as `pearson`: the same number as on the concatenated resample, up to
 * rounding. NaN for fewer than 3 pairs or a constant x or y among the pairs drawn.
 */
function weightedCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, w: Float64Array): number {
  const n = x.length;
  let total = 0;
  let xMean = 0;
  let yMean = 0;
  let xConstant = true;
  let yConstant = true;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    if (first < 0) first = i;
    xConstant &&= x[i] === x[first];
    yConstant &&= y[i] === y[first];
    total += w[i];
    xMean += w[i] * x[i];
    yMean += w[i] * y[i];
  }
  if (total < 3 || xConstant || yConstant) return Number.NaN;
  xMean /= total;
  yMean /= total;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    const dx = x[i] - xMean;
    const dy = y[i] - yMean;
    sxy += w[i] * dx * dy;
    sxx += w[i] * dx * dx;
    syy += w[i] * dy * dy;
  }
  return Math.min(1, Math.max(-1, sxy / (Math.sqrt(sxx) * Math.sqrt(syy))));
}

/**
 * Midranks within a weighted resample: walking `order` (indices sorted by value), a group of equal
 * values with total weight g after `before` drawn pairs gets the rank before + (g + 1)/2 — what
 * `midranks` gives on the concatenated resample.
 */
function weightedMidranks(values: number[], order: Uint32Array, w: Float64Array, out: Float64Array): void {
  let before = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    let groupWeight = 0;
    while (end < order.length && values[order[end]] === values[order[start]]) groupWeight += w[order[end++]];
    const rank = before + (groupWeight + 1) / 2;
    for (let j = start; j < end; j++) out[order[j]] = rank;
    before += groupWeight;
    start = end;
  }
}

/** The statistic of a resample given as weights per pair. */
function weightedStatistic(statistic: "pearson" | "spearman", x: number[], y: number[]): (w: Float64Array) => number {
  if (statistic === "pearson") return (w) => weightedCorrelation(x, y, w);
  const byValue = (values: number[]) => Uint32Array.from(values.keys()).sort((i, j) => values[i] - values[j]);
  const orderX = byValue(x);
  const orderY = byValue(y);
  const rankX = new Float64Array(x.length);
  const rankY = new Float64Array(y.length);
  return (w) => {
    weightedMidranks(x, orderX, w, rankX);
    weightedMidranks(y, orderY, w, rankY);
    return weightedCorrelation(rankX, rankY, w);
  };
}

/**
 * clusterBootstrap: a percentile bootstrap confidence interval for a correlation of paired data
 * that come in clusters (the steps of one prompt's generation are not independent), resampling
 * whole clusters with replacement:
 *   for b = 1 … B: draw K cluster indices j = ⌊u · K⌋ (u from `seededRandom(seed)`, one u per draw),
 *                  concatenate those clusters' pairs in draw order, θ*_b = statistic(pairs);
 *   interval = [quantile(θ*, (1 − level)/2), quantile(θ*, (1 + level)/2)]   (numpy's linear quantiles).
 * Clusters are numbered in order of first appearance in `clusters`. The index stream is exactly
 * mulberry32, so test/fixtures/studystats/gen.py redraws the same resamples in Python and checks
 * every replicate against scipy.
 *
 * Type: (x, y: ArrayLike<number> of length n, finite; clusters: one string or number label per
 * pair, K ≥ 2 distinct; options) → ClusterBootstrapResult. A resample whose statistic is not
 * finite (NaN for a constant x or y, or for fewer than 3 pairs with pearson/spearman) is counted in
 * `undefinedResamples` and left out of the quantiles; so is the estimate NaN when all data are
 * constant.
 * Throws LogitlabError for a single cluster ("clusterBootstrap needs at least 2 clusters, got 1"),
 * unequal lengths, non-finite values or labels (naming the index), a bad B, level or seed.
 *
 * The named statistics never build the resample: each pair is weighted by how often its cluster
 * was drawn, and r (of the values, or of their midranks for spearman, ranks from one sort of the
 * full data) comes from weighted centred two-pass sums — the same number as `pearson(x, y).r` /
 * `spearman(x, y).rho` on the concatenated resample, up to rounding. A custom statistic gets the
 * concatenated resample itself.
 *
 * Cost: O(n) per resample for pearson and spearman (one O(n log n) sort up front); B = 2000,
 * n = 10⁴ takes seconds.
 * Algorithm: the cluster (block) bootstrap, Davison & Hinkley, "Bootstrap Methods and their
 * Application" (1997) §3.8, and Field & Welsh (2007), https://doi.org/10.1111/j.1467-9868.2007.00593.x;
 * percentile interval, Efron & Tibshirani (1993) ch. 13.
 *
 * @example
 * const x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
 * const y = [1, 3, 2, 5, 4, 6, 8, 7, 9];
 * const ci = clusterBootstrap(x, y, ["a", "a", "a", "b", "b", "b", "c", "c", "c"], { resamples: 200, seed: 1 });
 * [ci.estimate, ci.clusters, ci.resamples]
 * // => [0.95, 3, 200]
 */
export function clusterBootstrap(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  clusters: ArrayLike<string | number>,
  options: ClusterBootstrapOptions = {},
): ClusterBootstrapResult {
  const statistic = options.statistic ?? "pearson";
  if (statistic !== "pearson" && statistic !== "spearman" && typeof statistic !== "function") {
    throw new LogitlabError(`statistic must be "pearson", "spearman" or a function, got ${JSON.stringify(statistic)}`, { context: "clusterBootstrap" });
  }
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new LogitlabError(`resamples must be an integer ≥ 1, got ${resamples}`, { context: "clusterBootstrap" });
  }
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new LogitlabError(`level must be in (0, 1), got ${level}`, { context: "clusterBootstrap" });
  }
  if (!Number.isInteger(seed)) {
    throw new LogitlabError(`seed must be an integer, got ${seed}`, { context: "clusterBootstrap" });
  }
  const pairs = finitePairs("clusterBootstrap", x, y, 1);
  const { members } = clusterIndices("clusterBootstrap", clusters, pairs.x.length);
  const k = members.length;
  if (k < 2) throw new LogitlabError(`clusterBootstrap needs at least 2 clusters, got ${k}`);
  const n = pairs.x.length;
  const weights = new Float64Array(n);
  const evaluate = typeof statistic === "function" ? null : weightedStatistic(statistic, pairs.x, pairs.y);
  const estimate = evaluate === null ? (statistic as (x: number[], y: number[]) => number)(pairs.x, pairs.y) : evaluate(weights.fill(1));
  const random = seededRandom(seed);
  const replicates = new Array<number>(resamples);
  for (let b = 0; b < resamples; b++) {
    if (evaluate === null) {
      const rx: number[] = [];
      const ry: number[] = [];
      for (let draw = 0; draw < k; draw++) {
        for (const i of members[Math.floor(random() * k)]) {
          rx.push(pairs.x[i]);
          ry.push(pairs.y[i]);
        }
      }
      replicates[b] = (statistic as (x: number[], y: number[]) => number)(rx, ry);
    } else {
      weights.fill(0);
      for (let draw = 0; draw < k; draw++) for (const i of members[Math.floor(random() * k)]) weights[i]++;
      replicates[b] = evaluate(weights);
    }
  }
  const finite = replicates.filter((v) => Number.isFinite(v));
  const [low, high] = finite.length === 0 ? [Number.NaN, Number.NaN] : quantile(finite, [(1 - level) / 2, (1 + level) / 2]);
  return {
    estimate, low, high, level, resamples,
    undefinedResamples: resamples - finite.length,
    replicates, clusters: k, n,
  };
}
