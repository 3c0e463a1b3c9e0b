/**
 * loadLlama: the one `getLlama` call of the llama.cpp engine, so that GPU selection (`--gpu`) is wired in
 * one place. `gpu` is passed to node-llama-cpp as is: `false` (the default here) is its prebuilt CPU
 * binary; "auto" lets node-llama-cpp pick (on Linux and Windows it tries CUDA, then Vulkan, then the CPU;
 * Metal on Apple silicon macOS), "cuda" / "vulkan" / "metal" ask for that backend. `build: "never"`:
 * only the prebuilt binaries that npm installed are used, never a local compile. One Llama per `gpu`
 * setting is shared by every engine of the process (node-llama-cpp loads its binary once).
 *
 * @example
 * const llama = await loadLlama();
 * llama.gpu
 * // => false
 */
import { LogitlabError } from "../../util/errors.js";
import { importNodeLlamaCpp } from "./importNodeLlamaCpp.js";

export type LlamaGpuOption = false | "auto" | "cuda" | "vulkan" | "metal";

export interface LoadLlamaOptions {
  /** Backend (default false: CPU). */
  gpu?: LlamaGpuOption;
}

type Llama = Awaited<ReturnType<Awaited<ReturnType<typeof importNodeLlamaCpp>>["getLlama"]>>;

const shared = new Map<string, Promise<Llama>>();

export async function loadLlama(options: LoadLlamaOptions = {}): Promise<Llama> {
  const gpu = options.gpu ?? false;
  const key = String(gpu);
  let llama = shared.get(key);
  if (!llama) {
    llama = importNodeLlamaCpp().then(async ({ getLlama, LlamaLogLevel }) => {
      try {
        const loaded = await getLlama({ gpu, build: "never", logLevel: LlamaLogLevel.error });
        // Not disposed by hand: engines share it, and node-llama-cpp releases it at exit.
        return loaded;
      } catch (error) {
        throw new LogitlabError(`no usable llama.cpp binary for gpu ${JSON.stringify(gpu)}: ${(error as Error).message.split("\n")[0]}`, { context: "llama.cpp engine", field: "--gpu", kind: "data" });
      }
    });
    llama.catch(() => shared.delete(key));
    shared.set(key, llama);
  }
  return llama;
}
