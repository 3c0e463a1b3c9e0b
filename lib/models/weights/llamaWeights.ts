/**
 * llamaWeights: config.json → {@link ModelConfig} and the Hugging Face → logitlab weight table for
 * `LlamaForCausalLM` (Llama 2, 3, 3.1, DeepSeek-LLM), `MistralForCausalLM`, `Qwen2ForCausalLM` and
 * `Qwen3ForCausalLM`.
 *
 * Every torch `nn.Linear` weight is stored [out, in]; all of them are transposed to [in, out] once, at
 * load, and q/k/v (and gate/up) are concatenated so each block runs two matrix products fewer:
 *
 * | Hugging Face (prefix model.layers.{i}.)            | ours                     | HF shapes                         | transpose |
 * |----------------------------------------------------|--------------------------|-----------------------------------|-----------|
 * | model.embed_tokens.weight                          | embed (untied) / unembed (tied) | [V, D]                     | untied: no; tied: yes → [D, V] |
 * | input_layernorm.weight                             | blocks.{i}.ln1.w         | [D]                               | no        |
 * | self_attn.q_proj / k_proj / v_proj .weight         | blocks.{i}.attn.W_qkv    | [H·hd, D], [Hkv·hd, D], [Hkv·hd, D] | yes, then concatenated → [D, (H+2Hkv)·hd] |
 * | self_attn.q_proj / k_proj / v_proj .bias (Qwen2, attention_bias) | blocks.{i}.attn.b_qkv | [H·hd], [Hkv·hd], [Hkv·hd] | no, concatenated |
 * | self_attn.q_norm / k_norm .weight (Qwen3)          | blocks.{i}.attn.q_norm.w / k_norm.w | [hd]                   | no        |
 * | self_attn.o_proj.weight (.bias if attention_bias)  | blocks.{i}.attn.W_O (b_O)| [D, H·hd] ([D])                   | yes → [H·hd, D] |
 * | post_attention_layernorm.weight                    | blocks.{i}.ln2.w         | [D]                               | no        |
 * | mlp.gate_proj / up_proj .weight                    | blocks.{i}.mlp.W_gate_up | [I, D], [I, D]                    | yes, then concatenated → [D, 2I] |
 * | mlp.down_proj.weight                               | blocks.{i}.mlp.W_out     | [D, I]                            | yes → [I, D] |
 * | model.norm.weight                                  | ln_final.w               | [D]                               | no        |
 * | lm_head.weight (untied)                            | unembed                  | [V, D]                            | yes → [D, V] |
 *
 * `rotary_emb.inv_freq` buffers in old checkpoints are recomputed from the config and ignored.
 *
 * @example
 * llamaWeights.parseConfig({ architectures: ["Qwen3ForCausalLM"], hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2, num_key_value_heads: 1, head_dim: 6, intermediate_size: 16, vocab_size: 10 }).numKvHeads
 * // => 1
 */
import { LogitlabError } from "../../util/errors.js";
import type { ModelConfig } from "../types.js";
import type { WeightSpec } from "./loadWeights.js";

