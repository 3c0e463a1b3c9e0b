// Figure export for papers and the web: SVG, PNG and vector PDF through headless Chromium, and
// self-contained interactive HTML (no browser needed). Every file is written atomically.
import { crc32 } from "node:zlib";
import { extname } from "node:path";
import { writeFileAtomic } from "../io/atomicWrite.js";
import { LogitlabError } from "../util/errors.js";
import { ChromiumMissingError, ChromiumStartError } from "./browser.js";
import { renderPng, renderSvg, svgToPdf, svgToPng } from "./render.js";
import { DRAW_FIGURES, figureBlock, htmlPage, inlinePlotly } from "./htmlPage.js";
import { plotlyBundle } from "./plotlyBundle.js";

export { jsonForScript } from "./htmlPage.js";
import type { Figure } from "./figure.js";
import { notebookTheme, PAPER_WIDTH, paperTheme, withTheme, type Theme } from "./theme.js";

export interface SaveFigureOptions {
  /** CSS pixels (96 per inch), or "single" (3.5 in = 336 px) / "double" (7 in = 672 px). Default: the
   *  figure's layout.width, else the theme's (336 px for paper). */
  width?: number | "single" | "double";
  /** CSS pixels. Default: the figure's layout.height, else width × the figure's aspect when its layout
   *  sets both sides, else width × the theme's (3 : 4). */
  height?: number;
  /** PNG pixels per CSS pixel; default 300/96 = 3.125, i.e. 300 dpi at the printed size. SVG and PDF are vector. */
  scale?: number;
  /** Look of the figure; default `paperTheme`; `null` keeps the figure as it is. */
  theme?: Theme | null;
}

/** 300 dpi at 96 CSS pixels per inch. */
const PRINT_SCALE = 300 / 96;
const FORMATS = [".svg", ".png", ".pdf"] as const;

/** Resolved export size in CSS pixels (see SaveFigureOptions). */
export function exportSize(fig: Figure, options: SaveFigureOptions, theme: Theme): { width: number; height: number } {
  const named = typeof options.width === "string" ? PAPER_WIDTH[options.width] : options.width;
  if (typeof options.width === "string" && named === undefined) {
    throw new LogitlabError(`width "${options.width}" is not a number, "single" or "double"`, { context: "saveFigure" });
  }
  const layoutWidth = typeof fig.layout.width === "number" ? fig.layout.width : undefined;
  const layoutHeight = typeof fig.layout.height === "number" ? fig.layout.height : undefined;
  const width = named ?? layoutWidth ?? theme.width;
  // A figure that fixes both sides (token heatmap, small multiples) keeps its aspect when only the width changes.
  const aspect = layoutWidth !== undefined && layoutHeight !== undefined ? layoutHeight / layoutWidth : theme.height / theme.width;
  const height = options.height ?? (named === undefined && layoutHeight !== undefined ? layoutHeight : Math.round(width * aspect));
  for (const [name, value] of [["width", width], ["height", height]] as const) {
    if (!(Number.isFinite(value) && value >= 10 && value <= 20000)) {
      throw new LogitlabError(`${name} ${value} px is outside [10, 20000]`, { context: "saveFigure" });
    }
  }
  return { width, height };
}

/**
 * saveFigure: render a figure with plotly.js in headless Chromium and write it as `.svg`, `.png` or
 * vector `.pdf` (chosen by the extension), atomically; resolves to the path. The paper theme
 * (DejaVu Serif, Okabe–Ito colours, 3.5 in wide) is applied unless the figure has its own template or
 * `theme: null`. PNGs carry their dpi (pHYs chunk). PDFs are one page of exactly width × height,
 * with text and marks as vectors (heatmap cells and 3-D scenes are images, as plotly.js draws them).
 *
 * Needs Chromium: CHROMIUM_PATH, else /usr/bin/chromium, else the one bundled in the npm dependency
 * @sparticuz/chromium (unpacked once, a few seconds, under ~/.cache/logitlab; LOGITLAB_CHROMIUM=
 * system|bundled narrows the choice). With none, or one that cannot start, throws one LogitlabError
 * line saying what to do. One browser serves all calls; `closeBrowser()` ends it (else it closes
 * itself after 2 s idle).
 *
 * @example
 * await saveFigure(lineFigure([{ name: "a", y: [1, 3, 2] }]), "/tmp/logitlab-example/line.svg"); (await import("node:fs")).readFileSync("/tmp/logitlab-example/line.svg", "utf8").startsWith("<svg")
 * // => true
 */
