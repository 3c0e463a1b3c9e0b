/**
 * llamaWeights: the Hugging Face → logitlab weight table for
 * `LlamaForCausalLM` (Llama 2, 3, 3.1, DeepSeek-LLM), `MistralForCausalLM`, `Qwen2ForCausalLM` and
 * `Qwen3ForCausalLM` (config parsing and the family record: families/llama.ts).
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
 * const config = llamaFamily.parseConfig({ architectures: ["Qwen3ForCausalLM"], hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2, num_key_value_heads: 1, head_dim: 6, intermediate_size: 16, vocab_size: 10 });
 * llamaWeights.table(config).find((spec) => spec.name === "blocks.0.attn.W_qkv")!.shapes
 * // => [[12, 8], [6, 8], [6, 8]]
 */
import type { ModelConfig } from "../types.js";
import type { WeightSpec } from "./loadWeights.js";

export const llamaWeights = {
  /** The weight table (the checkpoint is not consulted: Llama-family names have one spelling). */
  table(config: ModelConfig, _checkpoint?: { has(name: string): boolean }): WeightSpec[] {
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