export const llamaWeights = {
  parseConfig(raw: Record<string, unknown>, file = "config.json"): ModelConfig {
    const architecture = String((raw.architectures as unknown[] | undefined)?.[0] ?? "LlamaForCausalLM");
    const fail = (reason: string, field: string): never => {
      throw new LogitlabError(reason, { context: "loadModel", file, field });
    };
    const get = (key: string, fallback?: number): number => {
      const value = raw[key] ?? fallback;
      if (typeof value !== "number" || !Number.isFinite(value)) return fail(`missing or non-numeric ${key}`, key);
      return value;
    };
    const hiddenSize = get("hidden_size");
    const numHeads = get("num_attention_heads");
    const numKvHeads = get("num_key_value_heads", numHeads);
    if (numHeads % numKvHeads !== 0) fail(`num_attention_heads ${numHeads} is not a multiple of num_key_value_heads ${numKvHeads}`, "num_key_value_heads");
    const isQwen3 = architecture === "Qwen3ForCausalLM";
    const headDim = get("head_dim", isQwen3 ? 128 : hiddenSize / numHeads);
    if (!Number.isInteger(headDim) || headDim % 2 !== 0) fail(`head_dim ${headDim} must be an even integer for RoPE`, "head_dim");
    const activation = String(raw.hidden_act ?? "silu");
    if (activation !== "silu") fail(`hidden_act "${activation}" is not supported (silu)`, "hidden_act");

    // Transformers 5 moved rope_theta / rope_scaling into rope_parameters.
    const parameters = (raw.rope_parameters ?? {}) as Record<string, unknown>;
    const ropeTheta = Number(raw.rope_theta ?? parameters.rope_theta ?? 10000);
    let ropeScaling = (raw.rope_scaling ?? undefined) as Record<string, unknown> | undefined;
    if (!ropeScaling && parameters.rope_type && parameters.rope_type !== "default") ropeScaling = parameters;
    if (ropeScaling) {
      const type = String(ropeScaling.rope_type ?? ropeScaling.type ?? "default");
      if (!["llama3", "linear", "default"].includes(type)) fail(`rope_scaling type "${type}" is not supported (llama3, linear)`, "rope_scaling");
      if (type === "default") ropeScaling = undefined;
    }
    if (raw.partial_rotary_factor !== undefined && raw.partial_rotary_factor !== 1) fail("partial_rotary_factor other than 1 is not supported", "partial_rotary_factor");

    const attentionBias = raw.attention_bias === true;
    let slidingWindow: number | undefined;
    if (architecture === "MistralForCausalLM" && typeof raw.sliding_window === "number") slidingWindow = raw.sliding_window;
    if ((architecture === "Qwen2ForCausalLM" || isQwen3) && raw.use_sliding_window === true) {
      fail("use_sliding_window true is not supported for Qwen models", "use_sliding_window");
    }
    return {
      architecture,
      family: "llama",
      vocabSize: get("vocab_size"),
      hiddenSize,
      numLayers: get("num_hidden_layers"),
      numHeads,
      numKvHeads,
      headDim,
      intermediateSize: get("intermediate_size"),
      maxPositions: get("max_position_embeddings", 2048),
      normEps: get("rms_norm_eps", 1e-6),
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

  table(config: ModelConfig): WeightSpec[] {
    const D = config.hiddenSize;
    const V = config.vocabSize;
    const I = config.intermediateSize;
    const hd = config.headDim;
    const q = config.numHeads * hd;
    const kv = config.numKvHeads * hd;
    const specs: WeightSpec[] = [
      config.tiedEmbeddings
        ? { name: "unembed", from: ["model.embed_tokens.weight"], shapes: [[V, D]], transpose: true }
        : { name: "unembed", from: ["lm_head.weight"], shapes: [[V, D]], transpose: true },
      { name: "ln_final.w", from: ["model.norm.weight"], shapes: [[D]], transpose: false },
    ];
    if (!config.tiedEmbeddings) specs.push({ name: "embed", from: ["model.embed_tokens.weight"], shapes: [[V, D]], transpose: false });
    for (let i = 0; i < config.numLayers; i++) {
      const hf = `model.layers.${i}.`;
      const ours = `blocks.${i}.`;
      const attn = hf + "self_attn.";
      specs.push(
        { name: ours + "ln1.w", from: [hf + "input_layernorm.weight"], shapes: [[D]], transpose: false },
        { name: ours + "attn.W_qkv", from: [attn + "q_proj.weight", attn + "k_proj.weight", attn + "v_proj.weight"], shapes: [[q, D], [kv, D], [kv, D]], transpose: true },
        { name: ours + "attn.W_O", from: [attn + "o_proj.weight"], shapes: [[D, q]], transpose: true },
        { name: ours + "ln2.w", from: [hf + "post_attention_layernorm.weight"], shapes: [[D]], transpose: false },
        { name: ours + "mlp.W_gate_up", from: [hf + "mlp.gate_proj.weight", hf + "mlp.up_proj.weight"], shapes: [[I, D], [I, D]], transpose: true },
        { name: ours + "mlp.W_out", from: [hf + "mlp.down_proj.weight"], shapes: [[D, I]], transpose: true },
      );
      if (config.qkvBias) {
        specs.push({ name: ours + "attn.b_qkv", from: [attn + "q_proj.bias", attn + "k_proj.bias", attn + "v_proj.bias"], shapes: [[q], [kv], [kv]], transpose: false });
      }
      if (config.outputBias) specs.push({ name: ours + "attn.b_O", from: [attn + "o_proj.bias"], shapes: [[D]], transpose: false });
      if (config.qkNorm) {
        specs.push(
          { name: ours + "attn.q_norm.w", from: [attn + "q_norm.weight"], shapes: [[hd]], transpose: false },
          { name: ours + "attn.k_norm.w", from: [attn + "k_norm.weight"], shapes: [[hd]], transpose: false },
        );
      }
      if (config.mlpBias) {
        specs.push(
          { name: ours + "mlp.b_gate_up", from: [hf + "mlp.gate_proj.bias", hf + "mlp.up_proj.bias"], shapes: [[I], [I]], transpose: false },
          { name: ours + "mlp.b_out", from: [hf + "mlp.down_proj.bias"], shapes: [[D]], transpose: false },
        );
      }
    }
    return specs;
  },

  ignored: (name: string): boolean => name.endsWith("rotary_emb.inv_freq"),
};
