import { quantile as sampleQuantile } from "../../stats/quantile.js";
import { LogitlabError } from "../../util/errors.js";

/** What {@link forkingPositions} returns. */
export interface ForkingPositions {
  /** The quantile level used (0.8 by default). */
  quantile: number;
  /** The entropy at that quantile: numpy's `np.quantile(entropies, q)` (linear interpolation). */
  threshold: number;
  /** forking[t]: entropies[t] > threshold (strictly). */
  forking: boolean[];
}

/**
 * forkingPositions: the positions whose next-token entropy is above the q-th quantile (default 0.8,
 * the 80th percentile) of all of a model's positions — the "forking" tokens where the model is most
 * undecided.
 *
 *     threshold = Q(q) of the entropies (numpy "linear", Hyndman & Fan type 7);  forking_t = H_t > threshold
 *
 * Pass every position of one model (all its answers) so that the threshold is the model's.
 * Type: (entropies [n ≥ 1], q ∈ [0, 1]) → {@link ForkingPositions}. Throws LogitlabError for empty input,
 * a non-finite entropy (naming its index) or q outside [0, 1].
 *
 * @example
 * forkingPositions([0.1, 0.2, 0.3, 0.4, 2.0]).forking
 * // => [false, false, false, false, true]
 */
export function forkingPositions(entropies: ArrayLike<number>, quantile = 0.8): ForkingPositions {
  if (entropies.length === 0) throw new LogitlabError("needs at least one entropy, got none", { context: "forkingPositions" });
  const threshold = sampleQuantile(entropies, quantile);
  return { quantile, threshold, forking: Array.from(entropies, (h) => h > threshold) };
}
