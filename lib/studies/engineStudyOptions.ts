/**
 * engineStudyOptions: the two engine settings every model-running study declares next to `--engine`:
 *
 *   --gpu auto|cuda|vulkan|metal|cpu   {prefix}LLAMA_GPU         llama.cpp backend (default cpu; a GPU
 *                                                               build that cannot load falls back to the
 *                                                               CPU with one line)
 *   --embeddings DIR                   {prefix}EMBEDDINGS_DIR    safetensors folder with the input
 *                                                               embeddings of a .gguf model or a dump
 *
 * `prefix` is the study's environment prefix ("" or "PROMPTING_"). `embeddings: false` leaves out
 * `--embeddings` for a study that never reads embedding rows (predictions, reasoning-words: no nucleus
 * cosine), so no flag is offered that changes nothing. The resolved `gpu` is checked with
 * `parseLlamaGpu` by each study's resolve*Config (`engineStudySettings`), and both go to `openEngine`
 * and into the provenance's settings.
 *
 * @example
 * engineStudyOptions("").map((o) => `${o.flag} ${o.env} ${o.defaultText}`)
 * // => ["gpu LLAMA_GPU cpu", "embeddings EMBEDDINGS_DIR none"]
 */
import { LLAMA_GPU_CHOICES } from "../engines/llamaCpp/parseLlamaGpu.js";
import type { StudyOption } from "./Study.js";

export function engineStudyOptions(prefix: string, options: { embeddings?: boolean } = {}): StudyOption[] {
  const all: StudyOption[] = [
    {
      key: "gpu", flag: "gpu", env: `${prefix}LLAMA_GPU`, fileKeys: ["gpu", "llama_gpu"], type: "string", placeholder: LLAMA_GPU_CHOICES.join("|"), noun: "GPU choice",
      help: "llama.cpp backend for .gguf models (a GPU build that cannot load falls back to the CPU with one line; auto: CUDA, Vulkan or Metal if one loads)",
      default: () => "cpu", defaultText: "cpu",
    },
    {
      key: "embeddings", flag: "embeddings", env: `${prefix}EMBEDDINGS_DIR`, fileKeys: ["embeddings", "embeddings_dir"], type: "path", placeholder: "DIR", noun: "embeddings folder",
      help: "safetensors folder to read the input-embedding rows from (for nucleus cosine) when a .gguf's type is unsupported, or for a dump",
      default: () => undefined, defaultText: "none", optional: true,
    },
  ];
  return options.embeddings === false ? all.slice(0, 1) : all;
}
