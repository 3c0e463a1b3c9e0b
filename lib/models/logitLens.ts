/**
 * logitLens: what every layer would predict if the model stopped there — each block's output
 * residual stream decoded through the model's own final norm and unembedding.
 *
 *   logProbs_l = log softmax(unembed(finalNorm(resid_post_l)))    l = 0 … L − 1
 *   top_l,t = argmax_v logProbs_l[t, v],   topProb_l,t = exp(max_v logProbs_l[t, v])
 *
 * (nostalgebraist 2020, "interpreting GPT: the logit lens",
 * https://www.lesswrong.com/posts/AcKRB8wDpdaN6v6ru/interpreting-gpt-the-logit-lens.) The last layer
 * gives the model's own distribution. Log-probabilities use the max-shifted log-softmax.
 * Shapes: ids [T] → per layer [T] top ids and probabilities (and, with `targets`, the log-probability
 * of a given token per position; with `logProbs: true`, the full [L][T][V], small models only).
 * One forward pass records only the residual streams; each layer is decoded and freed in turn, so
 * memory holds one [T, V] at a time. Leaks no tensors.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * const lens = logitLens(model, [1, 2, 3]);
 * [lens.layers, lens.topIds.length, lens.topIds[0].length]
 * // => [[0, 1], 2, 3]
 */
import { tf } from "../backend/backend.js";
import { LogitlabError } from "../util/errors.js";
import type { CausalLM } from "./causalLM.js";
import { hookNames } from "./hookNames.js";

/** What {@link logitLens} returns; rows follow `layers`. */
export interface LogitLensResult {
  /** Block indices decoded (their `hook_resid_post`). */
  layers: number[];
  /** [layers][T] most probable token at each position. */
  topIds: number[][];
  /** [layers][T] its probability. */
  topProbs: number[][];
  /** [layers][T] the top tokens as text, when the checkpoint has a tokenizer. */
  topTokens?: string[][];
  /** [layers][T] log-probability of `targets[t]` at position t (when targets were given; NaN where a target is −1). */
  targetLogProbs?: number[][];
  /** [layers][T][V] every log-probability, when `{ logProbs: true }`. */
  logProbs?: number[][][];
}

export function logitLens(
  model: CausalLM,
  ids: number[],
  options: { layers?: number[]; targets?: number[]; logProbs?: boolean } = {},
): LogitLensResult {
  const L = model.config.numLayers;
  const V = model.config.vocabSize;
  const layers = options.layers ?? Array.from({ length: L }, (_, l) => l);
  layers.forEach((l, i) => {
    if (!Number.isInteger(l) || l < 0 || l >= L) throw new LogitlabError(`layer ${l} is not in [0, ${L})`, { context: "logitLens", field: "layers", position: `item ${i}` });
  });
  const targets = options.targets;
  if (targets) {
    if (targets.length !== ids.length) throw new LogitlabError(`targets has ${targets.length} ids for ${ids.length} tokens`, { context: "logitLens", field: "targets" });
    targets.forEach((id, t) => {
      if (!Number.isInteger(id) || id < -1 || id >= V) throw new LogitlabError(`target ${id} is not a token id in [0, ${V}) or −1`, { context: "logitLens", field: "targets", position: `position ${t}` });
    });
  }
  const names = layers.map((l) => hookNames.block(l).residPost);
  const { logits, activations } = model.forward(ids, { activations: [...new Set(names)] });
  logits.dispose();
  const result: LogitLensResult = { layers: [...layers], topIds: [], topProbs: [], ...(targets ? { targetLogProbs: [] } : {}), ...(options.logProbs ? { logProbs: [] } : {}) };
  try {
    for (const name of names) {
      const logProbs = tf.tidy(() => tf.logSoftmax(model.unembedResidual(activations!.get(name) as tf.Tensor2D))); // [T, V]
      const [top, best] = tf.tidy(() => [tf.argMax(logProbs, 1), tf.exp(tf.max(logProbs, 1))]);
      result.topIds.push(Array.from(top.dataSync()));
      result.topProbs.push(Array.from(best.dataSync()));
      const all = targets || options.logProbs ? (logProbs.arraySync() as number[][]) : undefined;
      if (targets) result.targetLogProbs!.push(targets.map((id, t) => (id < 0 ? NaN : all![t][id])));
      if (options.logProbs) result.logProbs!.push(all!);
      tf.dispose([logProbs, top, best]);
    }
  } finally {
    for (const tensor of activations!.values()) tensor.dispose();
  }
  if (model.tokenizer) result.topTokens = result.topIds.map((row) => row.map((id) => model.decode([id])));
  return result;
}
