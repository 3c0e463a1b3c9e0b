/**
 * Shared by the per-cluster statistics: groups pair indices by cluster label.
 * Internal helper (not re-exported from `lib/stats/index.ts`).
 */
import { LogitlabError } from "../util/errors.js";

/**
 * clusterIndices: the indices of each cluster, clusters in order of first appearance, indices
 * ascending; labels must be strings or finite numbers (one per pair).
 *
 *     clusterIndices("perClusterCorrelation", ["b", "a", "b"], 3)
 *     // => { labels: ["b", "a"], members: [[0, 2], [1]] }
 */
export function clusterIndices(
  statistic: string,
  clusters: ArrayLike<string | number>,
  pairs: number,
): { labels: (string | number)[]; members: number[][] } {
  if (clusters == null || typeof clusters.length !== "number") {
    throw new LogitlabError(`clusters must be an array of labels (strings or numbers), got ${clusters === null ? "null" : typeof clusters}`, { context: statistic });
  }
  if (clusters.length !== pairs) {
    throw new LogitlabError(`${statistic} needs one cluster label per pair, got ${clusters.length} labels for ${pairs} pairs`);
  }
  const index = new Map<string | number, number>();
  const labels: (string | number)[] = [];
  const members: number[][] = [];
  for (let i = 0; i < clusters.length; i++) {
    const label = clusters[i];
    if (typeof label !== "string" && !(typeof label === "number" && Number.isFinite(label))) {
      throw new LogitlabError(`clusters[${i}] is ${typeof label === "number" ? String(label) : typeof label}; a cluster label must be a string or a finite number`, { context: statistic });
    }
    let k = index.get(label);
    if (k === undefined) {
      k = labels.length;
      index.set(label, k);
      labels.push(label);
      members.push([]);
    }
    members[k].push(i);
  }
  return { labels, members };
}
