/**
 * ggufTensorPlan: how a Hugging Face checkpoint's config and tensors become llama.cpp's GGUF
 * architecture, hyperparameter metadata and tensors — by Hugging Face tensor names, independent of
 * our runtime's weight tables.
 *
 * References: llama.cpp convert_hf_to_gguf.py (`GPT2Model`, `LlamaModel`, `Qwen2Model`,
 * `Qwen3Model`), gguf-py/gguf/constants.py and tensor_mapping.py for the names, and
 * src/llama-model.cpp for the shapes llama.cpp expects.
 *
 * | Hugging Face                                 | GGUF                           | note |
 * |----------------------------------------------|--------------------------------|------|
 * | wte / model.embed_tokens                     | token_embd                     | |
 * | wpe (GPT-2)                                  | position_embd                  | |
 * | h.N.ln_1 / model.layers.N.input_layernorm    | blk.N.attn_norm                | |
 * | h.N.attn.c_attn (GPT-2, fused q,k,v)         | blk.N.attn_qkv                 | Conv1D [in, out] → transposed |
 * | self_attn.q_proj, k_proj, v_proj             | blk.N.attn_q, attn_k, attn_v   | Llama/Mistral q, k: rotary permute |
 * | h.N.attn.c_proj / self_attn.o_proj           | blk.N.attn_output              | GPT-2: transposed |
 * | self_attn.q_norm, k_norm (Qwen3)             | blk.N.attn_q_norm, attn_k_norm | |
 * | h.N.ln_2 / post_attention_layernorm          | blk.N.ffn_norm                 | |
 * | h.N.mlp.c_fc / mlp.up_proj                   | blk.N.ffn_up                   | GPT-2: transposed |
 * | mlp.gate_proj                                | blk.N.ffn_gate                 | |
 * | h.N.mlp.c_proj / mlp.down_proj               | blk.N.ffn_down                 | GPT-2: transposed |
 * | ln_f / model.norm                            | output_norm                    | |
 * | lm_head                                      | output                         | absent when tied: llama.cpp reuses token_embd |
 * | (rope_scaling "llama3")                      | rope_freqs                     | per-frequency divisors, computed |
 *
 * The rotary permute: Hugging Face Llama rotates dimension pairs (i, i + headDim/2) ("rotate_half",
 * NeoX style); llama.cpp's `llama` architecture rotates adjacent pairs (2i, 2i + 1). Like
 * convert_hf_to_gguf's `LlamaModel.permute`, rows of q_proj and k_proj are reordered within each
 * head so that row h·d + 2j + s takes row h·d + s·d/2 + j. Qwen2/Qwen3 use NeoX rotation in
 * llama.cpp too, so their weights are copied as they are. Mistral converts as `llama`; llama.cpp's
 * `llama` has no sliding window, so a `sliding_window` shorter than the context is reported in
 * `warnings`.
 *
 * Contract: (config.json object, checkpoint) → plan; every expected tensor's shape is asserted with
 * a message naming the tensor, a missing tensor or one no rule uses is an error.
 */
import { LogitlabError } from "../../util/errors.js";
import type { Checkpoint } from "../../models/openCheckpoint.js";
import type { GgufMetadataEntry } from "./writeGguf.js";

/** One GGUF tensor: its name and shape (row-major), where its values come from, and whether it stays F32. */
export interface PlannedTensor {
  name: string;
  shape: number[];
  /** Always stored as F32 (1-D tensors: norms, biases, rope factors), as convert_hf_to_gguf does. */
  keepF32: boolean;
  values: () => Float32Array;
}

export interface GgufTensorPlan {
  architecture: "gpt2" | "llama" | "qwen2" | "qwen3";
  /** Vocabulary size = rows of the token embedding. */
  vocabSize: number;
  metadata: GgufMetadataEntry[];
  tensors: PlannedTensor[];
  warnings: string[];
}

const ARCHITECTURES: Record<string, GgufTensorPlan["architecture"]> = {
  GPT2LMHeadModel: "gpt2",
  LlamaForCausalLM: "llama",
  MistralForCausalLM: "llama",
  Qwen2ForCausalLM: "qwen2",
  Qwen3ForCausalLM: "qwen3",
};

/** Tensors a checkpoint may hold that carry no weights (buffers saved by older transformers). */
const IGNORED = [/\.attn\.bias$/, /\.attn\.masked_bias$/, /rotary_emb\.inv_freq$/];

