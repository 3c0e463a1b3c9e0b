/**
 * loadLlama: the llama.cpp binding of the llama.cpp engine for `--gpu auto|cuda|vulkan|metal|cpu`
 * (default cpu), loaded by `selectLlamaGpu` (prebuilt binaries only; a GPU build that cannot load
 * falls back to the CPU build with one line on stderr) and shared: one selection per choice for the
 * whole process (node-llama-cpp loads a binary once; engines share it; not disposed by hand, node-llama-cpp
 * releases it at exit). So a fallback line is written once per process, not once per model.
 * The selection says which backend runs (`backend`, `deviceNames`) and, after a fallback, why
 * (`fallback`): the engine's `info.device` and every study's provenance carry it.
 * `gpu: false` is accepted as "cpu" (the option's earlier form).
 *
 * @example
 * const { backend, requested, deviceNames } = await loadLlama({ gpu: "cpu" });
 * [backend, requested, deviceNames]
 * // => ["cpu", "cpu", []]
 */
import { parseLlamaGpu, type LlamaGpuChoice } from "./parseLlamaGpu.js";
import { selectLlamaGpu, type LlamaGpuSelection } from "./selectLlamaGpu.js";

/** `--gpu`: a choice, or false for "cpu". */
export type LlamaGpuOption = LlamaGpuChoice | false;

export interface LoadLlamaOptions {
  /** Backend (default "cpu"). */
  gpu?: LlamaGpuOption;
}

const shared = new Map<LlamaGpuChoice, Promise<LlamaGpuSelection>>();

export async function loadLlama(options: LoadLlamaOptions = {}): Promise<LlamaGpuSelection> {
  const gpu = options.gpu === false ? "cpu" : parseLlamaGpu(options.gpu);
  let selection = shared.get(gpu);
  if (!selection) {
    selection = selectLlamaGpu(gpu);
    selection.catch(() => shared.delete(gpu));
    shared.set(gpu, selection);
  }
  return selection;
}
