/**
 * tokenSaliency: three gradient attributions of a prompt's next-token prediction to its input tokens,
 * side by side (E: input token embeddings [T, D]; z = logits at the last position [V]):
 *
 *   logitSum_t       = (1/D) Σ_d |∂(Σ_v z_v)/∂E_td|            (the guide's definition)
 *   gradNorm_t       = ‖∂ log p(ŷ)/∂E_t‖₂                      (ŷ = argmax_v z_v, the predicted token)
 *   inputXGradient_t = Σ_d E_td · ∂ log p(ŷ)/∂E_td
 *
 * (Simonyan et al. 2014, https://arxiv.org/abs/1312.6034 — gradient saliency; Shrikumar et al. 2016,
 * https://arxiv.org/abs/1605.01713 — input × gradient.) The last two come from `saliency`; the first
 * is a second reverse pass through `forwardEmbeddings`. Position embeddings (GPT-2) are added after E,
 * so they are not attributed.
 * Shapes: ids [T] → three arrays [T] and the predicted id. Leaks no tensors.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * const s = tokenSaliency(model, [1, 2, 3]);
 * [s.logitSum.length, s.gradNorm.length, s.logitSum.every((v) => v > 0)]
 * // => [3, 3, true]
 */
import { tf } from "../backend/backend.js";
import type { CausalLM } from "../models/causalLM.js";
import { registerGradients } from "../models/registerGradients.js";
import { saliency } from "../models/saliency.js";
import { LogitlabError } from "../util/errors.js";

/** What {@link tokenSaliency} returns; every array is [T]. */
export interface TokenSaliency {
  /** The predicted (argmax) next token after the last position. */
  predictedId: number;
  /** log p(predictedId | ids). */
  logProb: number;
  /** Mean over the embedding dimension of |∂(sum of the last position's logits)/∂E|. */
  logitSum: number[];
  /** L2 norm of ∂ log p(predictedId)/∂E per token. */
  gradNorm: number[];
  /** Input × gradient of log p(predictedId), summed over the embedding dimension. */
  inputXGradient: number[];
}

export function tokenSaliency(model: CausalLM, ids: number[]): TokenSaliency {
  const T = ids.length;
  if (T === 0) throw new LogitlabError("tokenSaliency needs at least one token", { context: "tokenSaliency", field: "ids" });
  registerGradients();
  const [predicted, logitSum] = tf.tidy(() => {
    const E = model.embed(ids); // [T, D]
    const last = (x: tf.Tensor2D): tf.Tensor => tf.slice(model.forwardEmbeddings(x), [T - 1, 0], [1, -1]); // [1, V]
    const predictedId = tf.argMax(last(E), 1).dataSync()[0];
    const grad = tf.grad((x: tf.Tensor) => tf.sum(last(x as tf.Tensor2D)))(E); // [T, D]
    return [predictedId, tf.mean(tf.abs(grad), 1).arraySync() as number[]];
  });
  const byLogProb = saliency(model, ids, predicted);
  return { predictedId: predicted, logProb: byLogProb.logProb, logitSum, gradNorm: byLogProb.gradNorm, inputXGradient: byLogProb.inputXGradient };
}
