/**
 * scoreTokens: how well a model predicted each token of a sequence, from one forward pass.
 * For every position t ≥ 1, with the logits x_{t−1} the model gave after seeing tokens 0 … t−1:
 *
 *     logProb_t = log softmax(x_{t−1})[id_t]                 (`tokenLogProbs`, nats)
 *     rank_t    = 1 + #{v : x_{t−1,v} > x_{t−1,id_t}}         (`tokenRanks`, 1 = top)
 *     entropy_t = −Σ_v p_{t−1,v} log p_{t−1,v}                (`entropy`, nats)
 *
 * Position 0 has no prediction: NaN in all three. Shape: ids [T] → three Float64Array [T] (float32
 * tensor arithmetic, widened). Tensors are freed before it returns.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * const scores = scoreTokens(model, [1, 2, 3]);
 * [scores.logProbs.length, Number.isNaN(scores.ranks[0]), scores.ranks[1] >= 1]
 * // => [3, true, true]
 */
import { tf } from "../../backend/backend.js";
import type { CausalLM } from "../../models/causalLM.js";
import { entropy } from "../../tensor/entropy.js";
import { tokenLogProbs } from "../../tensor/tokenLogProbs.js";
import { tokenRanks } from "../../tensor/tokenRanks.js";

export interface TokenScores {
  logProbs: Float64Array;
  ranks: Float64Array;
  entropy: Float64Array;
}

export function scoreTokens(model: CausalLM, ids: readonly number[]): TokenScores {
  const T = ids.length;
  const out: TokenScores = { logProbs: new Float64Array(T).fill(NaN), ranks: new Float64Array(T).fill(NaN), entropy: new Float64Array(T).fill(NaN) };
  if (T < 2) return out;
  const { logits } = model.forward([...ids]);
  try {
    const [logProbs, ranks, entropies] = tf.tidy(() => {
      const previous = tf.slice(logits, [0, 0], [T - 1, -1]); // [T-1, V]: the logits at t-1 predict token t
      const targets = ids.slice(1);
      return [tokenLogProbs(previous, targets), tokenRanks(previous, targets), entropy(previous)];
    });
    const copy = (tensor: tf.Tensor, into: Float64Array) => {
      into.set(tensor.dataSync() as Float32Array, 1);
      tensor.dispose();
    };
    copy(logProbs, out.logProbs);
    copy(ranks, out.ranks);
    copy(entropies, out.entropy);
  } finally {
    logits.dispose();
  }
  return out;
}
