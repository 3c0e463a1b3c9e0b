/**
 * The tfjs `webgpu` backend in Node, through Dawn (`dawn.node` from the `webgpu` npm package).
 *
 * Opt-in: both `webgpu` (a 51 MB download with Dawn for every platform) and
 * `@tensorflow/tfjs-backend-webgpu` must be installed by the user; logitlab does not depend on them.
 * Setup, as their READMEs say: Dawn's globals (GPUBufferUsage, …) go on globalThis, and
 * `navigator.gpu` is Dawn's GPU object while tfjs-backend-webgpu is imported (it registers the backend
 * only when `navigator.gpu` exists) and while tfjs creates its device. After that the navigator global
 * is removed again (a global reference to Dawn's GPU object keeps Node from exiting); logitlab keeps
 * its own reference until `stopWebGpu` (called at beforeExit).
 *
 * Reads: in Node, `dataSync()`/`arraySync()` of a tensor that lives on the GPU cannot work (tfjs reads
 * synchronously through an OffscreenCanvas, which Node lacks), so they throw one LogitlabError that
 * says to use `await data()` / `await array()` or the *Async ops; tensors whose values are still on the
 * host read as usual.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { LogitlabError } from "../util/errors.js";

/** The adapter Dawn picked (GPUAdapterInfo), for backendInfo and the provenance. */
export interface WebGpuAdapter {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** Dawn's backend: "vulkan" on Linux, "metal" on macOS, "d3d12" on Windows. */
  backend: string;
}

/** The two opt-in packages, at the versions tested with tfjs-core 4.22.0. */
export const WEBGPU_PACKAGES = "webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0";

interface DawnGpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<{ info?: Partial<WebGpuAdapter>; isFallbackAdapter?: boolean } | null>;
}

let gpu: DawnGpu | undefined;
let adapter: WebGpuAdapter | undefined;

/** The adapter of the running webgpu backend, or undefined. */
export function webGpuAdapter(): WebGpuAdapter | undefined {
  return adapter;
}

/**
 * startWebGpu: makes the `webgpu` backend ready for tf.setBackend when the opt-in packages are
 * installed and Dawn finds a hardware adapter. Returns undefined on success, else why not (one line).
 */
export async function startWebGpu(): Promise<string | undefined> {
  const require = createRequire(import.meta.url);
  for (const pkg of ["webgpu", "@tensorflow/tfjs-backend-webgpu"]) {
    try {
      require.resolve(pkg);
    } catch {
      return `${pkg} is not installed (opt-in: npm i -E ${WEBGPU_PACKAGES})`;
    }
  }
  const backend = dawnBackend();
  if (backend === "vulkan" && !hasVulkanLoader()) return "libvulkan.so.1 (the Vulkan loader, Debian package libvulkan1) is not installed";
  if (backend === "vulkan" && !hasVulkanDriver()) return "no Vulkan driver is installed (no ICD manifest in /usr/share/vulkan/icd.d or /etc/vulkan/icd.d, and VK_DRIVER_FILES is unset)";
  let dawn: { create: (flags: string[]) => DawnGpu; globals: Record<string, unknown> };
  try {
    dawn = (await import("webgpu")) as unknown as typeof dawn;
  } catch (error) {
    return `webgpu failed to load Dawn: ${firstLine(error)}`;
  }
  Object.assign(globalThis, dawn.globals);
  gpu = dawn.create([`backend=${backend}`]);
  const found = await gpu.requestAdapter({ powerPreference: "high-performance" }).catch(() => null);
  if (!found) {
    gpu = undefined;
    return `Dawn found no GPU adapter (backend=${backend}); a GPU driver with ${backend} support is needed`;
  }
  const info = found.info ?? {};
  if (found.isFallbackAdapter || /llvmpipe|lavapipe|swiftshader/i.test(`${info.device} ${info.description}`)) {
    gpu = undefined;
    return `Dawn found only a software adapter (${info.description || info.device || "fallback"}), no GPU`;
  }
  adapter = { vendor: info.vendor ?? "", architecture: info.architecture ?? "", device: info.device ?? "", description: info.description ?? "", backend };
  const previous = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  Object.defineProperty(globalThis, "navigator", { value: { gpu }, configurable: true, writable: true });
  try {
    await import("@tensorflow/tfjs-backend-webgpu");
    if (tf.findBackendFactory("webgpu") === null) {
      return `@tensorflow/tfjs-backend-webgpu registered its backend with another copy of tfjs-core; install version ${tf.version_core}`;
    }
    if (!(await tf.setBackend("webgpu"))) return "tfjs could not create a WebGPU device on the adapter";
  } catch (error) {
    return `tfjs could not create a WebGPU device: ${firstLine(error)}`;
  } finally {
    if (previous) Object.defineProperty(globalThis, "navigator", previous);
    else delete (globalThis as { navigator?: unknown }).navigator;
  }
  guardSyncReads();
  process.once("beforeExit", stopWebGpu);
  return undefined;
}

