// The worker thread that runs the headless browser for figure export (see render.ts): it serves
// render requests from the main thread with browser.ts, one message each, and answers with the result
// (bytes transferred) or the error's parts, which render.ts rebuilds as the same error class.
import { parentPort, workerData } from "node:worker_threads";
import { LogitlabError } from "../util/errors.js";
import { ChromiumMissingError, ChromiumStartError, closeBrowser, prewarmBrowser, renderPng, renderSvg, svgToPdf, svgToPng } from "./browser.js";
import type { Figure } from "./figure.js";
import { assumeInKernel } from "./kernel.js";

/** One request: an operation of browser.ts and its arguments. */
export type RenderRequest = { id: number } & (
  | { op: "renderSvg"; args: [Figure, number, number, string, string?] }
  | { op: "renderPng"; args: [Figure, number, number, number, string, string?] }
  | { op: "svgToPng"; args: [string, number, number, number, string, string?] }
  | { op: "svgToPdf"; args: [string, number, number, string, string?] }
  | { op: "prewarm"; args: [] }
  | { op: "close"; args: [] }
);

/** An error as it crosses the thread boundary. */
export interface ErrorParts {
  kind: "missing" | "start" | "logitlab" | "other";
  message: string;
  stack?: string;
  reason?: string;
  where?: { context?: string; file?: string; field?: string; position?: string; kind?: "input" | "data" | "io" };
}

export type RenderReply = { id: number; value: unknown } | { id: number; error: ErrorParts };

export function errorParts(error: unknown): ErrorParts {
  const e = error as Error;
  if (error instanceof LogitlabError) {
    const kind = error instanceof ChromiumMissingError ? "missing" : error instanceof ChromiumStartError ? "start" : "logitlab";
    return { kind, message: error.message, stack: error.stack, reason: error.reason, where: { context: error.context, file: error.file, field: error.field, position: error.position, kind: error.kind } };
  }
  return { kind: "other", message: e?.message ?? String(error), stack: e?.stack };
}

const port = parentPort;
if (port) {
  assumeInKernel((workerData as { inKernel?: boolean } | undefined)?.inKernel === true);
  port.on("message", (request: RenderRequest) => {
    // Fault injection for the tests of render.ts's failure path: the thread dies on a request.
    if (process.env.LOGITLAB_TEST_RENDER_THREAD_EXIT === "1") process.exit(3);
    const run = async (): Promise<unknown> => {
      switch (request.op) {
        case "renderSvg": return renderSvg(...request.args);
        case "renderPng": return renderPng(...request.args);
        case "svgToPng": return svgToPng(...request.args);
        case "svgToPdf": return svgToPdf(...request.args);
        case "prewarm": return prewarmBrowser();
        case "close": return closeBrowser();
      }
    };
    run().then(
      (value) => port.postMessage({ id: request.id, value }, value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : []),
      (error: unknown) => port.postMessage({ id: request.id, error: errorParts(error) }),
    );
  });
}
