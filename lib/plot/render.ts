/**
 * Static rendering for export and display (internal to lib/plot, except `prewarmBrowser` and
 * `closeBrowser`): the operations of browser.ts, run by default in a worker thread of their own
 * (browserWorker.ts), which holds playwright and the headless browser. Why a thread: playwright's client
 * (compiling its 3.6 MB bundle, launching the browser, its protocol messages) took about 0.75 s of the
 * main thread while a study's analysis ran there, measured on 2 CPUs; in a worker it uses the CPU the
 * analysis leaves idle. LOGITLAB_BROWSER_THREAD=main runs them on the main thread instead.
 *
 * The worker starts on the first call, shares this process's environment (CHROMIUM_PATH and the other
 * settings are read when used), keeps the process alive only while a call is pending, and is told
 * whether this is a notebook kernel (the browser then stays open between cells). Errors come back as
 * the classes browser.ts throws (ChromiumMissingError, ChromiumStartError, LogitlabError with the same
 * context and file). If the worker itself dies, the pending calls fail with one line and the next call
 * starts a new one.
 */
import { SHARE_ENV, type Worker } from "node:worker_threads";
import { startWorker } from "../util/startWorker.js";
import { LogitlabError } from "../util/errors.js";
import * as inThread from "./browser.js";
import type { ErrorParts, RenderReply, RenderRequest } from "./browserWorker.js";
import type { Figure } from "./figure.js";
import { inKernel } from "./kernel.js";

type Op = RenderRequest["op"];

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function onMainThread(): boolean {
  return process.env.LOGITLAB_BROWSER_THREAD === "main";
}

function started(): Worker {
  if (worker) return worker;
  const created = startWorker("browserWorker", import.meta.url, { env: SHARE_ENV, workerData: { inKernel: inKernel() } });
  created.unref();
  const fail = (error: Error): void => {
    if (worker === created) worker = undefined;
    const failure = new LogitlabError(`the figure export thread stopped: ${error.message.split("\n")[0]}`, { context: "plot" });
    for (const [, call] of pending) call.reject(failure);
    pending.clear();
  };
  created.on("message", (reply: RenderReply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (pending.size === 0) created.unref();
    if ("error" in reply) call.reject(rebuild(reply.error));
    else call.resolve(reply.value);
  });
  created.on("error", fail);
  created.on("exit", (code) => fail(new Error(`exit code ${code}`)));
  worker = created;
  return created;
}

/** The error browser.ts threw in the worker, as the same class here. */
function rebuild(parts: ErrorParts): Error {
  let error: Error;
  if (parts.kind === "missing") error = new inThread.ChromiumMissingError(parts.reason ?? parts.message, parts.where);
  else if (parts.kind === "start") error = new inThread.ChromiumStartError(parts.reason ?? parts.message, parts.where);
  else if (parts.kind === "logitlab") error = new LogitlabError(parts.reason ?? parts.message, parts.where);
  else error = new Error(parts.message);
  if (parts.stack) error.stack = parts.stack;
  return error;
}

function call<T>(op: Op, args: unknown[]): Promise<T> {
  const thread = started();
  const id = nextId++;
  if (pending.size === 0) thread.ref();
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    thread.postMessage({ id, op, args });
  });
}

/** A figure's SVG text (browser.ts `renderSvg`). */
export function renderSvg(fig: Figure, width: number, height: number, context: string, file?: string): Promise<string> {
  return onMainThread() ? inThread.renderSvg(fig, width, height, context, file) : call("renderSvg", [fig, width, height, context, file]);
}

/** A figure's PNG bytes (browser.ts `renderPng`). */
export function renderPng(fig: Figure, width: number, height: number, scale: number, context: string, file?: string): Promise<Uint8Array> {
  return onMainThread() ? inThread.renderPng(fig, width, height, scale, context, file) : call("renderPng", [fig, width, height, scale, context, file]);
}

/** PNG bytes of a rendered SVG (browser.ts `svgToPng`). */
export function svgToPng(svg: string, width: number, height: number, scale: number, context: string, file?: string): Promise<Uint8Array> {
  return onMainThread() ? inThread.svgToPng(svg, width, height, scale, context, file) : call("svgToPng", [svg, width, height, scale, context, file]);
}

/** A one-page PDF of a rendered SVG (browser.ts `svgToPdf`). */
export function svgToPdf(svg: string, width: number, height: number, context: string, file?: string): Promise<Uint8Array> {
  return onMainThread() ? inThread.svgToPdf(svg, width, height, context, file) : call("svgToPdf", [svg, width, height, context, file]);
}

/**
 * prewarmBrowser: start headless Chromium (and load plotly.js into its pages) now, without waiting,
 * so that a study's figures do not wait for it after the analysis: `runStudy` calls it before the
 * analysis when static figures are asked for. Does nothing without a Chromium or when one is running.
 * A launch failure is not reported here: the first export reports it, as it would have without the
 * prewarm. The browser stays open until `closeBrowser()` (or the idle close after the next export).
 * Resolves to whether this call started a browser that came up (for timing; never rejects).
 *
 * @example
 * prewarmBrowser(); await closeBrowser(); "ok" // => "ok"
 */
export function prewarmBrowser(): Promise<boolean> {
  if (onMainThread()) return inThread.prewarmBrowser();
  if (!inThread.hasChromium()) return Promise.resolve(false);
  return call<boolean>("prewarm", []).catch(() => false);
}

/**
 * closeBrowser: close the headless Chromium that static export started (if any) and wait for it to
 * exit. Call it at the end of a script that saved figures so the process ends at once; the next
 * export starts a new browser. Safe to call any time, also twice.
 *
 * @example
 * await closeBrowser(); "closed" // => "closed"
 */
export async function closeBrowser(): Promise<void> {
  await Promise.all([inThread.closeBrowser(), worker ? call("close", []).catch(() => undefined) : undefined]);
}
