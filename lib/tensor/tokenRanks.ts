import { tf } from "../backend/backend.js";
import { pickTargets } from "./internal/pickTargets.js";

/**
 * tokenRanks: the 1-based rank of a given token in each step's distribution (1 = most probable).
 *
 *     rank_t = 1 + #{v : x_t,v > x_t,ids_t}
 *
 * Ties: tokens whose logit equals the target's do not count ahead of it (competition "min" rank), so a
 * target tied for the top has rank 1. Comparing logits rather than float32 probabilities keeps tokens
 * whose probabilities underflow to 0 apart. Shape: logits [..., V] and ids [...] → [...] float32
 * (exact integers; float so that a row holding NaN can give NaN).
 *
 * Stability: no arithmetic beyond comparisons. A masked (`-Infinity`) target ranks after every
 * unmasked token; a row holding NaN gives NaN.
 *
 * @example
 * tokenRanks(tf.tensor2d([[1, 3, 3, 0], [1, 3, 3, 0]]), [2, 0]).arraySync()
 * // => [1, 3]
 */
export function tokenRanks(logits: tf.Tensor | tf.TensorLike, ids: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const { x, lead, picked } = pickTargets(logits, ids, "tokenRanks");
    const ahead = tf.sum(tf.cast(tf.greater(x, tf.expandDims(picked, -1)), "float32"), -1);
    const hasNaN = tf.any(tf.isNaN(x), -1);
    return tf.where(hasNaN, tf.fill(lead, NaN), tf.add(ahead, 1));
  });
}
