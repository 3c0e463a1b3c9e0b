/**
 * gpt2Weights: the Hugging Face → logitlab weight table for `GPT2LMHeadModel` (config parsing and
 * the family record: families/gpt2.ts).
 *
 * Hugging Face names (the `transformer.` prefix is present in GPT2LMHeadModel checkpoints and absent
 * in GPT2Model ones such as the original `gpt2` upload; both are accepted):
 *
 * | Hugging Face                          | ours                   | HF shape      | transpose |
 * |---------------------------------------|------------------------|---------------|-----------|
 * | wte.weight                            | unembed                | [V, D]        | yes → [D, V] (tied head; embedding rows are gathered from its columns) |
 * | wpe.weight                            | pos_embed              | [P, D]        | no        |
 * | h.{i}.ln_1.weight / .bias             | blocks.{i}.ln1.w / .b  | [D]           | no        |
 * | h.{i}.attn.c_attn.weight / .bias      | blocks.{i}.attn.W_qkv / b_qkv | [D, 3D] / [3D] | no (Conv1D stores [in, out]) |
 * | h.{i}.attn.c_proj.weight / .bias      | blocks.{i}.attn.W_O / b_O | [D, D] / [D] | no (Conv1D) |
 * | h.{i}.ln_2.weight / .bias             | blocks.{i}.ln2.w / .b  | [D]           | no        |
 * | h.{i}.mlp.c_fc.weight / .bias         | blocks.{i}.mlp.W_in / b_in | [D, I] / [I] | no (Conv1D) |
 * | h.{i}.mlp.c_proj.weight / .bias       | blocks.{i}.mlp.W_out / b_out | [I, D] / [D] | no (Conv1D) |
 * | ln_f.weight / .bias                   | ln_final.w / .b        | [D]           | no        |
 * | lm_head.weight (only if untied)       | unembed                | [V, D]        | yes → [D, V] |
 *
 * The one transpose is the output head. Buffers `h.{i}.attn.bias` / `.masked_bias` (causal masks in
 * old checkpoints) are not weights and are ignored.
 *
 * @example
 * const config = gpt2Family.parseConfig({ architectures: ["GPT2LMHeadModel"], n_embd: 8, n_layer: 1, n_head: 2, n_positions: 16, vocab_size: 10 });
 * gpt2Weights.table(config, { has: (name) => name.startsWith("transformer.") }).find((spec) => spec.name === "blocks.0.attn.W_qkv")
 * // => { "from": ["transformer.h.0.attn.c_attn.weight"], "shapes": [[8, 24]], "transpose": false }
 */
import type { ModelConfig } from "../types.js";
import type { WeightSpec } from "./loadWeights.js";

export const gpt2Weights = {
  /** The weight table; the `transformer.` prefix is used when the checkpoint has `transformer.wte.weight`. */
  table(config: ModelConfig, checkpoint: { has(name: string): boolean }): WeightSpec[] {
    const prefix = checkpoint.has("transformer.wte.weight") ? "transformer." : "";
    const D = config.hiddenSize;
    const I = config.intermediateSize;
    const V = config.vocabSize;
    const p = (name: string): string => prefix + name;
    const same = (name: string, hf: string, shape: number[]): WeightSpec => ({ name, from: [p(hf)], shapes: [shape], transpose: false });
    const specs: WeightSpec[] = [
      config.tiedEmbeddings
        ? { name: "unembed", from: [p("wte.weight")], shapes: [[V, D]], transpose: true }
        : { name: "unembed", from: ["lm_head.weight"], shapes: [[V, D]], transpose: true },
      same("pos_embed", "wpe.weight", [config.maxPositions, D]),
      same("ln_final.w", "ln_f.weight", [D]),
      same("ln_final.b", "ln_f.bias", [D]),
    ];
    if (!config.tiedEmbeddings) specs.push(same("embed", "wte.weight", [V, D]));
    for (let i = 0; i < config.numLayers; i++) {
      const hf = `h.${i}.`;
      const ours = `blocks.${i}.`;
      specs.push(
        same(ours + "ln1.w", hf + "ln_1.weight", [D]),
        same(ours + "ln1.b", hf + "ln_1.bias", [D]),
        same(ours + "attn.W_qkv", hf + "attn.c_attn.weight", [D, 3 * D]),
        same(ours + "attn.b_qkv", hf + "attn.c_attn.bias", [3 * D]),
        same(ours + "attn.W_O", hf + "attn.c_proj.weight", [D, D]),
        same(ours + "attn.b_O", hf + "attn.c_proj.bias", [D]),
        same(ours + "ln2.w", hf + "ln_2.weight", [D]),
        same(ours + "ln2.b", hf + "ln_2.bias", [D]),
        same(ours + "mlp.W_in", hf + "mlp.c_fc.weight", [D, I]),
        same(ours + "mlp.b_in", hf + "mlp.c_fc.bias", [I]),
        same(ours + "mlp.W_out", hf + "mlp.c_proj.weight", [I, D]),
        same(ours + "mlp.b_out", hf + "mlp.c_proj.bias", [D]),
      );
    }
    return specs;
  },

  /** Checkpoint tensors that are buffers, not weights. */
  ignored: (name: string): boolean => /\.attn\.(bias|masked_bias)$/.test(name),
};
