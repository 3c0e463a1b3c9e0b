/**
 * Ranks with ties sharing their average rank.
 */
import { finiteValues } from "./finiteValues.js";

/**
 * midranks: 1-based ranks in which tied values get the mean of the ranks they span
 * ("average" or fractional ranking; `scipy.stats.rankdata(values, method="average")`).
 * For a run of k equal values starting at sorted position i (0-based) every one gets
 * i + (k + 1)/2.
 *
 * Type: (values: ArrayLike<number>, n ≥ 1 finite values) → number[] of length n, in input order.
 * Throws LogitlabError for empty input or a non-finite value (naming the index).
 *
 * Algorithm: stable sort of the indices, then one pass over runs of ties; O(n log n).
 * https://en.wikipedia.org/wiki/Ranking#Fractional_ranking_(%221_2.5_2.5_4%22_ranking)
 *
 * @example
 * midranks([10, 20, 20, 5])
 * // => [2, 3.5, 3.5, 1]
 */
export function midranks(values: ArrayLike<number>): number[] {
  const v = finiteValues("midranks", "values", values, 1);
  const order = Array.from(v.keys()).sort((i, j) => v[i] - v[j]);
  const ranks = new Array<number>(v.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && v[order[end]] === v[order[start]]) end++;
    const rank = (start + 1 + end) / 2; // mean of the 1-based ranks start + 1 … end
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}