export async function saveFigure(fig: Figure, path: string, options: SaveFigureOptions = {}): Promise<string> {
  return saveFigureCached(fig, path, options, {});
}

/** One figure's SVG render, shared by its formats. */
interface FigureCache {
  svg?: Promise<string>;
}

/**
 * saveFigure with a cache of the SVG text: once the `.svg` is rendered, the PNG is drawn from it (in a
 * rasterizer page) and the PDF printed from it (in a printer page) at the same time, so `saveFigureFiles` lays each figure out
 * once for all three (plotly.js's layout is most of an export's time). The cache belongs to one figure
 * and one set of options.
 */
async function saveFigureCached(fig: Figure, path: string, options: SaveFigureOptions, cache: FigureCache): Promise<string> {
  const extension = extname(path).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(extension)) {
    throw new LogitlabError(`unknown figure format "${extension || "(none)"}"; use .svg, .png or .pdf (or saveHtml for .html)`, { context: "saveFigure", file: path });
  }
  const theme = options.theme === null ? undefined : options.theme ?? paperTheme;
  const themed = theme ? withTheme(fig, theme) : fig;
  const { width, height } = exportSize(fig, options, theme ?? paperTheme);
  const scale = options.scale ?? PRINT_SCALE;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 10)) throw new LogitlabError(`scale ${scale} is outside (0, 10]`, { context: "saveFigure", file: path });
  const svg = (): Promise<string> => {
    cache.svg ??= renderSvg(themed, width, height, "saveFigure", path);
    return cache.svg;
  };
  if (extension === ".svg") await writeFileAtomic(path, await svg());
  else if (extension === ".png") {
    const png = cache.svg ? await svgToPng(await svg(), width, height, scale, "saveFigure", path) : await renderPng(themed, width, height, scale, "saveFigure", path);
    await writeFileAtomic(path, withDpi(png, 96 * scale));
  }
  else await writeFileAtomic(path, await svgToPdf(await svg(), width, height, "saveFigure", path));
  return path;
}

/** Inserts (or replaces) a PNG pHYs chunk saying `dpi` pixels per inch. */
export function withDpi(png: Uint8Array, dpi: number): Uint8Array {
  const bytes = Buffer.from(png);
  const perMetre = Math.round(dpi / 0.0254);
  const body = Buffer.alloc(13);
  body.write("pHYs", 0, "ascii");
  body.writeUInt32BE(perMetre, 4);
  body.writeUInt32BE(perMetre, 8);
  body.writeUInt8(1, 12);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body) >>> 0, 17);
  // Chunks after the 8-byte signature: IHDR first; drop an existing pHYs; insert ours after IHDR.
  const parts: Buffer[] = [bytes.subarray(0, 8)];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("ascii", offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (type !== "pHYs") parts.push(bytes.subarray(offset, end));
    if (type === "IHDR") parts.push(chunk);
    offset = end;
  }
  return new Uint8Array(Buffer.concat(parts));
}

export interface SaveHtmlOptions {
  /** Page title (plain text, escaped). Default: the first figure's title, else "logitlab figures". */
  title?: string;
  /** Default `notebookTheme` (on-screen sizes); `null` keeps the figures as they are. */
  theme?: Theme | null;
}

/**
 * saveHtml: write one self-contained interactive HTML page holding the figures, one under another,
 * with plotly.js inlined from the installed package (works offline, no CDN): its cartesian bundle when
 * every trace is 2-D, else the full one (`plotlyBundle`). Figure specs are
 * embedded as JSON in `<script type="application/json">` with `<` escaped as `\u003c`, parsed with
 * JSON.parse — no string of data ever becomes markup or code. Needs no browser. Resolves to the path.
 *
 * @example
 * await saveHtml([lineFigure([{ name: "a", y: [1, 3, 2] }])], "/tmp/logitlab-example/line.html"); (await import("node:fs")).readFileSync("/tmp/logitlab-example/line.html", "utf8").includes("application/json")
 * // => true
 */