/**
 * ggufTensorPlan: (config.json, checkpoint, config path) → architecture, hyperparameter metadata, tensors.
 *
 * @example
 * const ckpt = openCheckpoint("data/models/tiny-gpt2-small");
 * const plan = ggufTensorPlan(JSON.parse((await import("node:fs")).readFileSync("data/models/tiny-gpt2-small/config.json", "utf8")), ckpt, "data/models/tiny-gpt2-small/config.json");
 * ckpt.close();
 * [plan.architecture, plan.tensors.length, plan.tensors[2].name]
 * // => ["gpt2", 28, "blk.0.attn_norm.weight"]
 */
export function ggufTensorPlan(config: Record<string, unknown>, checkpoint: Checkpoint, configPath: string): GgufTensorPlan {
  const failConfig = (reason: string, field?: string): never => {
    throw new LogitlabError(reason, { context: "convert", file: configPath, field });
  };
  const failTensor = (reason: string, name: string): never => {
    throw new LogitlabError(reason, { context: "convert", file: checkpoint.files.join(", "), position: `tensor "${name}"` });
  };
  const archNames = config.architectures;
  const hfArchitecture = Array.isArray(archNames) ? archNames[0] : undefined;
  const architecture = ARCHITECTURES[hfArchitecture as string];
  if (!architecture) failConfig(`architecture ${JSON.stringify(hfArchitecture)} is not converted (supported: ${Object.keys(ARCHITECTURES).join(", ")})`, "architectures");
  const int = (field: string, fallback?: number): number => {
    const value = config[field] ?? fallback;
    if (!Number.isSafeInteger(value) || (value as number) <= 0) failConfig(`${JSON.stringify(value)} is not a positive integer`, field);
    return value as number;
  };
  const num = (field: string, fallback?: number): number => {
    const value = config[field] ?? fallback;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) failConfig(`${JSON.stringify(value)} is not a positive number`, field);
    return value as number;
  };

  const tensors: PlannedTensor[] = [];
  const used = new Set<string>();
  const take = (hfName: string, ggufName: string, shape: number[], transform?: (values: Float32Array) => Float32Array, outShape = shape): void => {
    if (!checkpoint.has(hfName)) failTensor("is missing from the checkpoint", hfName);
    const actual = checkpoint.info(hfName).shape;
    if (actual.length !== shape.length || actual.some((d, i) => d !== shape[i])) {
      failTensor(`has shape [${actual.join(", ")}], expected [${shape.join(", ")}] from config.json`, hfName);
    }
    used.add(hfName);
    tensors.push({ name: ggufName, shape: outShape, keepF32: outShape.length === 1, values: () => (transform ? transform(checkpoint.read(hfName)) : checkpoint.read(hfName)) });
  };
  const metadata: GgufMetadataEntry[] = [];
  const u32 = (key: string, value: number): void => void metadata.push({ key: `${architecture}.${key}`, type: "u32", value });
  const f32 = (key: string, value: number): void => void metadata.push({ key: `${architecture}.${key}`, type: "f32", value });
  const warnings: string[] = [];
  let vocabSize: number;

  if (architecture === "gpt2") {
    const width = int("n_embd");
    const layers = int("n_layer");
    const heads = int("n_head");
    const context = int("n_positions", config.n_ctx as number);
    const inner = config.n_inner == null ? 4 * width : int("n_inner");
    vocabSize = int("vocab_size");
    const activation = config.activation_function ?? "gelu_new";
    if (activation !== "gelu_new" && activation !== "gelu_pytorch_tanh") failConfig(`activation ${JSON.stringify(activation)}: llama.cpp's gpt2 uses the tanh GELU (gelu_new)`, "activation_function");
    u32("context_length", context);
    u32("embedding_length", width);
    u32("feed_forward_length", inner);
    u32("block_count", layers);
    u32("attention.head_count", heads);
    f32("attention.layer_norm_epsilon", num("layer_norm_epsilon", 1e-5));
    const p = checkpoint.has("transformer.wte.weight") ? "transformer." : "";
    const conv1d = (rows: number, cols: number) => (values: Float32Array) => transpose(values, rows, cols);
    take(`${p}wte.weight`, "token_embd.weight", [vocabSize, width]);
    take(`${p}wpe.weight`, "position_embd.weight", [context, width]);
    for (let l = 0; l < layers; l++) {
      const h = `${p}h.${l}.`;
      const b = `blk.${l}.`;
      take(`${h}ln_1.weight`, `${b}attn_norm.weight`, [width]);
      take(`${h}ln_1.bias`, `${b}attn_norm.bias`, [width]);
      take(`${h}attn.c_attn.weight`, `${b}attn_qkv.weight`, [width, 3 * width], conv1d(width, 3 * width), [3 * width, width]);
      take(`${h}attn.c_attn.bias`, `${b}attn_qkv.bias`, [3 * width]);
      take(`${h}attn.c_proj.weight`, `${b}attn_output.weight`, [width, width], conv1d(width, width));
      take(`${h}attn.c_proj.bias`, `${b}attn_output.bias`, [width]);
      take(`${h}ln_2.weight`, `${b}ffn_norm.weight`, [width]);
      take(`${h}ln_2.bias`, `${b}ffn_norm.bias`, [width]);
      take(`${h}mlp.c_fc.weight`, `${b}ffn_up.weight`, [width, inner], conv1d(width, inner), [inner, width]);
      take(`${h}mlp.c_fc.bias`, `${b}ffn_up.bias`, [inner]);
      take(`${h}mlp.c_proj.weight`, `${b}ffn_down.weight`, [inner, width], conv1d(inner, width), [width, inner]);
      take(`${h}mlp.c_proj.bias`, `${b}ffn_down.bias`, [width]);
    }
    take(`${p}ln_f.weight`, "output_norm.weight", [width]);
    take(`${p}ln_f.bias`, "output_norm.bias", [width]);
    if (config.tie_word_embeddings === false) take("lm_head.weight", "output.weight", [vocabSize, width]);
    else if (checkpoint.has("lm_head.weight")) used.add("lm_head.weight"); // tied: a saved copy of wte
  } else {
    const width = int("hidden_size");
    const layers = int("num_hidden_layers");
    const heads = int("num_attention_heads");
    const kvHeads = int("num_key_value_heads", heads);
    const headDim = config.head_dim == null ? width / heads : int("head_dim");
    if (!Number.isInteger(headDim)) failConfig(`hidden_size ${width} is not divisible by num_attention_heads ${heads}`, "hidden_size");
    if (heads % kvHeads !== 0) failConfig(`num_attention_heads ${heads} is not a multiple of num_key_value_heads ${kvHeads}`, "num_key_value_heads");
    const inner = int("intermediate_size");
    vocabSize = int("vocab_size");
    const ropeTheta = num("rope_theta", 10000);
    if ((config.hidden_act ?? "silu") !== "silu") failConfig(`activation ${JSON.stringify(config.hidden_act)} is not silu`, "hidden_act");
    u32("context_length", int("max_position_embeddings"));
    u32("embedding_length", width);
    u32("block_count", layers);
    u32("feed_forward_length", inner);
    u32("attention.head_count", heads);
    u32("attention.head_count_kv", kvHeads);
    u32("rope.dimension_count", headDim);
    f32("rope.freq_base", ropeTheta);
    f32("attention.layer_norm_rms_epsilon", num("rms_norm_eps", 1e-6));
    u32("vocab_size", vocabSize);
    if (architecture === "qwen3" || headDim !== width / heads) {
      u32("attention.key_length", headDim);
      u32("attention.value_length", headDim);
    }
    const slidingWindow = config.sliding_window;
    const usesWindow = hfArchitecture === "MistralForCausalLM" || config.use_sliding_window === true;
    if (usesWindow && typeof slidingWindow === "number" && slidingWindow < int("max_position_embeddings")) {
      warnings.push(`sliding_window ${slidingWindow} is not written: llama.cpp's ${architecture} attends to the whole context, so logits differ after ${slidingWindow} tokens`);
    }
    const permute = architecture === "llama";
    const bias = architecture === "qwen2" || config.attention_bias === true;
    const rope = (rows: number, headsOf: number) => (permute ? (values: Float32Array) => rotaryPermute(values, headsOf, rows / headsOf, values.length / rows) : undefined);
    take("model.embed_tokens.weight", "token_embd.weight", [vocabSize, width]);
    for (let l = 0; l < layers; l++) {
      const h = `model.layers.${l}.`;
      const b = `blk.${l}.`;
      take(`${h}input_layernorm.weight`, `${b}attn_norm.weight`, [width]);
      take(`${h}self_attn.q_proj.weight`, `${b}attn_q.weight`, [heads * headDim, width], rope(heads * headDim, heads));
      take(`${h}self_attn.k_proj.weight`, `${b}attn_k.weight`, [kvHeads * headDim, width], rope(kvHeads * headDim, kvHeads));
      take(`${h}self_attn.v_proj.weight`, `${b}attn_v.weight`, [kvHeads * headDim, width]);
      if (bias) {
        take(`${h}self_attn.q_proj.bias`, `${b}attn_q.bias`, [heads * headDim], rope(heads * headDim, heads));
        take(`${h}self_attn.k_proj.bias`, `${b}attn_k.bias`, [kvHeads * headDim], rope(kvHeads * headDim, kvHeads));
        take(`${h}self_attn.v_proj.bias`, `${b}attn_v.bias`, [kvHeads * headDim]);
      }
      take(`${h}self_attn.o_proj.weight`, `${b}attn_output.weight`, [width, heads * headDim]);
      if (config.attention_bias === true && architecture === "llama") take(`${h}self_attn.o_proj.bias`, `${b}attn_output.bias`, [width]);
      if (architecture === "qwen3") {
        take(`${h}self_attn.q_norm.weight`, `${b}attn_q_norm.weight`, [headDim]);
        take(`${h}self_attn.k_norm.weight`, `${b}attn_k_norm.weight`, [headDim]);
      }
      take(`${h}post_attention_layernorm.weight`, `${b}ffn_norm.weight`, [width]);
      take(`${h}mlp.gate_proj.weight`, `${b}ffn_gate.weight`, [inner, width]);
      take(`${h}mlp.up_proj.weight`, `${b}ffn_up.weight`, [inner, width]);
      take(`${h}mlp.down_proj.weight`, `${b}ffn_down.weight`, [width, inner]);
    }
    take("model.norm.weight", "output_norm.weight", [width]);
    if (config.tie_word_embeddings === true) {
      if (checkpoint.has("lm_head.weight")) used.add("lm_head.weight"); // tied: a saved copy of embed_tokens
    } else {
      take("lm_head.weight", "output.weight", [vocabSize, width]);
    }
    const scaling = config.rope_scaling as Record<string, unknown> | null | undefined;
    if (scaling != null) {
      const kind = scaling.rope_type ?? scaling.type;
      if (kind !== "llama3" || architecture !== "llama") failConfig(`rope_scaling ${JSON.stringify(kind)} is not converted (supported: "llama3" for Llama)`, "rope_scaling");
      const factors = llama3RopeFactors(scaling, ropeTheta, headDim);
      tensors.push({ name: "rope_freqs.weight", shape: [headDim / 2], keepF32: true, values: () => factors });
    }
  }
  for (const name of checkpoint.names()) {
    if (!used.has(name) && !IGNORED.some((pattern) => pattern.test(name))) {
      failTensor(`is not used by the ${architecture} conversion (is config.json for this checkpoint?)`, name);
    }
  }
  return { architecture, vocabSize, metadata, tensors, warnings };
}

