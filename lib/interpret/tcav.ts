/**
 * tcav: testing with concept activation vectors — does moving the residual stream towards a concept
 * raise the probability of a target token? (Kim et al. 2018, "Interpretability Beyond Feature
 * Attribution: TCAV", https://arxiv.org/abs/1711.11279.)
 *
 *   features  = mean over positions of block l's hook_resid_post, per sentence [D] (l: `layer`, default the last)
 *   CAV v     = unit normal of a logistic probe, concept (1) vs random (0) sentences (`logisticProbe`)
 *   S_i(v)    = ∇_r log p(target | input_i) · v     (r: block l's output residual stream at input i's last position)
 *   TCAV(v)   = |{i : S_i(v) > 0}| / n
 *   test      = TCAV of ≥ 20 seeded Gaussian random unit directions u_k; one-sample two-sided Student t
 *               of their scores against TCAV(v): t = (mean_k TCAV(u_k) − TCAV(v)) / (sd / √m), df = m − 1
 *
 * The gradient is exact: for the last block, tf.grad through the final norm and head
 * (`model.unembedResidual`, all inputs in one reverse pass); for an earlier block, tf.grad of
 * log p(target) with respect to a displacement δ added to that block's output at the last position
 * (`forwardEmbeddings` with `patch`, the rest of the stack run on top), at δ = 0, one pass per input.
 * Shapes: sentences as id lists → probe accuracy, CAV [D], per-input S [n], scores, t and p.
 * Leaks no tensors.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * const r = tcav(model, { concept: [[1, 2], [1, 3], [1, 4], [1, 5]], random: [[9, 8], [7, 6], [5, 9], [8, 7]], inputs: [[1, 2, 3], [4, 5, 6]], target: 7, heldOutFraction: 0 });
 * const early = tcav(model, { concept: [[1, 2], [1, 3], [1, 4], [1, 5]], random: [[9, 8], [7, 6], [5, 9], [8, 7]], inputs: [[1, 2, 3], [4, 5, 6]], target: 7, heldOutFraction: 0, layer: 0 });
 * [r.directional.length, r.randomScores.length, r.score >= 0 && r.score <= 1, r.layer, early.layer]
 * // => [2, 20, true, 1, 0]
 */
import { tf } from "../backend/backend.js";
import type { CausalLM } from "../models/causalLM.js";
import { hookNames } from "../models/hookNames.js";
import { registerGradients } from "../models/registerGradients.js";
import { studentTTwoSidedP } from "../stats/studentTTwoSidedP.js";
import { seededNormals } from "../util/seededRandom.js";
import { LogitlabError } from "../util/errors.js";
import { logisticProbe } from "./logisticProbe.js";

/** What {@link tcav} returns. */
export interface TcavResult {
  /** Block whose hook_resid_post was probed. */
  layer: number;
  /** The concept activation vector [D] (unit). */
  cav: number[];
  probeTrainAccuracy: number;
  /** Probe accuracy on held-out concept/random sentences (NaN when heldOutFraction is 0). */
  probeHeldOutAccuracy: number;
  /** [n] S_i(cav): directional derivative of log p(target) along the CAV. */
  directional: number[];
  /** TCAV score: fraction of inputs with a positive directional derivative. */
  score: number;
  /** [m] TCAV scores of the random directions. */
  randomScores: number[];
  t: number;
  pValue: number;
}