export async function saveHtml(figs: Figure | readonly Figure[], path: string, options: SaveHtmlOptions = {}): Promise<string> {
  await writeFileAtomic(path, figuresHtml(Array.isArray(figs) ? figs : [figs as Figure], options));
  return path;
}


/** The HTML text `saveHtml` writes. */
export function figuresHtml(figs: readonly Figure[], options: SaveHtmlOptions = {}): string {
  if (figs.length === 0) throw new LogitlabError("needs at least one figure", { context: "saveHtml" });
  const plotlySource = inlinePlotly(plotlyBundle(figs), "saveHtml");
  const theme = options.theme === null ? null : options.theme ?? notebookTheme;
  const firstTitle = (figs[0].layout.title as { text?: unknown } | undefined)?.text;
  const pageTitle = options.title ?? (typeof firstTitle === "string" ? firstTitle.replace(/<[^>]*>/g, "") : "logitlab figures");
  return htmlPage({
    title: pageTitle,
    style: "body{margin:1.5rem auto;max-width:1000px;font-family:'DejaVu Sans',Arial,sans-serif}.figure{margin-bottom:2rem}",
    scripts: [`<script>${plotlySource}</script>`],
    body: [...figs.map((fig, i) => figureBlock(`figure-${i}`, fig, theme)), "<script>", DRAW_FIGURES, "</script>"],
  });
}


export interface SaveFigureFilesResult {
  written: string[];
  /** Static files not written because no Chromium was found or it could not start. */
  skipped: string[];
  /** Why files were skipped (one line with what to do), when any were. */
  reason?: string;
}

/**
 * saveFigureFiles: everything a study writes for one figure, given a path without extension:
 * `<base>.json` (the spec) and `<base>.html` (interactive) always, plus `<base>.svg`, `.png`, `.pdf`
 * (`formats`) through headless Chromium (the system's or the bundled one, see `saveFigure`). When no
 * Chromium is found, or it cannot be unpacked or started, the static files are listed in `skipped`
 * with that one-line error in `reason`, and nothing throws — so a reproduce run still leaves every
 * figure. Other errors (a figure plotly.js cannot draw, a file that cannot be written) throw.
 *
 * @example
 * const result = await saveFigureFiles(lineFigure([{ name: "a", y: [1, 2] }]), "/tmp/logitlab-example/files", { formats: [] });
 * result.written
 * // => ["/tmp/logitlab-example/files.json", "/tmp/logitlab-example/files.html"]
 */
export async function saveFigureFiles(
  fig: Figure, base: string, options: SaveFigureOptions & { formats?: readonly ("svg" | "png" | "pdf")[] } = {},
): Promise<SaveFigureFilesResult> {
  const written: string[] = [];
  const skipped: string[] = [];
  let reason: string | undefined;
  const formats = options.formats ?? ["svg", "png", "pdf"];
  const cache: FigureCache = {};
  // The SVG first (the one layout), then the PNG and the PDF drawn from it at the same time.
  const save = async (format: "svg" | "png" | "pdf"): Promise<{ path: string; skipped?: string }> => {
    const path = `${base}.${format}`;
    if (reason !== undefined) return { path, skipped: reason };
    try {
      return { path: await saveFigureCached(fig, path, options, cache) };
    } catch (error) {
      if (!(error instanceof ChromiumMissingError || error instanceof ChromiumStartError)) throw error;
      reason ??= error.reason;
      return { path, skipped: reason };
    }
  };
  const order = formats.includes("svg") ? ["svg" as const, ...formats.filter((f) => f !== "svg")] : [...formats];
  const rendering = (async () => (order.length ? [await save(order[0]), ...(await Promise.all(order.slice(1).map(save)))] : []))();
  rendering.catch(() => undefined); // awaited below; a failure must not count as unhandled meanwhile
  // The JSON and the HTML page are written while the browser draws (they need no browser).
  await writeFileAtomic(`${base}.json`, JSON.stringify(fig, null, 1) + "\n");
  written.push(`${base}.json`);
  written.push(await saveHtml([fig], `${base}.html`));
  const results = await rendering;
  for (const format of formats) {
    const result = results[order.indexOf(format)];
    if (result.skipped === undefined) written.push(result.path);
    else skipped.push(result.path);
  }
  return reason !== undefined ? { written, skipped, reason } : { written, skipped };
}
