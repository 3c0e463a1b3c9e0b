import { tf } from "../backend/backend.js";
import { asLogits } from "./internal/asLogits.js";
import { asTokenIds } from "./internal/asTokenIds.js";

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
    const x = asLogits(logits, "tokenRanks");
    const lead = x.shape.slice(0, -1);
    const vocab = x.shape[x.rank - 1];
    const flatIds = asTokenIds(ids, lead, vocab, "tokenRanks");
    const at = new Int32Array(flatIds.length);
    for (let i = 0; i < flatIds.length; i++) at[i] = i * vocab + flatIds[i]; // row-major position in x
    const picked = tf.reshape(tf.gather(tf.reshape(x, [-1]), tf.tensor1d(at, "int32")), [...lead, 1]);
    const ahead = tf.sum(tf.cast(tf.greater(x, picked), "float32"), -1);
    const hasNaN = tf.any(tf.isNaN(x), -1);
    return tf.where(hasNaN, tf.fill(lead, NaN), tf.add(ahead, 1));
  });
}
