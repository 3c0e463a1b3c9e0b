/**
 * The correlation within each cluster (per prompt), with the clusters it had to skip.
 */
import { LogitlabError } from "../util/errors.js";
import { clusterIndices } from "./clusterIndices.js";
import { finitePairs } from "./finitePairs.js";
import { pearson } from "./pearson.js";
import { spearman } from "./spearman.js";

export interface PerClusterCorrelationOptions {
  /** "pearson" (r, default) or "spearman" (ρ). */
  statistic?: "pearson" | "spearman";
}

export interface ClusterCorrelation {
  cluster: string | number;
  /** Pairs in the cluster. */
  n: number;
  /** r or ρ within the cluster. */
  value: number;
}

export interface SkippedCluster {
  cluster: string | number;
  n: number;
  reason: "fewer than 3 pairs" | "constant x" | "constant y";
}

export interface PerClusterCorrelationResult {
  statistic: "pearson" | "spearman";
  /** One entry per cluster that has a correlation, in order of first appearance. */
  correlations: ClusterCorrelation[];
  /** The `value`s of `correlations`, for a histogram or a median. */
  values: number[];
  /** The clusters without a correlation, with why. */
  skipped: SkippedCluster[];
}

/**
 * perClusterCorrelation: the distribution of within-cluster correlations — for each cluster c
 * (a prompt's generation), r_c = pearson(x_c, y_c) or ρ_c = spearman(x_c, y_c) on its own pairs —
 * the per-prompt view beside a pooled correlation, which mixes within- and between-prompt variation.
 * Clusters with fewer than 3 pairs, or with every x (or every y) equal, have no correlation; they
 * are listed in `skipped` with the reason (checked in that order) instead of giving NaN.
 *
 * Type: (x, y: ArrayLike<number> of length n ≥ 1, finite; clusters: one string or number label per
 * pair; options) → {statistic, correlations, values, skipped}, clusters in order of first appearance.
 * Throws LogitlabError for empty input, unequal lengths, non-finite values or labels (naming the
 * index) and an unknown statistic.
 *
 * Algorithm: `pearson` / `spearman` (midranks) on each cluster, as `scipy.stats.pearsonr` /
 * `spearmanr` per group.
 *
 * @example
 * const result = perClusterCorrelation([1, 2, 3, 1, 2, 3, 5], [1, 2, 4, 3, 2, 1, 0], ["a", "a", "a", "b", "b", "b", "c"]);
 * [result.values, result.skipped.map((s) => s.reason)]
 * // => [[0.9820, -1], ["fewer than 3 pairs"]]
 */
export function perClusterCorrelation(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  clusters: ArrayLike<string | number>,
  options: PerClusterCorrelationOptions = {},
): PerClusterCorrelationResult {
  const statistic = options.statistic ?? "pearson";
  if (statistic !== "pearson" && statistic !== "spearman") {
    throw new LogitlabError(`statistic must be "pearson" or "spearman", got ${JSON.stringify(statistic)}`, { context: "perClusterCorrelation" });
  }
  const pairs = finitePairs("perClusterCorrelation", x, y, 1);
  const { labels, members } = clusterIndices("perClusterCorrelation", clusters, pairs.x.length);
  const correlations: ClusterCorrelation[] = [];
  const skipped: SkippedCluster[] = [];
  members.forEach((indices, k) => {
    const cx = indices.map((i) => pairs.x[i]);
    const cy = indices.map((i) => pairs.y[i]);
    const cluster = labels[k];
    const n = indices.length;
    if (n < 3) skipped.push({ cluster, n, reason: "fewer than 3 pairs" });
    else if (cx.every((v) => v === cx[0])) skipped.push({ cluster, n, reason: "constant x" });
    else if (cy.every((v) => v === cy[0])) skipped.push({ cluster, n, reason: "constant y" });
    else correlations.push({ cluster, n, value: statistic === "pearson" ? pearson(cx, cy).r : spearman(cx, cy).rho });
  });
  return { statistic, correlations, values: correlations.map((c) => c.value), skipped };
}
