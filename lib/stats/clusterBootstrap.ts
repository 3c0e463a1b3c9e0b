/**
 * Percentile bootstrap interval of a correlation, resampling whole clusters (prompts).
 */
import { LogitlabError } from "../util/errors.js";
import { seededRandom } from "../util/seededRandom.js";
import { clusterIndices } from "./clusterIndices.js";
import { finitePairs } from "./finitePairs.js";
import { midranks } from "./midranks.js";
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
 * Pearson's r alone (no p-value, no input copies: the bootstrap evaluates it B times), by centred
 * two-pass sums as `pearson`; NaN for fewer than 3 pairs or a constant x or y.
 */
function correlation(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 3 || x.every((v) => v === x[0]) || y.every((v) => v === y[0])) return Number.NaN;
  let xMean = 0;
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    xMean += x[i];
    yMean += y[i];
  }
  xMean /= n;
  yMean /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - xMean;
    const dy = y[i] - yMean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return Math.min(1, Math.max(-1, sxy / (Math.sqrt(sxx) * Math.sqrt(syy))));
}

function statisticFunction(statistic: PairedStatistic): (x: number[], y: number[]) => number {
  if (statistic === "pearson") return correlation;
  if (statistic === "spearman") return (x, y) => (x.length < 3 ? Number.NaN : correlation(midranks(x), midranks(y)));
  if (typeof statistic === "function") return statistic;
  throw new LogitlabError(`statistic must be "pearson", "spearman" or a function, got ${JSON.stringify(statistic)}`, { context: "clusterBootstrap" });
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
 * The named statistics compute r (of the values, or of their midranks for spearman) by centred
 * two-pass sums without the p-value, agreeing with `pearson(x, y).r` and `spearman(x, y).rho` to
 * rounding (they are B times cheaper to call than the full tests).
 *
 * Cost: B evaluations of the statistic on ≈ n pairs (pearson O(n), spearman O(n log n)).
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
  const statistic = statisticFunction(options.statistic ?? "pearson");
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
  const estimate = statistic(pairs.x, pairs.y);
  const random = seededRandom(seed);
  const replicates = new Array<number>(resamples);
  for (let b = 0; b < resamples; b++) {
    const rx: number[] = [];
    const ry: number[] = [];
    for (let draw = 0; draw < k; draw++) {
      for (const i of members[Math.floor(random() * k)]) {
        rx.push(pairs.x[i]);
        ry.push(pairs.y[i]);
      }
    }
    replicates[b] = statistic(rx, ry);
  }
  const finite = replicates.filter((v) => Number.isFinite(v));
  const [low, high] = finite.length === 0 ? [Number.NaN, Number.NaN] : quantile(finite, [(1 - level) / 2, (1 + level) / 2]);
  return {
    estimate, low, high, level, resamples,
    undefinedResamples: resamples - finite.length,
    replicates, clusters: k, n: pairs.x.length,
  };
}
