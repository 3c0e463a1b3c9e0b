/**
 * convertToGguf: a Hugging Face safetensors checkpoint folder → one GGUF file that llama.cpp runs.
 *
 * Supported: GPT2LMHeadModel (llama.cpp `gpt2`), LlamaForCausalLM and MistralForCausalLM (`llama`;
 * Llama 2/3/3.1 with rope_scaling "llama3"), Qwen2ForCausalLM (`qwen2`), Qwen3ForCausalLM (`qwen3`);
 * byte-level BPE tokenizers (see {@link ggufTokenizerMetadata}). Weights are stored in F32 or, with
 * `dtype: "f16"`, 2-D weights in F16 and 1-D ones (norms, biases) in F32, as llama.cpp's
 * convert_hf_to_gguf.py `--outtype f16` does (`general.file_type` 0 = all F32, 1 = mostly F16).
 * Tensors are read and written one at a time. The output is written atomically (temporary file
 * beside it, then rename) and a non-regular file at `outPath` is refused.
 *
 * Contract: (folder with config.json, model.safetensors[.index.json], tokenizer.json) → GGUF v3 at
 * `outPath`; returns what was written. Bad input is a one-line LogitlabError naming file and field
 * or tensor.
 */
import { existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { LogitlabError } from "../../util/errors.js";
import { readJsonObject } from "../../util/readJsonObject.js";
import { openCheckpoint } from "../../models/openCheckpoint.js";
import { ggufTensorPlan } from "./ggufTensorPlan.js";
import { ggufTokenizerMetadata } from "./ggufTokenizerMetadata.js";
import { writeGguf, type GgufMetadataEntry } from "./writeGguf.js";

export interface ConvertToGgufOptions {
  /** Storage of 2-D weights: "f32" (default, exact) or "f16" (half the size). */
  dtype?: "f32" | "f16";
}

export interface ConvertToGgufResult {
  path: string;
  /** llama.cpp architecture name written to `general.architecture`. */
  architecture: string;
  dtype: "f32" | "f16";
  tensors: number;
  bytes: number;
  /** Things llama.cpp will do differently from the Hugging Face model (e.g. no sliding window). */
  warnings: string[];
}

/**
 * convertToGguf: (checkpoint folder, output path, { dtype }) → the GGUF written, with what it holds.
 *
 * @example
 * const out = (await import("node:fs")).mkdtempSync("/tmp/logitlab-convert-") + "/tiny.gguf";
 * const written = convertToGguf("data/models/tiny-gpt2-small", out, { dtype: "f16" });
 * [written.architecture, written.tensors, written.dtype]
 * // => ["gpt2", 28, "f16"]
 */
export function convertToGguf(srcDir: string, outPath: string, options: ConvertToGgufOptions = {}): ConvertToGgufResult {
  const dtype = options.dtype ?? "f32";
  if (dtype !== "f32" && dtype !== "f16") {
    throw new LogitlabError(`dtype ${JSON.stringify(dtype)} is not f32 or f16`, { context: "convert", field: "dtype" });
  }
  const configPath = join(srcDir, "config.json");
  if (!existsSync(configPath)) throw new LogitlabError("no config.json: not a Hugging Face checkpoint folder", { context: "convert", file: srcDir });
  const config = readJsonObject(configPath, { context: "convert", maxBytes: 4 << 20 });
  const checkpoint = openCheckpoint(srcDir);
  try {
    const plan = ggufTensorPlan(config, checkpoint, configPath);
    const tokenizer = ggufTokenizerMetadata(srcDir, plan.vocabSize);
    const name = typeof config._name_or_path === "string" && config._name_or_path !== "" ? config._name_or_path : basename(srcDir.replace(/\/+$/, ""));
    const general: GgufMetadataEntry[] = [
      { key: "general.architecture", type: "string", value: plan.architecture },
      { key: "general.name", type: "string", value: name },
      { key: "general.file_type", type: "u32", value: dtype === "f32" ? 0 : 1 },
      { key: "general.alignment", type: "u32", value: 32 },
    ];
    writeGguf(outPath, {
      metadata: [...general, ...plan.metadata, ...tokenizer],
      tensors: plan.tensors.map((t) => ({ name: t.name, shape: t.shape, type: dtype === "f16" && !t.keepF32 ? "F16" : "F32", values: t.values })),
    });
    return { path: outPath, architecture: plan.architecture, dtype, tensors: plan.tensors.length, bytes: statSync(outPath).size, warnings: plan.warnings };
  } finally {
    checkpoint.close();
  }
}
