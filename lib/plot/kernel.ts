// The one place that talks to the tslab kernel (internal to lib/plot).
//
// tslab's public `display` API sends one MIME type per message (`display.html(s)`, `display.png(b)`…),
// but a figure must go out as ONE display_data message carrying several representations — Plotly JSON
// for JupyterLab, a static image for nbconvert/GitHub, text for terminals — so that the frontend picks
// the richest it can render and the saved notebook keeps the rest. tslab's public display calls
// `lastWriteDisplayData(content, update)` from its kernel module `tslab/dist/jupyter.js`, which writes
// an arbitrary Jupyter `display_data` content (`{ data, metadata, transient }`) on the current cell's
// IOPub. We call that function too, with a full MIME bundle.
//
// The kernel module is found in the CommonJS cache rather than imported: it is there only inside a
// running tslab kernel (whichever tslab installation started it), so outside a notebook nothing is
// loaded and `displayWriter()` is undefined.
import { createRequire } from "node:module";

/** Jupyter display_data content (https://jupyter-client.readthedocs.io/en/stable/messaging.html#display-data). */
export interface DisplayContent {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}

type Writer = (content: DisplayContent, update: boolean) => void;

const KERNEL_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

function kernelModules(): { lastWriteDisplayData?: Writer | null }[] {
  const cache = createRequire(import.meta.url).cache;
  return Object.keys(cache)
    .filter((key) => KERNEL_MODULE.test(key))
    .map((key) => cache[key]?.exports as { lastWriteDisplayData?: Writer | null });
}

let assumed: boolean | undefined;

/** true inside a tslab kernel process (in a worker thread: what the main thread said, `assumeInKernel`). */
export function inKernel(): boolean {
  return assumed ?? kernelModules().length > 0;
}

/** Tells this thread whether the process is a tslab kernel (the export worker cannot see the kernel's modules). */
export function assumeInKernel(value: boolean): void {
  assumed = value;
}

/**
 * The current cell's display writer, or undefined outside a tslab cell. Take it synchronously when a
 * display starts: a display finished after an `await` then still lands in the cell that asked for it.
 */
export function displayWriter(): ((data: Record<string, unknown>, metadata?: Record<string, unknown>) => void) | undefined {
  for (const module of kernelModules()) {
    const write = module.lastWriteDisplayData;
    if (typeof write === "function") {
      return (data, metadata = {}) => write({ data, metadata, transient: {} }, false);
    }
  }
  return undefined;
}
