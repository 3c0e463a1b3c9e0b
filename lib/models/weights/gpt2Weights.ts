/**
 * gpt2Weights: config.json → {@link ModelConfig} and the Hugging Face → logitlab weight table for
 * `GPT2LMHeadModel`.
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
 * gpt2Weights.parseConfig({ architectures: ["GPT2LMHeadModel"], n_embd: 8, n_layer: 1, n_head: 2, n_positions: 16, vocab_size: 10 }).headDim
 * // => 4
 */
import { LogitlabError } from "../../util/errors.js";
import type { ModelConfig } from "../types.js";
import type { WeightSpec } from "./loadWeights.js";

export const gpt2Weights = {
  parseConfig(raw: Record<string, unknown>, file = "config.json"): ModelConfig {
    const get = (key: string, fallback?: number): number => {
      const value = raw[key] ?? fallback;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new LogitlabError(`missing or non-numeric ${key}`, { context: "loadModel", file, field: key });
      }
      return value;
    };
    const hiddenSize = get("n_embd");
    const numHeads = get("n_head");
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
      vocabSize: get("vocab_size"),
      hiddenSize,
      numLayers: get("n_layer"),
      numHeads,
      numKvHeads: numHeads,
      headDim: hiddenSize / numHeads,
      intermediateSize: typeof raw.n_inner === "number" ? raw.n_inner : 4 * hiddenSize,
      maxPositions: get("n_positions", typeof raw.n_ctx === "number" ? raw.n_ctx : undefined),
      normEps: get("layer_norm_epsilon", 1e-5),
      activation: activation === "gelu_pytorch_tanh" ? "gelu_new" : activation,
      tiedEmbeddings: raw.tie_word_embeddings !== false,
      scaleAttnByInverseLayerIdx: raw.scale_attn_by_inverse_layer_idx === true,
      raw,
    };
  },

  /** The weight table; `prefix` is "transformer." or "" as found in the checkpoint. */
  table(config: ModelConfig, prefix: string): WeightSpec[] {
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
