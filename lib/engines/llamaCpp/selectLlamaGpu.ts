/**
 * selectLlamaGpu: load node-llama-cpp's llama.cpp binding for `--gpu auto|cuda|vulkan|metal|cpu`, from
 * its prebuilt binaries only (`build: "never"`: nothing is compiled or downloaded), and say which
 * compute backend and devices it got, for backendInfo and the provenance.
 *
 *   auto   → getLlama({ gpu: "auto" }): CUDA, then Vulkan (Metal on macOS), then the CPU build, the
 *            first whose prebuilt binary loads on this machine;
 *   cuda | vulkan | metal → that backend only; cpu → getLlama({ gpu: false }).
 * If the GPU build cannot load (no driver, no CUDA runtime, no binary for this platform) it falls
 * back to the CPU build and writes one line to stderr saying so; `fallback` holds that line.
 * The prebuilt CUDA build of node-llama-cpp 3.21.1 (@node-llama-cpp/linux-x64-cuda) links the CUDA
 * 13 runtime (libcudart.so.13, libcublas.so.13) and the driver's libcuda.so.1; the -cuda-ext package
 * holds a CUDA 12 build.
 * node-llama-cpp is loaded only when this is called (`importNodeLlamaCpp`: a missing package is one
 * line with the install command). Each call loads its own binding, which the caller disposes (the
 * GPU bench runs one per process); the llama.cpp engine goes through `loadLlama`, which shares one
 * selection per choice. test/engines/selectLlamaGpu.test.ts runs the CPU and fallback paths (in child
 * processes: a fallback writes to stderr), so there is no runnable @example.
 * Usage: `const { llama, backend, deviceNames } = await selectLlamaGpu("cpu"); … await llama.dispose();`
 */
import type { Llama } from "node-llama-cpp";
import { LogitlabError } from "../../util/errors.js";
import { importNodeLlamaCpp, type NodeLlamaCpp } from "./importNodeLlamaCpp.js";
import { parseLlamaGpu, type LlamaGpuChoice } from "./parseLlamaGpu.js";

export { LLAMA_GPU_CHOICES, type LlamaGpuChoice } from "./parseLlamaGpu.js";

/** What `selectLlamaGpu` returns. */
export interface LlamaGpuSelection {
  /** The loaded binding; the caller disposes it (`await llama.dispose()`). */
  llama: Llama;
  /** The compute backend that runs: "cuda", "vulkan", "metal" or "cpu". */
  backend: "cuda" | "vulkan" | "metal" | "cpu";
  /** The GPU devices llama.cpp uses (llama.getGpuDeviceNames()); [] on the CPU. */
  deviceNames: string[];
  /** What was asked for. */
  requested: LlamaGpuChoice;
  /** Set when the requested GPU backend could not load and the CPU build runs instead: the line written to stderr. */
  fallback?: string;
}

export async function selectLlamaGpu(gpu: string = "auto", options: { logLevel?: "error" | "warn" | "info" | "debug" } = {}): Promise<LlamaGpuSelection> {
  const requested = parseLlamaGpu(gpu, { context: "llama.cpp" });
  const module: NodeLlamaCpp = await importNodeLlamaCpp();
  const load = (type: "auto" | "cuda" | "vulkan" | "metal" | false) =>
    module.getLlama({ gpu: type, build: "never", skipDownload: true, progressLogs: false, logLevel: module.LlamaLogLevel[options.logLevel ?? "error"] });
  let fallback: string | undefined;
  let llama: Llama;
  try {
    llama = await load(requested === "cpu" ? false : requested);
  } catch (error) {
    if (requested === "cpu") throw new LogitlabError(`the CPU build of llama.cpp could not load: ${reasonOf(error, "cpu")}`, { context: "llama.cpp", kind: "data" });
    fallback = `--gpu ${requested}: llama.cpp's ${requested === "auto" ? "GPU" : requested} build could not load (${reasonOf(error, requested)}); using the CPU build`;
    process.stderr.write(`logitlab: ${fallback}\n`);
    try {
      llama = await load(false);
    } catch (cpuError) {
      throw new LogitlabError(`the CPU build of llama.cpp could not load either: ${reasonOf(cpuError, "cpu")}`, { context: "llama.cpp", kind: "data" });
    }
  }
  const backend = llama.gpu === false ? "cpu" : llama.gpu;
  const deviceNames = backend === "cpu" ? [] : await llama.getGpuDeviceNames();
  return { llama, backend, deviceNames, requested, ...(fallback ? { fallback } : {}) };
}

/** One line for why a build did not load (NoBinaryFoundError's message is only its name). */
function reasonOf(error: unknown, gpu: string): string {
  const line = firstLine(error);
  if ((error as Error)?.name === "NoBinaryFoundError" || line === "NoBinaryFoundError") {
    return `no prebuilt ${gpu === "auto" ? "GPU" : gpu} binary of node-llama-cpp loads on this machine` +
      (gpu === "cuda" ? " (needs an NVIDIA driver with libcuda.so.1 and the CUDA runtime libraries on the loader path)" : "");
  }
  return line;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}
