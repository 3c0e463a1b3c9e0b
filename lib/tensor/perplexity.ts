import { tf } from "../backend/backend.js";
import { LogitlabError } from "../util/errors.js";
import { maxShift } from "./internal/maxShift.js";
import { pickTargets } from "./internal/pickTargets.js";

/**
 * perplexity: the exponential of the mean negative log-probability of the given tokens.
 *
 *     PPL = exp(−(1/T) Σ_t log p_t(ids_t))
 *
 * Shape: logits [T, V] with ids [T] → scalar; a batch [B, T, V] with ids [B, T] → [B]; one step [V]
 * with one id → scalar. T ≥ 1.
 *
 * Stability: the log-probabilities are computed as `tokenLogProbs` does (max-shift log-sum-exp); averaging logs
 * before the one exp avoids the underflow of multiplying T probabilities. A masked (`-Infinity`) target
 * gives `+Infinity`; NaN in a row gives NaN.
 *
 * @example
 * perplexity(tf.tensor2d([[0, 0], [0, 0]]), [0, 1]).arraySync()
 * // => 2
 */
export function perplexity(logits: tf.Tensor | tf.TensorLike, ids: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    // tokenLogProbs' two lines, with errors naming perplexity (not tokenLogProbs) as the function called.
    const { x, lead, picked } = pickTargets(logits, ids, "perplexity");
    const { max, logSumExp } = maxShift(x);
    const logProbs = tf.sub(tf.sub(picked, tf.reshape(max, lead)), tf.reshape(logSumExp, lead));
    if (logProbs.rank === 0) return tf.exp(tf.neg(logProbs));
    if (logProbs.shape[logProbs.rank - 1] === 0) {
      throw new LogitlabError("needs at least 1 token, got T = 0", { context: "perplexity", field: "ids" });
    }
    return tf.exp(tf.neg(tf.mean(logProbs, -1)));
  });
}
