import { tf } from "../backend/backend.js";
import { asLogits } from "./internal/asLogits.js";
import { maxShift } from "./internal/maxShift.js";

/**
 * logSoftmax: log-probabilities of logits along the last axis.
 *
 *     log p_v = (x_v − m) − log Σ_u exp(x_u − m),   m = max_u x_u
 *
 * Shape: [..., V] → [..., V] (a step [V], a sequence [T, V] or a batch [B, T, V]); nested number
 * arrays are converted with tf.tensor. The caller owns (and disposes) the result.
 *
 * Stability: max-shift log-sum-exp (https://en.wikipedia.org/wiki/LogSumExp) — the max is subtracted
 * before exp, so logits of ±1e4 neither overflow nor lose the small terms; the sum is ≥ 1, so its log
 * never underflows. `-Infinity` (masked) logits give `-Infinity`. A row that is all `-Infinity`, or holds
 * NaN or `+Infinity`, has no distribution and gives NaN everywhere in that row.
 *
 * @example
 * logSoftmax(tf.tensor2d([[0, 0, Math.log(2)]])).arraySync()
 * // => [[-1.3863, -1.3863, -0.6931]]
 */
export function logSoftmax(logits: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const { shifted, logSumExp } = maxShift(asLogits(logits, "logSoftmax"));
    return tf.sub(shifted, logSumExp);
  });
}