/** [rows, cols] row-major → [cols, rows] row-major. */
function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}

/**
 * convert_hf_to_gguf `LlamaModel.permute`: `w.reshape(heads, 2, d/2, rest).swapaxes(1, 2).reshape(w.shape)`,
 * so row h·d + 2j + s of the result is row h·d + s·d/2 + j of the input. [heads·d, rest] → same shape.
 */
function rotaryPermute(values: Float32Array, heads: number, headDim: number, rowLength: number): Float32Array {
  const out = new Float32Array(values.length);
  const half = headDim / 2;
  for (let h = 0; h < heads; h++) {
    for (let j = 0; j < half; j++) {
      for (let s = 0; s < 2; s++) {
        const to = (h * headDim + 2 * j + s) * rowLength;
        const from = (h * headDim + s * half + j) * rowLength;
        out.set(values.subarray(from, from + rowLength), to);
      }
    }
  }
  return out;
}

/**
 * Llama 3.1 rope scaling as per-frequency divisors (convert_hf_to_gguf `LlamaModel.generate_extra_tensors`):
 * wavelength 2π/θᵢ below original/high_freq_factor → 1, above original/low_freq_factor → factor,
 * between → 1 / ((1 − s)/factor + s) with s = (original/wavelength − low) / (high − low).
 */
function llama3RopeFactors(scaling: Record<string, unknown>, base: number, headDim: number): Float32Array {
  const factor = (scaling.factor as number) ?? 8;
  const low = (scaling.low_freq_factor as number) ?? 1;
  const high = (scaling.high_freq_factor as number) ?? 4;
  const original = (scaling.original_max_position_embeddings as number) ?? 8192;
  const out = new Float32Array(headDim / 2);
  for (let i = 0; i < headDim / 2; i++) {
    // convert_hf_to_gguf computes the frequencies in float32 (torch.arange(..., dtype=float32)).
    const frequency = Math.fround(1 / Math.fround(base ** Math.fround((2 * i) / headDim)));
    const wavelength = (2 * Math.PI) / frequency;
    if (wavelength < original / high) out[i] = 1;
    else if (wavelength > original / low) out[i] = factor;
    else {
      const smooth = (original / wavelength - low) / (high - low);
      out[i] = 1 / ((1 - smooth) / factor + smooth);
    }
  }
  return out;
}
