/**
 * llamaFamily: the Llama-family record for load.ts — `LlamaForCausalLM` (Llama 2, 3, 3.1,
 * DeepSeek-LLM), `MistralForCausalLM`, `Qwen2ForCausalLM`, `Qwen3ForCausalLM`: what their config.json
 * means (flags for the variants: biases, q/k norm, sliding window, RoPE scaling), the weight table
 * (weights/llamaWeights.ts), the buffers to ignore and the model math (llama.ts).
 *
 * @example
 * llamaFamily.parseConfig({ architectures: ["Qwen3ForCausalLM"], hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2, num_key_value_heads: 1, head_dim: 6, intermediate_size: 16, vocab_size: 10 }).numKvHeads
 * // => 1
 */
import { LogitlabError } from "../../util/errors.js";
import { createLlama } from "../llama.js";
import type { Family, ModelConfig } from "../types.js";
import { llamaWeights } from "../weights/llamaWeights.js";
import { configNumber, type ConfigNumberKind } from "./configNumber.js";

const ARCHITECTURES = ["LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM"];

export const llamaFamily: Family = {
  name: "llama",
  architectures: ARCHITECTURES,

  resolve(raw) {
    const first = Array.isArray(raw.architectures) ? String((raw.architectures as unknown[])[0]) : undefined;
    return first !== undefined && ARCHITECTURES.includes(first) ? first : undefined;
  },

  /** config.json → {@link ModelConfig}: hidden_size, num_hidden_layers, num_attention_heads, num_key_value_heads, head_dim, rope_theta, rope_scaling, … */
  parseConfig(raw: Record<string, unknown>, file = "config.json"): ModelConfig {
    const architecture = String((raw.architectures as unknown[] | undefined)?.[0] ?? "LlamaForCausalLM");
    const fail = (reason: string, field: string): never => {
      throw new LogitlabError(reason, { context: "loadModel", file, field });
    };
    const get = (key: string, kind: ConfigNumberKind, fallback?: number): number => configNumber(raw, key, kind, file, fallback);
    const hiddenSize = get("hidden_size", "hidden");
    const numHeads = get("num_attention_heads", "heads");
    const numKvHeads = get("num_key_value_heads", "heads", numHeads);
    if (numHeads % numKvHeads !== 0) fail(`num_attention_heads ${numHeads} is not a multiple of num_key_value_heads ${numKvHeads}`, "num_key_value_heads");
    const isQwen3 = architecture === "Qwen3ForCausalLM";
    const headDim = get("head_dim", "hidden", isQwen3 ? 128 : hiddenSize / numHeads);
    if (!Number.isInteger(headDim) || headDim % 2 !== 0) fail(`head_dim ${headDim} must be an even integer for RoPE`, "head_dim");
    const activation = String(raw.hidden_act ?? "silu");
    if (activation !== "silu") fail(`hidden_act "${activation}" is not supported (silu)`, "hidden_act");

    // Transformers 5 moved rope_theta / rope_scaling into rope_parameters.
    const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
    if (raw.rope_parameters != null && !isObject(raw.rope_parameters)) fail("rope_parameters is not an object", "rope_parameters");
    if (raw.rope_scaling != null && !isObject(raw.rope_scaling)) fail("rope_scaling is not an object", "rope_scaling");
    const parameters = (raw.rope_parameters ?? {}) as Record<string, unknown>;
    const ropeTheta = raw.rope_theta != null ? get("rope_theta", "positive") : configNumber(parameters, "rope_theta", "positive", file, 10000, "rope_parameters.rope_theta");
    let ropeScaling = (raw.rope_scaling ?? undefined) as Record<string, unknown> | undefined;
    if (!ropeScaling && parameters.rope_type && parameters.rope_type !== "default") ropeScaling = parameters;
    if (ropeScaling) {
      const type = String(ropeScaling.rope_type ?? ropeScaling.type ?? "default");
      if (!["llama3", "linear", "default"].includes(type)) fail(`rope_scaling type "${type}" is not supported (llama3, linear)`, "rope_scaling");
      if (type === "default") ropeScaling = undefined;
      else {
        // The numbers ropeFrequencies (llama.ts) divides by.
        configNumber(ropeScaling, "factor", "positive", file, 1, "rope_scaling.factor");
        if (type === "llama3") {
          configNumber(ropeScaling, "low_freq_factor", "positive", file, 1, "rope_scaling.low_freq_factor");
          configNumber(ropeScaling, "high_freq_factor", "positive", file, 4, "rope_scaling.high_freq_factor");
          configNumber(ropeScaling, "original_max_position_embeddings", "positions", file, 8192, "rope_scaling.original_max_position_embeddings");
        }
      }
    }
    if (raw.partial_rotary_factor !== undefined && raw.partial_rotary_factor !== 1) fail("partial_rotary_factor other than 1 is not supported", "partial_rotary_factor");

    const attentionBias = raw.attention_bias === true;
    let slidingWindow: number | undefined;
    if (architecture === "MistralForCausalLM" && raw.sliding_window != null) slidingWindow = get("sliding_window", "positions");
    if ((architecture === "Qwen2ForCausalLM" || isQwen3) && raw.use_sliding_window === true) {
      fail("use_sliding_window true is not supported for Qwen models", "use_sliding_window");
    }
    return {
      architecture,
      family: "llama",
      vocabSize: get("vocab_size", "vocab"),
      hiddenSize,
      numLayers: get("num_hidden_layers", "layers"),
      numHeads,
      numKvHeads,
      headDim,
      intermediateSize: get("intermediate_size", "intermediate"),
      maxPositions: get("max_position_embeddings", "positions", 2048),
      normEps: get("rms_norm_eps", "epsilon", 1e-6),
      activation,
      tiedEmbeddings: raw.tie_word_embeddings === true,
      ropeTheta,
      ropeScaling,
      qkvBias: architecture === "Qwen2ForCausalLM" || attentionBias,
      outputBias: architecture !== "Qwen2ForCausalLM" && attentionBias,
      mlpBias: raw.mlp_bias === true,
      qkNorm: isQwen3,
      slidingWindow,
      raw,
    };
  },

  weightTable: (config, checkpoint) => llamaWeights.table(config, checkpoint),
  ignored: llamaWeights.ignored,
  create: createLlama,
};
