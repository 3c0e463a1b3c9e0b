/**
 * attentionPatterns: every layer's attention pattern read from the activation cache
 * (`blocks.{l}.attn.hook_pattern`), the mean over the last layer's heads, and attention-based token
 * importance:
 *
 *   patterns[l][h][i][j] = softmax_j(q_i · k_j / √hd + mask)           (rows sum to 1, j ≤ i)
 *   lastLayerMean[i][j]  = (1/H) Σ_h patterns[L−1][h][i][j]
 *   importance[j]        = lastLayerMean[T−1][j]   (how much the last position attends to token j)
 *
 * (Vaswani et al. 2017, https://arxiv.org/abs/1706.03762; attention as importance with its caveats:
 * Jain & Wallace 2019, https://arxiv.org/abs/1902.10186.)
 * Shapes: ids [T] → patterns [L][H][T][T], lastLayerMean [T][T], importance [T]. Leaks no tensors.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * const a = attentionPatterns(model, [1, 2, 3]);
 * [a.patterns.length, a.patterns[0].length, a.lastLayerMean[0], a.importance.length]
 * // => [2, 4, [1, 0, 0], 3]
 */
import type { CausalLM } from "../models/causalLM.js";
import { hookNames } from "../models/hookNames.js";
import { LogitlabError } from "../util/errors.js";

/** What {@link attentionPatterns} returns. */
export interface AttentionPatterns {
  /** [L][H][T][T] attention weights, query rows, key columns. */
  patterns: number[][][][];
  /** [T][T] mean over the last layer's heads. */
  lastLayerMean: number[][];
  /** [T] the last row of lastLayerMean. */
  importance: number[];
}

export function attentionPatterns(model: CausalLM, ids: number[]): AttentionPatterns {
  if (ids.length === 0) throw new LogitlabError("attentionPatterns needs at least one token", { context: "attentionPatterns", field: "ids" });
  const L = model.config.numLayers;
  const names = Array.from({ length: L }, (_, l) => hookNames.block(l).attn.pattern);
  const { logits, activations } = model.forward(ids, { activations: names });
  logits.dispose();
  const patterns = names.map((name) => {
    const tensor = activations!.get(name)!; // [H, T, T]
    const values = tensor.arraySync() as number[][][];
    tensor.dispose();
    return values;
  });
  const last = patterns[L - 1];
  const lastLayerMean = last[0].map((row, i) => row.map((_, j) => last.reduce((s, head) => s + head[i][j], 0) / last.length));
  return { patterns, lastLayerMean, importance: [...lastLayerMean[lastLayerMean.length - 1]] };
}
