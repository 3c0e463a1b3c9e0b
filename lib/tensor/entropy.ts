import { tf } from "../backend/backend.js";
import { LogitlabError } from "../util/errors.js";
import { asLogits } from "./internal/asLogits.js";
import { blockedSum } from "./internal/blockedSum.js";
import { maxShift } from "./internal/maxShift.js";

const LOWEST_FLOAT32 = -3.4028234663852886e38;

/** Options of `entropy` (and of the nucleus entropy in `nucleus`). */
export interface EntropyOptions {
  /** "nats" (natural log, the default) or "bits" (log base 2). */
  unit?: "nats" | "bits";
}

/**
 * entropy: Shannon entropy of the softmax distribution of each step, over the full vocabulary.
 *
 *     H = −Σ_v p_v log p_v = log S − Σ_v p_v z_v,   z = x − max x,  S = Σ_v exp(z_v),  p = exp(z) / S
 *
 * in nats, or divided by ln 2 for `{ unit: "bits" }`.
 * Shape: [..., V] → [...] (a step [V] gives a scalar, [T, V] gives [T], [B, T, V] gives [B, T]).
 *
 * Stability: max-shift log-sum-exp form (https://en.wikipedia.org/wiki/LogSumExp). Both terms are
 * ≥ 0 (S ≥ 1 and z ≤ 0), so nothing cancels; terms with p_v = 0 (masked `-Infinity` logits, or
 * underflow) contribute 0 as in the limit p log p → 0, never 0 · (−∞) = NaN. A row that is all
 * `-Infinity`, or holds NaN or `+Infinity`, gives NaN.
 *
 * @example
 * entropy(tf.tensor2d([[0, 0], [0, -Infinity]]), { unit: "bits" }).arraySync()
 * // => [1, 0]
 */
export function entropy(logits: tf.Tensor | tf.TensorLike, options: EntropyOptions = {}): tf.Tensor {
  const unit = options.unit ?? "nats";
  if (unit !== "nats" && unit !== "bits") {
    throw new LogitlabError(`unit "${String(unit)}" is not "nats" or "bits"`, { context: "entropy", field: "unit" });
  }
  return tf.tidy(() => {
    const x = asLogits(logits, "entropy");
    const { shifted, exps, sumExp, logSumExp } = maxShift(x);
    const probs = tf.div(exps, sumExp);
    // p · z with z = -Infinity lifted to the lowest float32: masked entries give 0 · (finite) = 0, not NaN
    const terms = tf.mul(probs, tf.maximum(shifted, LOWEST_FLOAT32));
    const nats = tf.sub(tf.squeeze(logSumExp, [-1]), blockedSum(terms));
    return unit === "bits" ? tf.div(nats, Math.LN2) : nats;
  });
}