/** Drops the webgpu backend and Dawn's GPU object so that Node can exit. Safe to call twice. */
export function stopWebGpu(): void {
  if (tf.findBackend("webgpu")) {
    if (tf.getBackend() === "webgpu") tf.engine().reset(); // frees the device's tensors
    tf.removeBackend("webgpu");
  }
  gpu = undefined;
}

/** Dawn's native backend for this platform. */
function dawnBackend(): string {
  if (process.platform === "darwin") return "metal";
  if (process.platform === "win32") return "d3d12";
  return "vulkan";
}

/** Whether the dynamic loader can find libvulkan.so.1 (LD_LIBRARY_PATH, then /etc/ld.so.cache). */
function hasVulkanLoader(): boolean {
  const name = "libvulkan.so.1";
  for (const dir of (process.env.LD_LIBRARY_PATH ?? "").split(delimiter).filter(Boolean)) {
    if (existsSync(join(dir, name))) return true;
  }
  try {
    return readFileSync("/etc/ld.so.cache").includes(name);
  } catch {
    return ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"].some((dir) => existsSync(join(dir, name)));
  }
}

/**
 * Whether the Vulkan loader has a driver manifest (ICD) to load, where it looks on Linux; checked
 * before Dawn starts so that a machine with the loader but no driver is skipped without Dawn's
 * warnings on stderr.
 */
function hasVulkanDriver(): boolean {
  const env = process.env;
  if (env.VK_DRIVER_FILES || env.VK_ICD_FILENAMES || env.VK_ADD_DRIVER_FILES) return true;
  const config = (env.XDG_CONFIG_DIRS || "/etc/xdg").split(delimiter);
  const data = (env.XDG_DATA_DIRS || "/usr/local/share:/usr/share").split(delimiter);
  const dirs = [...config, "/etc", ...data, join(env.HOME ?? "/nonexistent", ".local", "share")].map((d) => join(d, "vulkan", "icd.d"));
  return dirs.some((dir) => {
    try {
      return readdirSync(dir).some((f) => f.endsWith(".json"));
    } catch {
      return false;
    }
  });
}

/** Makes dataSync/arraySync of a GPU-resident tensor throw one clear LogitlabError instead of a ReferenceError. */
function guardSyncReads(): void {
  const backend = tf.backend() as unknown as { readSync(dataId: object): unknown; tensorMap: { get(dataId: object): { values?: unknown } | undefined } };
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId: object) => {
    if (backend.tensorMap.get(dataId)?.values == null && (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas === undefined) {
      throw new LogitlabError(
        "dataSync()/arraySync() cannot read a GPU tensor in Node; use await tensor.data() / tensor.array(), the *Async ops (nucleusAsync, nucleusCosineAsync), or LOGITLAB_BACKEND=wasm",
        { context: "webgpu" },
      );
    }
    return readSync(dataId);
  };
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}
