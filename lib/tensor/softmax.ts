import { tf } from "../backend/backend.js";
import { asLogits } from "./internal/asLogits.js";
import { maxShift } from "./internal/maxShift.js";

/**
 * softmax: probabilities of logits along the last axis.
 *
 *     p_v = exp(x_v − m) / Σ_u exp(x_u − m),   m = max_u x_u
 *
 * Shape: [..., V] → [..., V] (a step [V], a sequence [T, V] or a batch [B, T, V]); nested number
 * arrays are converted with tf.tensor. The caller owns (and disposes) the result.
 *
 * Stability: max-shift softmax (https://en.wikipedia.org/wiki/Softmax_function#Numerical_algorithms) —
 * exp never overflows, the denominator is in [1, V], and dividing (rather than exp(log p)) keeps every
 * probability within a few ulp. `-Infinity` (masked) logits get probability 0. A row that is all
 * `-Infinity`, or holds NaN or `+Infinity`, has no distribution and gives NaN everywhere in that row.
 *
 * @example
 * softmax(tf.tensor2d([[0, Math.log(3), -Infinity]])).arraySync()
 * // => [[0.25, 0.75, 0]]
 */
export function softmax(logits: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const { exps, sumExp } = maxShift(asLogits(logits, "softmax"));
    return tf.div(exps, sumExp);
  });
}
