import { tf } from "../backend/backend.js";
import { LogitlabError } from "../util/errors.js";
import { asLogits } from "./internal/asLogits.js";
import { maxShift } from "./internal/maxShift.js";

const LOWEST_FLOAT32 = -3.4028234663852886e38;

/** What `topK` returns; the caller owns (and disposes) the three tensors. */
export interface TopKResult {
  /** [..., k] int32 token ids, by descending probability, ties by ascending id. */
  ids: tf.Tensor;
  /** [..., k] their probabilities under the full distribution. */
  probs: tf.Tensor;
  /** [..., k] their log-probabilities. */
  logProbs: tf.Tensor;
}

/**
 * topK: the k most probable tokens of each step, with probabilities and log-probabilities.
 *
 *     ids = the k largest logits (= largest probabilities), log p = (x − m) − log Σ exp(x − m), p = exp(x − m) / Σ exp(x − m)
 *
 * Order: descending probability; exactly equal logits keep ascending id (tf.topk puts the lower index
 * first). Shape: [..., V] → [..., k] each, 1 ≤ k ≤ V.
 *
 * Stability: ranking uses the logits, not the float32 probabilities, so tokens whose probabilities
 * both underflow to 0 still come out in the order of their true probabilities; the probabilities use the
 * max-shift softmax (https://en.wikipedia.org/wiki/LogSumExp). Masked `-Infinity` tokens rank last with
 * probability 0. A row with NaN or `+Infinity`, or only `-Infinity`, gives NaN probabilities and
 * unspecified ids.
 *
 * @example
 * const { ids, probs } = topK(tf.tensor2d([[1, 3, 3, 0]]), 2);
 * [ids.arraySync(), probs.arraySync()] // => [[[1, 2]], [[0.4576, 0.4576]]]
 */
export function topK(logits: tf.Tensor | tf.TensorLike, k: number): TopKResult {
  return tf.tidy(() => {
    const x = asLogits(logits, "topK");
    const vocab = x.shape[x.rank - 1];
    if (!Number.isInteger(k) || k < 1 || k > vocab) {
      throw new LogitlabError(`k = ${k} must be an integer from 1 to the vocabulary size ${vocab}`, { context: "topK", field: "k" });
    }
    const { max, sumExp, logSumExp } = maxShift(x);
    // The cpu backend's top-k compares by b − a, which is NaN for two -Infinity entries, so with k < V
    // it scrambles masked ties. Rank a copy with -Infinity lifted to the lowest finite float32 instead,
    // then put -Infinity back.
    const ranked = tf.topk(tf.maximum(x, LOWEST_FLOAT32), k, true);
    const values = tf.where(tf.lessEqual(ranked.values, LOWEST_FLOAT32), tf.fill(ranked.values.shape, -Infinity), ranked.values);
    const indices = ranked.indices;
    const shifted = tf.sub(values, max);
    return { ids: indices, probs: tf.div(tf.exp(shifted), sumExp), logProbs: tf.sub(shifted, logSumExp) };
  });
}
