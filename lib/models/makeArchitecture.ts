/**
 * makeArchitecture: an {@link Architecture} from one family's `run` (its model math, in gpt2.ts or
 * llama.ts) and the parts every family shares:
 *   - embedTokens: ids [N] → [N, D], rows of `embed` [V, D], or — for a tied head stored only as
 *     `unembed` [D, V] — its columns, transposed;
 *   - embeddings(): the input embedding matrix [V, D] as a new tensor (a copy of `embed`, or unembedᵀ);
 *   - dispose(): disposes every weight.
 *
 * @example
 * const unembed = tf.tensor2d([[1, 2, 3], [4, 5, 6]]); // tied head [D = 2, V = 3]
 * const config = gpt2Weights.parseConfig({ architectures: ["GPT2LMHeadModel"], n_embd: 2, n_layer: 0, n_head: 1, n_positions: 4, vocab_size: 3 });
 * makeArchitecture(config, { unembed }, (x) => x).embedTokens(tf.tensor1d([2, 0], "int32")).arraySync()
 * // => [[3, 6], [1, 4]]
 */
import { tf } from "../backend/backend.js";
import type { Architecture, ModelConfig } from "./types.js";

export function makeArchitecture(config: ModelConfig, weights: Record<string, tf.Tensor>, run: Architecture["run"]): Architecture {
  const W = weights as Record<string, tf.Tensor2D>;
  return {
    config,
    // Untied: rows of embed [V, D]; tied: columns of the head [D, V] → [D, N] → [N, D].
    embedTokens: (ids) => (W.embed ? tf.gather(W.embed, ids) : tf.transpose(tf.gather(W.unembed, ids, 1))),
    run,
    embeddings: () => (W.embed ? tf.clone(W.embed) : tf.transpose(W.unembed)),
    dispose: () => Object.values(weights).forEach((t) => t.dispose()),
  };
}
