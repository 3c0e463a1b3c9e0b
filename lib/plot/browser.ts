// Headless Chromium for static figures (internal to lib/plot, except `hasChromium`; render.ts runs its
// operations in a worker thread and exports the public `prewarmBrowser` and `closeBrowser`).
//
// One browser per process, launched on first use through playwright-core, serves every figure. Which
// binary: CHROMIUM_PATH, else the system's (/usr/bin/chromium-headless-shell, /usr/bin/chromium), else the one bundled in the npm package
// @sparticuz/chromium, unpacked on first use (lib/plot/chromium.ts; LOGITLAB_CHROMIUM=system|bundled|none
// narrows the choice). Two kinds of page: one holds plotly.js (read from the installed
// plotly.js-dist-min package, never the network; all http(s)/ws requests are aborted; the page loads it
// from its file) and lays figures out with `Plotly.toImage`; a rasterizer draws the PNG of an SVG
// already laid out (plotly.js's own `svgToImg` steps, without plotly.js); a printer, with JavaScript
// off, prints an SVG to PDF. Each page serves one call at a time, in its own renderer process (one
// page of each kind, two from 4 CPUs), so while one figure is laid out the previous one is drawn as
// PNG and printed as PDF; further calls wait their turn, so concurrent calls are safe.
// `prewarmBrowser()` starts the browser ahead of the first export. The browser closes on
// `closeBrowser()`, when the process exits (playwright kills it and deletes its fresh temporary
// profile, `--user-data-dir` under /tmp), and — outside a notebook kernel — after
// LOGITLAB_BROWSER_IDLE_MS (default 2000) without work, because an open browser keeps Node's event
// loop alive and a script would otherwise never end. A launch that takes longer than
// LOGITLAB_BROWSER_LAUNCH_MS (default 60000) fails with one line instead of hanging.
import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { LogitlabError } from "../util/errors.js";
import { bundledChromium, chromiumSource } from "./chromium.js";
import type { Figure } from "./figure.js";
import { inKernel } from "./kernel.js";
import { cartesianPlotlyPath, CARTESIAN_TRACE_TYPES, plotlyPath, traceTypes } from "./plotlyBundle.js";

export { plotlyPath } from "./plotlyBundle.js";

/** What to do when no Chromium is found, as one line. */
export const CHROMIUM_HINT =
  "run `npm install` (it brings the bundled Chromium, @sparticuz/chromium), or install one with `apt-get install chromium-headless-shell` (or `chromium`), or set CHROMIUM_PATH to a Chromium or Chrome binary";

const CHROMIUM_PATH_HINT = "point CHROMIUM_PATH at a working Chromium or Chrome binary, or unset it to use the system or the bundled one";
const SYSTEM_INSTEAD = "install Chromium (`apt-get install chromium-headless-shell`, or `chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary";

/** Launch flags (playwright adds `--headless`, `--remote-debugging-pipe` and a fresh `--user-data-dir`). */
export const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic",
];

/** The Chromium binary export would use (see chromiumSource); undefined when there is none. */
export function chromiumPath(): string | undefined {
  return chromiumSource()?.path;
}

/**
 * hasChromium: whether static export (`saveFigure`, the image in `show`) can run here: CHROMIUM_PATH
 * names an existing file, or a system Chromium exists, or the bundled @sparticuz/chromium is installed
 * (LOGITLAB_CHROMIUM=system|bundled|none narrows that). It neither launches nor unpacks anything.
 *
 * @example
 * typeof hasChromium() // => "boolean"
 */
export function hasChromium(): boolean {
  return chromiumSource() !== undefined;
}

/** A LogitlabError saying that no Chromium was found (tests and examples skip on it). */
export class ChromiumMissingError extends LogitlabError {
  readonly chromiumMissing = true;
}

