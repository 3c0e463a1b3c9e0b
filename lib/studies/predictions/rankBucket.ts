/**
 * rankBucket: the GLTR bucket of a token's rank (Gehrmann, Strobelt & Rush 2019, "GLTR: Statistical
 * Detection and Visualization of Generated Text", https://arxiv.org/abs/1906.04043):
 *
 *     bucket(rank) = 0 if rank ≤ 10, 1 if rank ≤ 100, 2 if rank ≤ 1000, 3 beyond
 *
 * with ranks 1-based (1 = the model's most probable token, as `tokenRanks` gives them). A rank that is
 * not a number (the first token has no prediction) gives NaN, so a figure can grey it out.
 * Type: number → 0 | 1 | 2 | 3 | NaN. `RANK_BUCKETS` holds the labels in bucket order.
 *
 * @example
 * [1, 10, 11, 100, 101, 1000, 1001, NaN].map((rank) => String(rankBucket(rank)))
 * // => ["0", "0", "1", "1", "2", "2", "3", "NaN"]
 */
import { LogitlabError } from "../../util/errors.js";

/** Bucket labels, index = bucket. */
export const RANK_BUCKETS = ["top-10", "top-100", "top-1000", "beyond 1000"] as const;

const LIMITS = [10, 100, 1000];

export function rankBucket(rank: number): number {
  if (Number.isNaN(rank)) return NaN;
  if (!(rank >= 1)) throw new LogitlabError(`rank must be ≥ 1 (1 = most probable), got ${rank}`, { context: "rankBucket" });
  const bucket = LIMITS.findIndex((limit) => rank <= limit);
  return bucket === -1 ? LIMITS.length : bucket;
}
