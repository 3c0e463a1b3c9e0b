/**
 * gpt2Family: the GPT-2 record for load.ts — which config.json it takes (`GPT2LMHeadModel`; also
 * `GPT2Model`, the original `gpt2` upload with the same weights and a tied head, and a config with no
 * `architectures` but `model_type` "gpt2"), what the config means, the weight table
 * (weights/gpt2Weights.ts), the buffers to ignore and the model math (gpt2.ts).
 *
 * @example
 * [gpt2Family.resolve({ architectures: ["GPT2Model"] }), gpt2Family.parseConfig({ architectures: ["GPT2LMHeadModel"], n_embd: 8, n_layer: 1, n_head: 2, n_positions: 16, vocab_size: 10 }).headDim]
 * // => ["GPT2LMHeadModel", 4]
 */
import { LogitlabError } from "../../util/errors.js";
import { createGPT2 } from "../gpt2.js";
import type { Family, ModelConfig } from "../types.js";
import { gpt2Weights } from "../weights/gpt2Weights.js";
import { configNumber, type ConfigNumberKind } from "./configNumber.js";

export const gpt2Family: Family = {
  name: "gpt2",
  architectures: ["GPT2LMHeadModel"],

  resolve(raw) {
    const names = Array.isArray(raw.architectures) ? (raw.architectures as unknown[]).map(String) : [];
    if (names[0] === "GPT2LMHeadModel" || names[0] === "GPT2Model") return "GPT2LMHeadModel";
    if (names.length === 0 && raw.model_type === "gpt2") return "GPT2LMHeadModel";
    return undefined;
  },

  /** config.json → {@link ModelConfig}: n_embd, n_layer, n_head, n_positions, vocab_size, activation_function, … */
  parseConfig(raw: Record<string, unknown>, file = "config.json"): ModelConfig {
    const get = (key: string, kind: ConfigNumberKind, fallback?: number): number => configNumber(raw, key, kind, file, fallback);
    const hiddenSize = get("n_embd", "hidden");
    const numHeads = get("n_head", "heads");
    if (hiddenSize % numHeads !== 0) {
      throw new LogitlabError(`n_embd ${hiddenSize} is not divisible by n_head ${numHeads}`, { context: "loadModel", file, field: "n_head" });
    }
    const activation = String(raw.activation_function ?? "gelu_new");
    if (!["gelu_new", "gelu", "gelu_pytorch_tanh", "relu"].includes(activation)) {
      throw new LogitlabError(`activation_function "${activation}" is not supported (gelu_new, gelu, gelu_pytorch_tanh, relu)`, {
        context: "loadModel", file, field: "activation_function",
      });
    }
    if (raw.scale_attn_weights === false) {
      throw new LogitlabError("scale_attn_weights false is not supported", { context: "loadModel", file, field: "scale_attn_weights" });
    }
    return {
      architecture: "GPT2LMHeadModel",
      family: "gpt2",
      vocabSize: get("vocab_size", "vocab"),
      hiddenSize,
      numLayers: get("n_layer", "layers"),
      numHeads,
      numKvHeads: numHeads,
      headDim: hiddenSize / numHeads,
      // n_inner null (the usual value) means 4 × n_embd.
      intermediateSize: get("n_inner", "intermediate", 4 * hiddenSize),
      maxPositions: get("n_positions", "positions", typeof raw.n_ctx === "number" ? raw.n_ctx : undefined),
      normEps: get("layer_norm_epsilon", "epsilon", 1e-5),
      activation: activation === "gelu_pytorch_tanh" ? "gelu_new" : activation,
      tiedEmbeddings: raw.tie_word_embeddings !== false,
      scaleAttnByInverseLayerIdx: raw.scale_attn_by_inverse_layer_idx === true,
      raw,
    };
  },

  weightTable: (config, checkpoint) => gpt2Weights.table(config, checkpoint),
  ignored: gpt2Weights.ignored,
  create: createGPT2,
};