/** Whether `error` is a ChromiumMissingError, also one from another copy of this module. */
export function isChromiumMissing(error: unknown): error is ChromiumMissingError {
  return error instanceof ChromiumMissingError || (error as { chromiumMissing?: unknown } | null)?.chromiumMissing === true;
}

/** A LogitlabError saying that the Chromium found could not be unpacked or started. */
export class ChromiumStartError extends LogitlabError {}

/** The one-line error for a missing Chromium. */
export function chromiumMissing(context: string, file?: string): LogitlabError {
  const configured = process.env.CHROMIUM_PATH;
  const mode = process.env.LOGITLAB_CHROMIUM;
  const reason = configured
    ? `CHROMIUM_PATH=${configured} does not exist; ${CHROMIUM_PATH_HINT}`
    : mode === "system" ? `LOGITLAB_CHROMIUM=system but no Chromium at /usr/bin/chromium-headless-shell, /usr/bin/chromium or /usr/bin/chromium-browser; ${CHROMIUM_HINT}`
      : mode === "bundled" ? `LOGITLAB_CHROMIUM=bundled but @sparticuz/chromium is not installed; ${CHROMIUM_HINT}`
        : mode === "none" ? `no Chromium (LOGITLAB_CHROMIUM=none); ${CHROMIUM_HINT}`
          : `Chromium not found (no /usr/bin/chromium-headless-shell or /usr/bin/chromium, and @sparticuz/chromium is not installed); ${CHROMIUM_HINT}`;
  return new ChromiumMissingError(reason, { context, file });
}

/** What a task of `withBrowser` gets: the browser, and a page holding plotly.js that serves this task alone. */
export interface Session {
  browser: Browser;
  /** Holds plotly.js; renders with `Plotly.toImage`. */
  plotly: Page;
}

/** What a task of `withPrinter` gets: the browser, and a page with JavaScript off that prints an SVG to PDF. */
export interface PrinterSession {
  browser: Browser;
  printer: Page;
}

/** What a task of `withRasterizer` gets: the browser, and a blank page (no plotly.js) that draws an SVG on a canvas. */
export interface RasterizerSession {
  browser: Browser;
  rasterizer: Page;
}

/** Pages of one kind, each serving one task at a time; a task waits when all are busy. */
class PagePool {
  readonly pages: Page[];
  private readonly busy: boolean[];
  private readonly waiting: (() => void)[] = [];

  constructor(pages: Page[]) {
    this.pages = pages;
    this.busy = pages.map(() => false);
  }