export function tcav(
  model: CausalLM,
  options: { concept: number[][]; random: number[][]; inputs: number[][]; target: number; layer?: number; randomDirections?: number; seed?: number; heldOutFraction?: number; l2?: number },
): TcavResult {
  const L = model.config.numLayers;
  const D = model.config.hiddenSize;
  const m = options.randomDirections ?? 20;
  if (!Number.isInteger(m) || m < 20) throw new LogitlabError(`randomDirections must be an integer ≥ 20, got ${m}`, { context: "tcav", field: "randomDirections" });
  if (!Number.isInteger(options.target) || options.target < 0 || options.target >= model.config.vocabSize) {
    throw new LogitlabError(`target id ${options.target} is not in [0, ${model.config.vocabSize})`, { context: "tcav", field: "target" });
  }
  for (const field of ["concept", "random", "inputs"] as const) {
    if (options[field].length === 0) throw new LogitlabError(`${field} needs at least one sentence`, { context: "tcav", field });
    options[field].forEach((ids, i) => {
      if (ids.length === 0) throw new LogitlabError(`${field} sentence ${i} is empty`, { context: "tcav", field });
    });
  }
  const layer = options.layer ?? L - 1;
  if (!Number.isInteger(layer) || layer < 0 || layer >= L) throw new LogitlabError(`layer ${layer} is not in [0, ${L})`, { context: "tcav", field: "layer" });
  registerGradients();
  const name = hookNames.block(layer).residPost;
  const residual = (ids: number[]): number[][] => {
    const { logits, activations } = model.forward(ids, { activations: [name] });
    const r = activations!.get(name)!;
    const rows = r.arraySync() as number[][];
    tf.dispose([logits, r]);
    return rows;
  };
  const meanRow = (rows: number[][]): number[] => rows[0].map((_, d) => rows.reduce((s, row) => s + row[d], 0) / rows.length);
  const features = [...options.concept, ...options.random].map((ids) => meanRow(residual(ids)));
  const labels = [...options.concept.map(() => 1), ...options.random.map(() => 0)];
  const probe = logisticProbe(features, labels, { heldOutFraction: options.heldOutFraction ?? 0.25, seed: options.seed ?? 1, l2: options.l2 });
  // Gradient of log p(target) at each input's last position, all inputs in one reverse pass (rows are independent).
  const gradients = layer === L - 1 ? lastLayerGradients() : options.inputs.map(patchedGradient); // [n, D]
  function lastLayerGradients(): number[][] {
    const last = options.inputs.map((ids) => residual(ids).at(-1)!); // [n, D]
    return tf.tidy(() => {
      const f = (r: tf.Tensor): tf.Scalar => tf.sum(tf.slice(tf.logSoftmax(model.unembedResidual(r as tf.Tensor2D)), [0, options.target], [-1, 1]));
      return tf.grad(f)(tf.tensor2d(last)).arraySync() as number[][];
    });
  }
  function patchedGradient(ids: number[]): number[] {
    const T = ids.length;
    return tf.tidy(() => {
      const E = model.embed(ids);
      const f = (delta: tf.Tensor): tf.Scalar => {
        const shift = tf.concat([tf.zeros([T - 1, D]), delta as tf.Tensor2D], 0) as tf.Tensor2D; // δ on the last position only
        const patch = (hook: string, resid: tf.Tensor2D): tf.Tensor2D => (hook === name ? tf.add(resid, shift) : resid);
        const logits = model.forwardEmbeddings(E, { patch });
        return tf.sum(tf.slice(tf.logSoftmax(tf.slice(logits, [T - 1, 0], [1, -1])), [0, options.target], [1, 1]));
      };
      return (tf.grad(f)(tf.zeros([1, D])).arraySync() as number[][])[0];
    });
  }
  const along = (v: number[]): number[] => gradients.map((g) => g.reduce((s, x, d) => s + x * v[d], 0));
  const fraction = (s: number[]): number => s.filter((x) => x > 0).length / s.length;
  const directional = along(probe.direction);
  const score = fraction(directional);
  const noise = seededNormals(m * D, options.seed ?? 1);
  const randomScores = Array.from({ length: m }, (_, k) => {
    const u = noise.slice(k * D, (k + 1) * D);
    const norm = Math.hypot(...u);
    return fraction(along(u.map((x) => x / norm)));
  });
  const mean = randomScores.reduce((s, x) => s + x, 0) / m;
  const sd = Math.sqrt(randomScores.reduce((s, x) => s + (x - mean) ** 2, 0) / (m - 1));
  const t = sd > 0 ? (mean - score) / (sd / Math.sqrt(m)) : mean === score ? 0 : Math.sign(mean - score) * Infinity;
  return {
    layer, cav: probe.direction, probeTrainAccuracy: probe.trainAccuracy, probeHeldOutAccuracy: probe.heldOutAccuracy,
    directional, score, randomScores, t, pValue: studentTTwoSidedP(t, m - 1),
  };
}
