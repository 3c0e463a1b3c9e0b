/**
 * Tensor backend: pick the fastest installed TensorFlow.js backend once and report it.
 *
 * Order (first that initialises wins):
 *   1. `tensorflow` from `@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node` — only when the user
 *      installed one; they download libtensorflow at install time, so they are opt-ins, never dependencies.
 *   2. `webgpu` from `@tensorflow/tfjs-backend-webgpu` through Dawn (the `webgpu` package) — only when
 *      the user installed both (opt-ins: Dawn is a 51 MB download) and Dawn finds a hardware adapter
 *      (./webgpu.ts). On webgpu, dataSync/arraySync of a GPU tensor throw (Node cannot read a GPU
 *      buffer synchronously): read with `await data()` and use the *Async ops.
 *   3. `wasm` from `@tensorflow/tfjs-backend-wasm` (SIMD when the runtime supports it; the .wasm files
 *      ship inside the npm package) — the default.
 *   4. `cpu` from `@tensorflow/tfjs-backend-cpu` (plain JavaScript).
 * `LOGITLAB_BACKEND=tensorflow|webgpu|wasm|cpu` forces one; a forced backend that cannot start is an
 * error, except webgpu, which falls back to wasm with one line on stderr saying why (info.fallback).
 *
 * Ops work before `ready()` is awaited (tfjs then uses `cpu`), but only `await ready()` selects the
 * preferred backend, because wasm and the native backends initialise asynchronously.
 *
 * Process handlers: the wasm backend's emscripten module, when it initialises, adds
 * `process.on("uncaughtException")` and `process.on("unhandledRejection")` handlers that rethrow, which
 * turns any later error of the user's own script into a crash reported at tf-backend-wasm.node.js
 * with exit code 7. Starting a backend here removes every such handler it added (those present before
 * are kept), so a user's error is reported as Node reports it, with exit code 1.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { LogitlabError } from "../util/errors.js";
import { startWebGpu, webGpuAdapter, type WebGpuAdapter } from "./webgpu.js";

export { tf };

/** What `backendInfo()` reports. */
export interface BackendInfo {
  /** tfjs backend name: "tensorflow", "webgpu", "wasm" or "cpu". */
  name: string;
  /** npm package that provides it. */
  package: string;
  /** true when LOGITLAB_BACKEND chose it. */
  forced: boolean;
  /** wasm only: SIMD and multithreading support of this runtime. */
  simd?: boolean;
  threads?: boolean;
  /** tfjs-core version. */
  tfjsVersion: string;
  /** Backends tried before this one and why they were skipped. */
  skipped: { name: string; reason: string }[];
  /** webgpu only: the GPU adapter Dawn picked. */
  adapter?: WebGpuAdapter;
  /** Set when LOGITLAB_BACKEND=webgpu could not start and wasm runs instead: why. */
  fallback?: string;
}

const NATIVE_PACKAGES = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"] as const;
const KNOWN = ["tensorflow", "webgpu", "wasm", "cpu"] as const;
type BackendName = (typeof KNOWN)[number];

let chosen: BackendInfo | undefined;
let pending: Promise<BackendInfo> | undefined;

/**
 * ready: select the tensor backend (see the module comment for the order) and resolve to its info.
 * Safe to call many times; the choice is made once per process.
 *
 * @example
 * (await ready()).name // => "wasm"
 */
export function ready(): Promise<BackendInfo> {
  pending ??= select();
  return pending;
}

/**
 * backendInfo: which backend runs the ops now. Before `ready()` has resolved it reports the backend
 * tfjs is using at that moment (normally `cpu`).
 *
 * @example
 * backendInfo().tfjsVersion // => "4.22.0"
 */
export function backendInfo(): BackendInfo {
  if (chosen && chosen.name === tf.getBackend()) return chosen;
  const name = tf.getBackend() ?? "none";
  return { name, package: packageOf(name), forced: false, tfjsVersion: tf.version_core, skipped: [] };
}

