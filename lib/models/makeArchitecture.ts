/**
 * makeArchitecture: an {@link Architecture} from one family's `run` (its model math, in gpt2.ts or
 * llama.ts) and the parts every family shares:
 *   - embedTokens: ids [N] → [N, D], rows of `embed` [V, D], or — for a tied head stored only as
 *     `unembed` [D, V] — its columns, transposed;
 *   - unembed: final hidden state [N, D] → logits [N, V] = hidden @ unembed;
 *   - embeddings(): the input embedding matrix [V, D] as a new tensor (a copy of `embed`, or unembedᵀ);
 *   - positionLimit (learned position embeddings: config.maxPositions rows) and activationNames
 *     (hookNames.all) from the features `run` has;
 *   - finalNorm: the family's final norm (identity when none is given);
 *   - dispose(): disposes every weight.
 *
 * @example
 * const unembed = tf.tensor2d([[1, 2, 3], [4, 5, 6]]); // tied head [D = 2, V = 3]
 * const config = gpt2Family.parseConfig({ architectures: ["GPT2LMHeadModel"], n_embd: 2, n_layer: 1, n_head: 1, n_positions: 4, vocab_size: 3 });
 * const features = { positionEmbeddings: true, rotary: false, gatedMlp: false };
 * makeArchitecture(config, { unembed }, (x) => x, features).embedTokens(tf.tensor1d([2, 0], "int32")).arraySync()
 * // => [[3, 6], [1, 4]]
 */
import { tf } from "../backend/backend.js";
import { hookNames } from "./hookNames.js";
import type { Architecture, ModelConfig } from "./types.js";

export function makeArchitecture(
  config: ModelConfig,
  weights: Record<string, tf.Tensor>,
  run: Architecture["run"],
  features: { positionEmbeddings: boolean; rotary: boolean; gatedMlp: boolean },
  finalNorm: Architecture["finalNorm"] = (resid) => resid,
): Architecture {
  const W = weights as Record<string, tf.Tensor2D>;
  return {
    config,
    positionLimit: features.positionEmbeddings ? config.maxPositions : undefined,
    activationNames: hookNames.all({ numLayers: config.numLayers, ...features }),
    // Untied: rows of embed [V, D]; tied: columns of the head [D, V] → [D, N] → [N, D].
    embedTokens: (ids) => (W.embed ? tf.gather(W.embed, ids) : tf.transpose(tf.gather(W.unembed, ids, 1))),
    run,
    unembed: (hidden) => tf.matMul(hidden, W.unembed), // [N, D] @ [D, V] → [N, V]
    finalNorm,
    embeddings: () => (W.embed ? tf.clone(W.embed) : tf.transpose(W.unembed)),
    dispose: () => Object.values(weights).forEach((t) => t.dispose()),
  };
}