  /** The index of a free page, waiting for one when all are busy. */
  async acquire(): Promise<number> {
    for (;;) {
      const i = this.busy.indexOf(false);
      if (i >= 0) {
        this.busy[i] = true;
        return i;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  release(i: number): void {
    this.busy[i] = false;
    this.waiting.shift()?.();
  }

  get idle(): boolean {
    return !this.busy.includes(true) && this.waiting.length === 0;
  }
}

interface Launched {
  browser: Browser;
  /** Pages holding plotly.js's cartesian bundle (2-D trace types). */
  plotly: PagePool;
  /** One page holding the full bundle, opened the first time a figure needs another trace type (3-D, maps …). */
  full?: Promise<PagePool>;
  /** Opens a page that holds `bundle`. */
  openPlotlyPage(bundle: string): Promise<Page>;
  printers: PagePool;
  rasterizers: PagePool;
}

/**
 * How many plotly pages, and as many rasterizer and printer pages (each in its own browser context,
 * so Chromium gives each its own renderer process): one of each below 4 CPUs — the rasterizer and the
 * printer then draw one figure while the plotly page lays out the next — and two of each from 4 CPUs. LOGITLAB_BROWSER_LANES
 * (1–8) sets it. More pages cost more start-up time (plotly.js is loaded into each plotly page).
 */
function laneCount(): number {
  const asked = Number(process.env.LOGITLAB_BROWSER_LANES);
  if (Number.isInteger(asked) && asked >= 1 && asked <= 8) return asked;
  return availableParallelism() >= 4 ? 2 : 1;
}

let launched: Promise<Launched> | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Lays out, as SVG, a figure like a study's (500 markers in two traces, lines, bars, log axes, a
 * legend), and draws a small one as PNG (see `launch`). Run while the study's analysis still
 * computes, it gets plotly.js's drawing code compiled by V8's optimizing tiers before the first real
 * figure needs it.
 */
const WARM_UP = async (): Promise<void> => {
  const plotly = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
  const n = 250;
  const xs = Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % n) / 10);
  const ys = xs.map((x, i) => 1 + ((i * 104729) % 97) / 9700);
  const figure = {
    data: [
      { type: "scatter", mode: "markers", name: "a (n = 250)", x: xs, y: ys, marker: { size: 7, symbol: "circle", line: { width: 0 } } },
      { type: "scatter", mode: "markers", name: "b", x: ys, y: xs, marker: { size: 6, symbol: "x-thin-open", line: { width: 1 } } },
      { type: "scatter", mode: "lines+markers", name: "c", x: xs.slice(0, 40), y: ys.slice(0, 40), line: { dash: "dot" } },
      { type: "scatter", mode: "lines", name: "d", x: xs.slice(0, 100), y: ys.slice(0, 100), line: { shape: "hv" } },
      { type: "bar", name: "e", x: xs.slice(0, 30), y: ys.slice(0, 30) },
    ],
    layout: { xaxis: { type: "log", exponentformat: "power" }, yaxis: { type: "log", tickformat: ".3~f" }, title: { text: "warm-up" }, legend: { orientation: "h" } },
  };
  await plotly.toImage(figure, { format: "svg", width: 336, height: 252 });
  await plotly.toImage({ data: figure.data.slice(2), layout: figure.layout }, { format: "png", width: 300, height: 200 });
};