async function select(): Promise<BackendInfo> {
  const requested = process.env.LOGITLAB_BACKEND?.trim().toLowerCase();
  if (requested && !(KNOWN as readonly string[]).includes(requested)) {
    throw new LogitlabError(`unknown backend "${requested}"; use one of ${KNOWN.join(", ")}`, {
      context: "backend",
      field: "LOGITLAB_BACKEND",
    });
  }
  const order: BackendName[] = requested === "webgpu" ? ["webgpu", "wasm"] : requested ? [requested as BackendName] : [...KNOWN];
  const skipped: { name: string; reason: string }[] = [];
  let fallback: string | undefined;
  for (const name of order) {
    const reason = await keepingProcessHandlers(() => tryBackend(name));
    if (reason === undefined) {
      chosen = {
        name,
        package: packageOf(name),
        forced: name === requested,
        tfjsVersion: tf.version_core,
        skipped,
        ...(name === "wasm"
          ? { simd: tf.env().getBool("WASM_HAS_SIMD_SUPPORT"), threads: tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT") }
          : {}),
        ...(name === "webgpu" ? { adapter: webGpuAdapter() } : {}),
        ...(fallback ? { fallback } : {}),
      };
      return chosen;
    }
    if (name === "webgpu" && requested === "webgpu") {
      fallback = `LOGITLAB_BACKEND=webgpu could not start (${reason}); using wasm`;
      process.stderr.write(`logitlab: ${fallback}\n`);
      skipped.push({ name, reason });
      continue;
    }
    if (requested) {
      throw new LogitlabError(`backend "${name}" was requested but could not start: ${reason}`, {
        context: "backend",
        field: "LOGITLAB_BACKEND",
      });
    }
    skipped.push({ name, reason });
  }
  throw new LogitlabError("no TensorFlow.js backend could start", { context: "backend" });
}

/** Returns undefined on success, else why the backend was skipped. */
async function tryBackend(name: BackendName): Promise<string | undefined> {
  if (name === "tensorflow") {
    const loaded = loadNativeBackend();
    if (loaded !== undefined) return loaded;
  }
  if (name === "webgpu") {
    try {
      return await startWebGpu();
    } catch (error) {
      return (error as Error).message.split("\n")[0];
    }
  }
  try {
    const ok = await tf.setBackend(name);
    return ok ? undefined : "failed to initialise";
  } catch (error) {
    return (error as Error).message;
  }
}

const PROCESS_EVENTS = ["uncaughtException", "unhandledRejection"] as const;

/** Runs `start` and then removes the uncaughtException/unhandledRejection listeners it added. */
async function keepingProcessHandlers<T>(start: () => Promise<T>): Promise<T> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await start();
  } finally {
    for (const event of PROCESS_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}

let nativePackage: string | undefined;

/** Loads tfjs-node(-gpu) if installed; returns undefined on success, else the reason. */
function loadNativeBackend(): string | undefined {
  const require = createRequire(import.meta.url);
  const reasons: string[] = [];
  for (const pkg of NATIVE_PACKAGES) {
    try {
      require.resolve(pkg);
    } catch {
      reasons.push(`${pkg} is not installed`);
      continue;
    }
    try {
      require(pkg);
    } catch (error) {
      reasons.push(`${pkg} failed to load: ${(error as Error).message.split("\n")[0]}`);
      continue;
    }
    if (tf.findBackendFactory("tensorflow") === null) {
      reasons.push(`${pkg} registered its backend with another copy of tfjs-core; install version ${tf.version_core}`);
      continue;
    }
    nativePackage = pkg;
    return undefined;
  }
  return reasons.join("; ");
}

function packageOf(name: string): string {
  if (name === "tensorflow") return nativePackage ?? "@tensorflow/tfjs-node";
  if (name === "wasm") return "@tensorflow/tfjs-backend-wasm";
  if (name === "cpu") return "@tensorflow/tfjs-backend-cpu";
  if (name === "webgpu") return "@tensorflow/tfjs-backend-webgpu";
  return "unknown";
}
