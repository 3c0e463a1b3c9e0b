// Notebook display: figures and tables in tslab cells, each sent as ONE multi-MIME display bundle
// through lib/plot/kernel.ts (the only place that talks to the kernel).
import { chromiumMissing, hasChromium } from "./browser.js";
import { renderPng, renderSvg } from "./render.js";
import { exportSize } from "./export.js";
import type { Figure } from "./figure.js";
import { displayWriter } from "./kernel.js";
import { toHtmlTable, toTextTable, type TableOptions, type TableRow } from "./tables.js";
import { notebookTheme, withTheme, type Theme } from "./theme.js";

/** MIME type of a Plotly figure, rendered by JupyterLab's plotly extension (`pip install "plotly>=6.1"`). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

export interface ShowOptions {
  /** Static image size in CSS pixels; default the figure's layout size, else 700 × 450. */
  width?: number;
  height?: number;
  /** Static image kept in the notebook: "png" (default), "svg", "both" or "none". */
  image?: "png" | "svg" | "both" | "none";
  /** PNG pixels per CSS pixel (default 2, sharp on high-density screens). */
  scale?: number;
  /** Default `notebookTheme`; `null` keeps the figure as it is. */
  theme?: Theme | null;
}

/** A Jupyter MIME bundle: MIME type → content, plus per-type metadata. */
export interface DisplayBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/**
 * figureBundle: the MIME bundle `show` sends for a figure: the Plotly JSON (interactive in JupyterLab),
 * a static PNG and/or SVG rendered in headless Chromium (kept in the saved notebook for nbconvert,
 * GitHub and JupyterLab without the plotly extension), and a one-line text/plain description. Without
 * Chromium (or when rendering fails) the image is left out and the text says why.
 *
 * @example
 * Object.keys((await figureBundle(lineFigure([{ name: "a", y: [1, 2] }]), { image: "none" })).data)
 * // => ["application/vnd.plotly.v1+json", "text/plain"]
 */
export async function figureBundle(fig: Figure, options: ShowOptions = {}): Promise<DisplayBundle> {
  const theme = options.theme === null ? undefined : options.theme ?? notebookTheme;
  const themed = theme ? withTheme(fig, theme) : fig;
  const data: Record<string, unknown> = {
    [PLOTLY_MIME]: { data: themed.data, layout: themed.layout, config: { displaylogo: false, responsive: true, ...(fig.config ?? {}) } },
  };
  const metadata: Record<string, unknown> = {};
  let note = "";
  const image = options.image ?? "png";
  if (image !== "none") {
    if (!hasChromium()) note = ` (no static image: ${chromiumMissing("show").reason})`;
    else {
      try {
        const { width, height } = exportSize(fig, { width: options.width, height: options.height }, theme ?? notebookTheme);
        if (image === "png" || image === "both") {
          const png = await renderPng(themed, width, height, options.scale ?? 2, "show");
          data["image/png"] = Buffer.from(png).toString("base64");
          metadata["image/png"] = { width, height };
        }
        if (image === "svg" || image === "both") data["image/svg+xml"] = await renderSvg(themed, width, height, "show");
      } catch (error) {
        note = ` (no static image: ${(error as Error).message.split("\n")[0]})`;
      }
    }
  }
  data["text/plain"] = describeFigure(fig) + note;
  return { data, metadata };
}

/**
 * show: display a figure in a tslab notebook cell — interactive in JupyterLab (Plotly MIME; needs the
 * plotly renderer, `pip install "plotly>=6.1"`) with a static PNG kept in the saved notebook, in one
 * display message (see `figureBundle`). Write `await show(fig)`. Outside a notebook it prints the
 * one-line description. The cell is fixed when `show` is called, so the output lands there.
 *
 * @example
 * await show(lineFigure([{ name: "a", y: [1, 2] }]), { image: "none" }); "shown" // => "shown"
 */
export async function show(fig: Figure, options: ShowOptions = {}): Promise<void> {
  const write = displayWriter();
  const bundle = await figureBundle(fig, options);
  if (write) write(bundle.data, bundle.metadata);
  else console.log(bundle.data["text/plain"]);
}

/**
 * showTable: display rows as a table — HTML with every cell escaped (`toHtmlTable`) and an aligned
 * text/plain fallback (`toTextTable`) in one display message; outside a notebook it prints the text.
 *
 * @example
 * showTable([{ model: "gpt2", r: 0.5 }]); "shown" // => "shown"
 */
export function showTable(rows: readonly TableRow[], options: TableOptions & { caption?: string } = {}): void {
  const write = displayWriter();
  const text = (options.caption ? `${options.caption}\n` : "") + toTextTable(rows, options);
  if (write) write({ "text/html": toHtmlTable(rows, options), "text/plain": text });
  else console.log(text);
}

/**
 * describeFigure: a figure in one line of text — title and, per trace, its type and number of points.
 *
 * @example
 * describeFigure(lineFigure([{ name: "a", y: [1, 2, 3] }], { title: "Loss" }))
 * // => "Figure \"Loss\": scatter (3 points)"
 */
export function describeFigure(fig: Figure): string {
  const titleText = (fig.layout.title as { text?: unknown } | undefined)?.text;
  const traces = fig.data.map((trace) => {
    const values = [trace.x, trace.y, trace.z, trace.values].find(Array.isArray) as unknown[] | undefined;
    const count = trace.type === "heatmap" && Array.isArray(trace.z) ? `${trace.z.length}×${(trace.z[0] as unknown[] | undefined)?.length ?? 0} cells` : `${values?.length ?? 0} points`;
    return `${trace.type} (${count})`;
  });
  const shown = traces.length > 6 ? [...traces.slice(0, 6), `… ${traces.length - 6} more traces`] : traces;
  return `Figure${typeof titleText === "string" ? ` "${titleText.replace(/<[^>]*>/g, "")}"` : ""}: ${shown.join(", ") || "no traces"}`;
}
