import { tf } from "../backend/backend.js";
import { pickTargets } from "./internal/pickTargets.js";
import { maxShift } from "./internal/maxShift.js";

/**
 * tokenLogProbs: the log-probability of a given token at each step (e.g. the observed next tokens).
 *
 *     out_t = log p_t(ids_t) = (x_t,ids_t − m_t) − log Σ_v exp(x_t,v − m_t)
 *
 * Shape: logits [..., V] and ids [...] (integers in [0, V); number arrays, Int32Array or a tensor;
 * a single number for one step [V]) → [...]. A bad id throws LogitlabError naming the step.
 *
 * Stability: max-shift log-sum-exp (https://en.wikipedia.org/wiki/LogSumExp); only the one picked logit
 * per step is gathered, so no [.., V] log-probability tensor is built. A masked (`-Infinity`) target gives
 * `-Infinity`; a row that is all `-Infinity`, or holds NaN or `+Infinity`, gives NaN.
 *
 * @example
 * tokenLogProbs(tf.tensor2d([[0, 0], [0, Math.log(3)]]), [0, 1]).arraySync()
 * // => [-0.6931, -0.2877]
 */
export function tokenLogProbs(logits: tf.Tensor | tf.TensorLike, ids: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const { x, lead, picked } = pickTargets(logits, ids, "tokenLogProbs");
    const { max, logSumExp } = maxShift(x);
    return tf.sub(tf.sub(picked, tf.reshape(max, lead)), tf.reshape(logSumExp, lead));
  });
}
