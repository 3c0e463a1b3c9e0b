/**
 * interpretView: everything the interpretability page and app show for one token sequence, from a
 * loaded model — the next-token distribution after the last token (top k), every layer's attention
 * (`attentionPatterns`: per head, the last layer's mean over heads, the last row as importance), the
 * three gradient saliencies (`tokenSaliency`) and the logit lens (`logitLens`: each layer's top
 * token and its probability at every position).
 *
 *   next = top-k of softmax(z_{T−1})   (z: logits, max-shifted softmax)
 *
 * Shapes: ids [T] → tokens [T], patterns [L][H][T][T], saliency rows [T], lens [L][T], next [k].
 * Five forward passes (plain, lens, attention, and one under each saliency gradient) and two reverse
 * passes; nothing [T, V] is kept.
 * Leaks no tensors.
 *
 * @example
 * const model = await loadModel("data/models/tiny-gpt2-small");
 * const v = interpretView(model, model.encode("And God said"), { topK: 5 });
 * [v.tokens.length === v.ids.length, v.next.ids.length, v.lens.topTokens.length, v.attention.patterns.length]
 * // => [true, 5, 2, 2]
 */
import { tf } from "../../backend/backend.js";
import { attentionPatterns, type AttentionPatterns } from "../../interpret/attentionPatterns.js";
import { tokenSaliency, type TokenSaliency } from "../../interpret/tokenSaliency.js";
import type { CausalLM } from "../../models/causalLM.js";
import { logitLens } from "../../models/logitLens.js";
import { LogitlabError } from "../../util/errors.js";

/** What {@link interpretView} returns. */
export interface InterpretView {
  ids: number[];
  /** Each token's own text. */
  tokens: string[];
  /** Top-k next tokens after the last one, most probable first. */
  next: { ids: number[]; tokens: string[]; probs: number[] };
  attention: AttentionPatterns;
  saliency: TokenSaliency;
  /** Logit lens: block indices, and [layers][T] top token text and probability. */
  lens: { layers: number[]; topTokens: string[][]; topProbs: number[][] };
}

export function interpretView(model: CausalLM, ids: number[], options: { topK?: number } = {}): InterpretView {
  const topK = options.topK ?? 10;
  if (!Number.isInteger(topK) || topK < 1) throw new LogitlabError(`topK must be an integer ≥ 1, got ${topK}`, { context: "interpretView", field: "topK" });
  if (ids.length === 0) throw new LogitlabError("needs at least one token", { context: "interpretView", field: "ids" });
  const limit = model.config.maxPositions;
  if (ids.length > limit) throw new LogitlabError(`${ids.length} tokens is more than the model's context of ${limit}`, { context: "interpretView", field: "ids" });
  const tokenizer = model.requireTokenizer();
  const k = Math.min(topK, model.config.vocabSize);
  const { logits } = model.forward(ids);
  const top = tf.tidy(() => {
    const last = tf.reshape(tf.slice(logits, [ids.length - 1, 0], [1, -1]), [-1]);
    return tf.topk(tf.softmax(last), k);
  });
  const values = Array.from(top.values.dataSync());
  const indices = Array.from(top.indices.dataSync());
  tf.dispose([top.values, top.indices]);
  logits.dispose();
  const lens = logitLens(model, ids);
  return {
    ids: [...ids],
    tokens: tokenizer.tokenTexts(ids),
    next: { ids: indices, tokens: tokenizer.tokenTexts(indices), probs: values },
    attention: attentionPatterns(model, ids),
    saliency: tokenSaliency(model, ids),
    lens: { layers: lens.layers, topTokens: lens.topTokens ?? lens.topIds.map((row) => row.map(String)), topProbs: lens.topProbs },
  };
}