async function launch(): Promise<Launched> {
  const source = chromiumSource();
  if (!source) throw new Error("no Chromium"); // checked by the caller
  const bundled = source.kind === "bundled" ? await bundledChromium() : undefined;
  const executablePath = bundled?.executablePath ?? source.path;
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new Error(`${executablePath} is not executable`);
  }
  // require, not import(): Node's ESM loader would scan playwright's 3.6 MB CommonJS bundle for its
  // export names (cjs-module-lexer, about 0.6 s of this thread's time) on top of compiling it.
  const { chromium } = createRequire(import.meta.url)("playwright-core") as typeof import("playwright-core");
  const timeout = Number(process.env.LOGITLAB_BROWSER_LAUNCH_MS ?? 60_000);
  const browser = await chromium.launch({
    executablePath, headless: true, args: [...CHROMIUM_FLAGS.slice(1), ...(bundled?.args ?? [])], env: bundled?.env,
    timeout: timeout > 0 ? timeout : 60_000,
  });
  browser.on("disconnected", () => {
    launched = undefined;
  });
  try {
    const blockNetwork = async (context: BrowserContext): Promise<void> => {
      await context.route(/^(https?|wss?|ftp):/i, (route) => route.abort());
    };
    const openPlotlyPage = async (bundle: string): Promise<Page> => {
      const context = await browser.newContext();
      await blockNetwork(context);
      const plotly = await context.newPage();
      // plotly.js is loaded by the browser from its file (a page at a file: address may load another
      // file): passing its megabytes through playwright as a string held about 40 MB in this process.
      await plotly.goto(pathToFileURL(join(dirname(plotlyPath()), "package.json")).href);
      await plotly.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>');
      await plotly.addScriptTag({ url: pathToFileURL(bundle).href });
      // The warm-up figure (WARM_UP) drawn now, while the caller still computes, so that the first
      // real export does not also pay for compiling plotly.js's drawing code.
      await plotly.evaluate(WARM_UP);
      return plotly;
    };
    const blankPage = async (javaScriptEnabled: boolean): Promise<Page> => {
      const context = await browser.newContext({ javaScriptEnabled });
      await blockNetwork(context);
      return context.newPage();
    };
    const count = laneCount();
    const [plotly, printers, rasterizers] = await Promise.all([
      Promise.all(Array.from({ length: count }, () => openPlotlyPage(cartesianPlotlyPath()))),
      Promise.all(Array.from({ length: count }, () => blankPage(false))),
      Promise.all(Array.from({ length: count }, () => blankPage(true))),
    ]);
    return { browser, plotly: new PagePool(plotly), openPlotlyPage, printers: new PagePool(printers), rasterizers: new PagePool(rasterizers) };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/**
 * prewarmBrowser (this thread's; render.ts's, which runs it in the export thread, is the public one):
 * start headless Chromium (and load plotly.js into its pages) now, without waiting, so that a study's
 * figures do not wait for it after the analysis. Does nothing without a Chromium or when one is running.
 * A launch failure is not reported here: the first export reports it, as it would have without the
 * prewarm. The browser stays open until `closeBrowser()` (or the idle close after the next export).
 * Resolves to whether this call started a browser that came up (for timing; never rejects).
 *
 * @example
 * prewarmBrowser(); await closeBrowser(); "ok" // => "ok"
 */
export function prewarmBrowser(): Promise<boolean> {
  if (launched || !chromiumSource()) return Promise.resolve(false);
  if (idleTimer) clearTimeout(idleTimer);
  launched = launch();
  // A failure is reported by the export that awaits the launch; this promise only says whether it started.
  return launched.then(() => true, () => false);
}

/**
 * Runs `task` with a plotly page of the browser (each page serves one task at a time; further tasks
 * wait their turn), launching the browser if needed. The pages hold plotly.js's cartesian bundle; when
 * `traceTypes` (the figure's, `traceTypes(fig)`) include another type, a page with the full bundle
 * (opened on first need) serves the task. `context` and `file` name the caller in the missing-Chromium
 * and could-not-start errors.
 */
export async function withBrowser<T>(task: (session: Session) => Promise<T>, context: string, file?: string, options: { traceTypes?: readonly string[] } = {}): Promise<T> {
  const launched = await started(context, file);
  const { browser } = launched;
  const cartesian = (options.traceTypes ?? []).every((type) => CARTESIAN_TRACE_TYPES.has(type));
  if (!cartesian) launched.full ??= launched.openPlotlyPage(plotlyPath()).then((page) => new PagePool([page]));
  const pool = cartesian ? launched.plotly : await launched.full!;
  return inPool(pool, (page) => task({ browser, plotly: page }));
}

/** Runs `task` with a printer page (JavaScript off), as `withBrowser` does with a plotly page. */
export async function withPrinter<T>(task: (session: PrinterSession) => Promise<T>, context: string, file?: string): Promise<T> {
  const { browser, printers } = await started(context, file);
  return inPool(printers, (page) => task({ browser, printer: page }));
}

/** Runs `task` with a rasterizer page (a blank page, no plotly.js), as `withBrowser` does with a plotly page. */
export async function withRasterizer<T>(task: (session: RasterizerSession) => Promise<T>, context: string, file?: string): Promise<T> {
  const { browser, rasterizers } = await started(context, file);
  return inPool(rasterizers, (page) => task({ browser, rasterizer: page }));
}

/** The running browser, launched if needed; a launch failure is one ChromiumStartError line naming the caller. */
async function started(context: string, file?: string): Promise<Launched> {
  if (idleTimer) clearTimeout(idleTimer);
  const source = chromiumSource();
  if (!source) throw chromiumMissing(context, file);
  launched ??= launch();
  const current = launched;
  try {
    return await current;
  } catch (error) {
    if (launched === current) launched = undefined; // the next call tries again
    if (error instanceof LogitlabError) throw new ChromiumStartError(error.reason, { context, file });
    const what = source.kind === "bundled" ? "the bundled Chromium" : `Chromium (${source.path})`;
    const hint = source.kind === "CHROMIUM_PATH" ? CHROMIUM_PATH_HINT : source.kind === "system" ? "repair or remove it, or set LOGITLAB_CHROMIUM=bundled to use the bundled one" : SYSTEM_INSTEAD;
    throw new ChromiumStartError(`could not start ${what}: ${launchFailure((error as Error).message)}; ${hint}`, { context, file });
  }
}

/** Runs `task` on a free page of `pool`; when the browser has nothing left to do, the idle close is armed. */
async function inPool<T>(pool: PagePool, task: (page: Page) => Promise<T>): Promise<T> {
  const i = await pool.acquire();
  if (idleTimer) clearTimeout(idleTimer);
  try {
    return await task(pool.pages[i]);
  } finally {
    pool.release(i);
    const open = launched && (await launched.catch(() => undefined));
    const full = open && open.full && (await open.full.catch(() => undefined));
    if (!open || (open.plotly.idle && open.printers.idle && open.rasterizers.idle && (!full || full.idle))) scheduleIdleClose();
  }
}

/**
 * One line from a playwright launch error: its first line, plus the browser's last stderr line and
 * exit code when the browser died (a missing library, a binary that is not Chromium).
 */
export function launchFailure(message: string): string {
  const plain = message.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, "g"), ""); // ANSI dim/bold codes
  const first = plain.split("\n")[0].replace(/^browserType\.launch: /, "").trim().replace(/\.$/, "") || "unknown error";
  const stderr = [...plain.matchAll(/^\s*(?:- )?\[pid=\d+\]\[err\] (.+)$/gm)].map((match) => match[1].trim()).filter(Boolean).at(-1);
  const exit = /process did exit: exitCode=(\d+)/.exec(plain)?.[1];
  return [first, stderr && `its last error output: ${stderr}`, exit && `exit code ${exit}`].filter(Boolean).join("; ");
}

