/**
 * saliency: gradient-based attribution of one next-token log-probability to the input tokens.
 *
 *   f(E) = log softmax(logits(E)[position])[target],   G = ∂f/∂E   (E: input token embeddings [T, D])
 *   gradNorm_t = ‖G_t‖₂,   inputXGradient_t = Σ_d E_td · G_td
 *
 * (Simonyan et al. 2014, "Deep Inside Convolutional Networks", https://arxiv.org/abs/1312.6034 —
 * gradient saliency; Shrikumar et al. 2016, https://arxiv.org/abs/1605.01713 — input × gradient.)
 * E are the rows of the input embedding matrix; GPT-2's position embeddings are added after E, so
 * they are not attributed. The log-probability uses the max-shifted log-softmax.
 * Shapes: ids [T], target id, position t < T (default T − 1: the prediction after the last token) →
 * per-token arrays [T] (plus the gradient [T, D] on request). Runs under `tf.tidy`; leaks nothing.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * saliency(model, [1, 2, 3], 7).gradNorm.length // => 3
 */
import { tf } from "../backend/backend.js";
import { LogitlabError } from "../util/errors.js";
import type { CausalLM } from "./causalLM.js";
import { registerGradients } from "./registerGradients.js";

/** What {@link saliency} returns. */
export interface SaliencyResult {
  /** log p(target | ids[0..position]). */
  logProb: number;
  /** [T] L2 norm of the gradient at each input token's embedding. */
  gradNorm: number[];
  /** [T] input × gradient, summed over the embedding dimension. */
  inputXGradient: number[];
  /** [T][D] the gradient itself, when `{ gradients: true }`. */
  gradients?: number[][];
}

export function saliency(
  model: CausalLM,
  ids: number[],
  target: number,
  options: { position?: number; gradients?: boolean } = {},
): SaliencyResult {
  const T = ids.length;
  const position = options.position ?? T - 1;
  if (T === 0) throw new LogitlabError("saliency needs at least one token", { context: "saliency", field: "ids" });
  if (!Number.isInteger(position) || position < 0 || position >= T) {
    throw new LogitlabError(`position ${position} is outside [0, ${T})`, { context: "saliency", field: "position" });
  }
  if (!Number.isInteger(target) || target < 0 || target >= model.config.vocabSize) {
    throw new LogitlabError(`target id ${target} is not in [0, ${model.config.vocabSize})`, { context: "saliency", field: "target" });
  }
  registerGradients();
  const [logProb, gradient, embeds] = tf.tidy(() => {
    const E = model.embed(ids); // [T, D]
    const f = (x: tf.Tensor2D): tf.Scalar => {
      const logits = model.forwardEmbeddings(x); // [T, V]
      const row = tf.slice(logits, [position, 0], [1, -1]); // [1, V]
      return tf.sum(tf.slice(tf.logSoftmax(row), [0, target], [1, 1])) as tf.Scalar;
    };
    const { value, grad } = tf.valueAndGrad(f)(E);
    return [value, grad, E] as [tf.Scalar, tf.Tensor2D, tf.Tensor2D];
  });
  try {
    const norms = tf.tidy(() => tf.sqrt(tf.sum(tf.square(gradient), 1)));
    const products = tf.tidy(() => tf.sum(tf.mul(embeds, gradient), 1));
    const gradNorm = norms.arraySync() as number[];
    const inputXGradient = products.arraySync() as number[];
    tf.dispose([norms, products]);
    return {
      logProb: logProb.dataSync()[0],
      gradNorm,
      inputXGradient,
      ...(options.gradients ? { gradients: gradient.arraySync() } : {}),
    };
  } finally {
    tf.dispose([logProb, gradient, embeds]);
  }
}
