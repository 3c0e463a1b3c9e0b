import type { Figure, PlotlyLayout } from "../figure.js";
import { colorScale, type ColorScale, type ColorScaleName } from "../colorScale.js";
import { escapeHtml } from "../escapeHtml.js";
import { LogitlabError } from "../../util/errors.js";
import { axis, compact, formatNumber, title, toJsonNumbers, type Numbers } from "./data.js";

export interface HeatmapOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Column labels (strings are escaped and may repeat, e.g. tokens) or numeric positions. */
  x?: readonly (string | number)[];
  /** Row labels, as `x`. */
  y?: readonly (string | number)[];
  /** Hover text per cell, [rows][columns] (escaped); default "row, column: value". */
  hoverText?: readonly (readonly string[])[];
  colorscale?: ColorScaleName | ColorScale;
  zmin?: number;
  zmax?: number;
  /** Centre of a diverging scale (e.g. 0 with "blueRed"). */
  zmid?: number;
  colorTitle?: string;
  /** Print each cell's value with this many decimals (true = 2). */
  showValues?: boolean | number;
  /** First row at the top, as in a matrix (default true). */
  reverseY?: boolean;
}

const BUILDER = "heatmapFigure";
const MAX_TICKS = 50;

/**
 * heatmapFigure: a matrix as coloured cells with a colour bar and hover text per cell.
 * Contract: z is [rows][columns] (ragged rows are an error; NaN cells stay blank) → one heatmap trace.
 * String labels are drawn at integer positions with escaped tick text, so repeated labels (the same
 * token twice in an attention pattern) keep their own columns; at most 50 ticks are labelled.
 *
 * @example
 * const fig = heatmapFigure([[1, 2], [3, 4]], { x: ["a", "b"], y: ["r1", "r2"], colorTitle: "p" });
 * [fig.data[0].z, fig.layout.xaxis.ticktext]
 * // => [[[1, 2], [3, 4]], ["a", "b"]]
 */
export function heatmapFigure(z: readonly Numbers[], options: HeatmapOptions = {}): Figure {
  if (!Array.isArray(z) || z.length === 0) throw new LogitlabError("z needs at least one row", { context: BUILDER });
  const rows = z.map((row, i) => toJsonNumbers(row, `z[${i}]`, BUILDER));
  const columns = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== columns) throw new LogitlabError(`z[${i}] has ${row.length} values, z[0] has ${columns}`, { context: BUILDER });
  });
  const xs = labelAxis(options.x, columns, "x");
  const ys = labelAxis(options.y, rows.length, "y");
  if (options.hoverText) {
    if (options.hoverText.length !== rows.length || options.hoverText.some((r) => r.length !== columns)) {
      throw new LogitlabError(`hoverText must be ${rows.length} rows of ${columns}`, { context: BUILDER });
    }
  }
  const hover = rows.map((row, i) =>
    row.map((v, j) =>
      options.hoverText ? escapeHtml(options.hoverText[i][j]) : `${ys.names[i]}, ${xs.names[j]}: ${v === null ? "n/a" : formatNumber(v, 4)}`,
    ),
  );
  const decimals = options.showValues === true ? 2 : typeof options.showValues === "number" ? options.showValues : undefined;
  const trace = compact({
    type: "heatmap", z: rows, x: xs.positions, y: ys.positions,
    colorscale: colorScale(options.colorscale ?? "viridis"),
    zmin: options.zmin, zmax: options.zmax, zmid: options.zmid,
    colorbar: compact({ title: title(options.colorTitle) }),
    hovertext: hover, hoverinfo: "text",
    texttemplate: decimals === undefined ? undefined : `%{z:.${decimals}f}`,
    xgap: 0, ygap: 0,
  });
  const yAxis = axis(options.yTitle, false, { ...ys.ticks, ...(options.reverseY ?? true ? { autorange: "reversed" } : {}), showgrid: false });
  return {
    data: [trace],
    layout: compact({
      title: title(options.title),
      xaxis: axis(options.xTitle, false, { ...xs.ticks, showgrid: false }),
      yaxis: yAxis,
    }),
  };
}

/** Positions, tick settings and escaped names for one axis of labels. */
function labelAxis(labels: readonly (string | number)[] | undefined, count: number, name: string): { positions: number[]; ticks: PlotlyLayout; names: string[] } {
  if (labels && labels.length !== count) throw new LogitlabError(`${name} has ${labels.length} labels for ${count} ${name === "x" ? "columns" : "rows"}`, { context: BUILDER });
  const indices = Array.from({ length: count }, (_, i) => i);
  if (!labels) return { positions: indices, ticks: {}, names: indices.map(String) };
  if (labels.every((l) => typeof l === "number")) {
    return { positions: labels as number[], ticks: {}, names: labels.map(String) };
  }
  const names = labels.map((l) => escapeHtml(String(l)));
  const step = Math.ceil(count / MAX_TICKS);
  const shown = indices.filter((i) => i % step === 0);
  return { positions: indices, ticks: { tickmode: "array", tickvals: shown, ticktext: shown.map((i) => names[i]) }, names };
}