function scheduleIdleClose(): void {
  if (inKernel()) return;
  const idle = Number(process.env.LOGITLAB_BROWSER_IDLE_MS ?? 2000);
  if (!(idle >= 0)) return;
  idleTimer = setTimeout(() => void closeBrowser(), idle);
  idleTimer.unref();
}

/**
 * closeBrowser (this thread's; render.ts's closes this one and the export thread's): close the headless
 * Chromium that static export started (if any) and wait for it to
 * exit. Call it at the end of a script that saved figures so the process ends at once; the next
 * export starts a new browser. Safe to call any time, also twice.
 *
 * @example
 * await closeBrowser(); "closed" // => "closed"
 */
export async function closeBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  const open = launched;
  launched = undefined;
  if (!open) return;
  const current = await open.catch(() => undefined);
  await current?.browser.close().catch(() => undefined);
}

/** A figure's SVG text, rendered by plotly.js at `width` × `height` CSS pixels. */
export function renderSvg(fig: Figure, width: number, height: number, context: string, file?: string): Promise<string> {
  return withBrowser(({ plotly }) => toImage(plotly, fig, "svg", width, height, 1), context, file, { traceTypes: traceTypes(fig) });
}

/** A figure's PNG bytes, `round(width·scale)` × `round(height·scale)` pixels. */
export async function renderPng(fig: Figure, width: number, height: number, scale: number, context: string, file?: string): Promise<Uint8Array> {
  const base64 = await withBrowser(({ plotly }) => toImage(plotly, fig, "png", width, height, scale), context, file, { traceTypes: traceTypes(fig) });
  return Buffer.from(base64, "base64");
}

/**
 * PNG bytes of an SVG that plotly.js rendered (`renderSvg`) at `width` × `height` CSS pixels, drawn
 * on a canvas by the steps of plotly.js's `Snapshot.svgToImg` (what `Plotly.toImage` does after laying
 * out the SVG: an image of the SVG from a blob URL, drawn at `scale`, read back as PNG), in a
 * rasterizer page, which needs no plotly.js and so draws while the plotly page lays out the next
 * figure. The same bytes as `renderPng` (tested). The SVG is only ever an image there: an image runs
 * no script and loads nothing.
 */
