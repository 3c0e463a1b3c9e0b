/**
 * engineStudySettings: the resolved `--gpu` and `--embeddings` of a study (declared by
 * `engineStudyOptions`), checked: `gpu` one of auto, cuda, vulkan, metal, cpu (else one LogitlabError
 * line naming the study and the setting's environment name: a usage error), `embeddings` a folder
 * name or undefined. The result is what `openEngine` takes and what the provenance records.
 *
 * @example
 * engineStudySettings("correlation", { gpu: "cuda", embeddings: undefined }, "")
 * // => { "gpu": "cuda" }
 */
import type { LlamaGpuChoice } from "../engines/llamaCpp/parseLlamaGpu.js";
import { parseLlamaGpu } from "../engines/llamaCpp/parseLlamaGpu.js";

export interface EngineStudySettings {
  /** llama.cpp backend (`--gpu`). */
  gpu: LlamaGpuChoice;
  /** Safetensors folder of input embeddings (`--embeddings`), if given. */
  embeddings?: string;
}

export function engineStudySettings(context: string, values: Record<string, unknown>, prefix: string): EngineStudySettings {
  const gpu = parseLlamaGpu(values.gpu, { context, field: `${prefix}LLAMA_GPU` });
  const embeddings = values.embeddings as string | undefined;
  return { gpu, ...(embeddings !== undefined ? { embeddings } : {}) };
}