export async function svgToPng(svg: string, width: number, height: number, scale: number, context: string, file?: string): Promise<Uint8Array> {
  const url = await withRasterizer(({ rasterizer }) => rasterizer.evaluate(
    async ([text, width, height, scale]) => {
      // As plotly.js 3.7.0's svgToImg (src/snapshot/svgtoimg.js) with format "png".
      const canvas = document.createElement("canvas");
      const w = scale * width;
      const h = scale * height;
      const context = canvas.getContext("2d", { willReadFrequently: true })!;
      const image = new Image();
      const source = URL.createObjectURL(new Blob([text], { type: "image/svg+xml;charset=utf-8" }));
      canvas.width = w;
      canvas.height = h;
      try {
        await new Promise((resolve, reject) => {
          image.onload = resolve;
          image.onerror = () => reject(new Error("the SVG could not be loaded as an image"));
          image.src = source;
        });
      } finally {
        URL.revokeObjectURL(source);
      }
      context.drawImage(image, 0, 0, w, h);
      return canvas.toDataURL("image/png");
    },
    [svg, width, height, scale] as const,
  ).catch((error: unknown) => {
    throw new LogitlabError(`the PNG could not be drawn: ${(error as Error).message.split("\n")[0]}`, { context, file });
  }), context, file);
  return Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
}

/** A one-page vector PDF of the figure, page size `width` × `height` CSS pixels (96 per inch). */
export async function renderPdf(fig: Figure, width: number, height: number, context: string, file?: string): Promise<Uint8Array> {
  return svgToPdf(await renderSvg(fig, width, height, context, file), width, height, context, file);
}

/** A one-page vector PDF of an SVG that plotly.js rendered (`renderSvg`) at `width` × `height` CSS pixels. */
export function svgToPdf(svg: string, width: number, height: number, context: string, file?: string): Promise<Uint8Array> {
  return withPrinter(async ({ printer }) => {
    // The SVG is plotly's serialisation (its text nodes are XML-escaped) and the page runs no script.
    await printer.setContent(
      `<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page{size:${width}px ${height}px;margin:0}` +
        `html,body{margin:0;padding:0;width:${width}px;height:${height}px;overflow:hidden}svg{display:block}</style></head>` +
        `<body>${svg}</body></html>`,
    );
    const pdf = await printer.pdf({
      width: `${width}px`, height: `${height}px`, printBackground: true, pageRanges: "1",
      margin: { top: "0", right: "0", bottom: "0", left: "0" },
    });
    return new Uint8Array(pdf);
  }, context, file);
}


/**
 * Lays the figure out in the page and returns its SVG text or its PNG as base64. The spec travels as one
 * JSON string, parsed in the page: playwright's argument serialisation walks every value, which cost
 * more than the drawing for figures of thousands of points. (JSON turns NaN and ±Infinity into null,
 * which plotly.js also draws as gaps.)
 */
async function toImage(page: Page, fig: Figure, format: "svg" | "png", width: number, height: number, scale: number): Promise<string> {
  const spec = JSON.stringify({ data: fig.data, layout: fig.layout, config: fig.config ?? {} }, (_key, value: unknown) => (ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value));
  try {
    const url = await page.evaluate(
      async ([json, options]) => {
        const plotly = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
        return plotly.toImage(JSON.parse(json), options);
      },
      // imageDataOnly: the SVG text itself (not URI-encoded into a data URL, then decoded here: less
      // work and a smaller message for an SVG of thousands of markers), or the PNG's base64.
      [spec, { format, width, height, scale: format === "svg" ? 1 : scale, imageDataOnly: true }] as const,
    );
    return url;
  } catch (error) {
    throw new LogitlabError(`plotly.js could not render the figure: ${(error as Error).message.split("\n")[0]}`, { context: "plot" });
  }
}
