import type { Figure, PlotlyTrace } from "../figure.js";
import { escapeHtml } from "../escapeHtml.js";
import { okabeIto } from "../theme.js";
import { LogitlabError } from "../../util/errors.js";
import { assertNumbers, axis, compact, finiteExtent, grid, title, toJsonNumbers, type Numbers } from "./data.js";

export interface HistogramSeries {
  name: string;
  values: Numbers;
}

export interface HistogramOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Number of bins (default 40) over the data range, or the bin edges themselves (increasing). */
  bins?: number | Numbers;
  /** Log x axis with log-spaced bins (values ≤ 0 are left out and counted in the note). */
  logX?: boolean;
  /** Log y axis (empty bins are left blank). */
  logY?: boolean;
  /** Bar height: "count" (default), "probability" (count / n) or "density" (count / (n · bin width)). */
  normalize?: "count" | "probability" | "density";
}

const BUILDER = "histogramFigure";

/**
 * histogramFigure: counts of values in bins, drawn as bars; several series overlay with shared bins.
 *
 * Bins are computed here, not by plotly.js, so that they can be log-spaced on a log x axis (equal
 * width on screen) and the spec holds counts, not 10⁶ raw values. Bin k is [edge_k, edge_k+1), the last
 * one closed. Values that cannot be shown (non-finite, ≤ 0 on a log axis, outside given edges) are
 * counted in a note on the figure rather than silently dropped. Contract: values of any length ≥ 1
 * (plain or typed arrays) → bars with one bar per bin per series. Series names are escaped.
 * Memory: the values are read in place, never copied (a study can pass 2·10⁶ float64 epsilons).
 *
 * @example
 * histogramFigure([1, 2, 2, 3, 3, 3], { bins: [0.5, 1.5, 2.5, 3.5] }).data[0].y
 * // => [1, 2, 3]
 */
export function histogramFigure(data: Numbers | readonly HistogramSeries[], options: HistogramOptions = {}): Figure {
  const series: HistogramSeries[] = isSeriesList(data) ? [...data] : [{ name: "values", values: data }];
  if (series.length === 0) throw new LogitlabError("needs at least one series", { context: BUILDER });
  const logX = options.logX ?? false;
  const normalize = options.normalize ?? "count";
  if (!["count", "probability", "density"].includes(normalize)) {
    throw new LogitlabError(`normalize must be "count", "probability" or "density", got "${normalize}"`, { context: BUILDER });
  }
  series.forEach((s, k) => assertNumbers(s.values, `series ${k} ("${s.name}") values`, BUILDER));
  const edges = binEdges(series.map((s) => s.values), options.bins ?? 40, logX);

  let hidden = 0;
  const traces: PlotlyTrace[] = series.map((s, k) => {
    const counts = new Array<number>(edges.length - 1).fill(0);
    let shown = 0;
    const values = s.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const bin = !Number.isFinite(v) || (logX && v <= 0) ? -1 : binOf(edges, v);
      if (bin < 0) hidden++;
      else {
        counts[bin]++;
        shown++;
      }
    }
    const heights = counts.map((c, i) => {
      const h = normalize === "count" ? c : normalize === "probability" ? c / shown : c / (shown * (edges[i + 1] - edges[i]));
      return options.logY && h === 0 ? null : Number.isFinite(h) ? h : 0;
    });
    return {
      type: "bar", name: escapeHtml(s.name),
      x: counts.map((_, i) => (edges[i] + edges[i + 1]) / 2),
      width: counts.map((_, i) => edges[i + 1] - edges[i]),
      y: heights,
      customdata: counts.map((c, i) => [edges[i], edges[i + 1], c]),
      hovertemplate: "[%{customdata[0]:.4g}, %{customdata[1]:.4g}): %{customdata[2]}<extra>%{fullData.name}</extra>",
      marker: { color: okabeIto[k % okabeIto.length], line: { width: 0 } },
      opacity: series.length > 1 ? 0.6 : 1,
    };
  });
  const yTitle = options.yTitle ?? { count: "count", probability: "probability", density: "density" }[normalize];
  return {
    data: traces,
    layout: compact({
      title: title(options.title),
      xaxis: axis(options.xTitle, logX, {}, edges),
      yaxis: axis(yTitle, options.logY, {}, traces.map((t) => t.y as (number | null)[])),
      barmode: "overlay",
      bargap: 0,
      showlegend: series.length > 1,
      // Short, inside the plot's top-right corner (the reason shows on hover): above the plot or at full
      // length it collides with the title and the axis at 3.5 in width.
      annotations: hidden
        ? [{ text: `${hidden} value${hidden === 1 ? "" : "s"} not shown`, hovertext: `non-finite, ${logX ? "≤ 0 on the log axis, " : ""}or outside the bins`, xref: "paper", yref: "paper", x: 1, y: 1, xanchor: "right", yanchor: "top", bgcolor: "rgba(255,255,255,0.8)", showarrow: false, font: { size: 10 } }]
        : undefined,
    }),
  };
}

function isSeriesList(data: Numbers | readonly HistogramSeries[]): data is readonly HistogramSeries[] {
  return Array.isArray(data) && data.length > 0 && typeof data[0] === "object" && data[0] !== null;
}

function binEdges(columns: Numbers[], bins: number | Numbers, logX: boolean): number[] {
  if (typeof bins !== "number") {
    const edges = toJsonNumbers(bins, "bins", BUILDER);
    if (edges.length < 2 || edges.some((e, i) => e === null || (i > 0 && e <= (edges[i - 1] as number)))) {
      throw new LogitlabError("bin edges must be at least two finite, increasing numbers", { context: BUILDER });
    }
    if (logX && (edges[0] as number) <= 0) throw new LogitlabError("bin edges must be positive on a log x axis", { context: BUILDER });
    return edges as number[];
  }
  if (!(Number.isInteger(bins) && bins >= 1)) throw new LogitlabError(`bins must be a positive integer or edges, got ${bins}`, { context: BUILDER });
  const range = finiteExtent(columns, logX);
  if (!range) throw new LogitlabError(`no ${logX ? "positive " : ""}finite values to bin`, { context: BUILDER });
  let [lo, hi] = range;
  if (lo === hi) {
    lo = logX ? lo / 2 : lo - 0.5;
    hi = logX ? hi * 2 : hi + 0.5;
  }
  return grid(lo, hi, bins + 1, logX).map((e, i) => (i === 0 ? lo : i === bins ? hi : e));
}

/** Index of the bin holding v ([e_k, e_k+1), the last closed), or -1 outside. */
function binOf(edges: number[], v: number): number {
  const last = edges.length - 1;
  if (v < edges[0] || v > edges[last]) return -1;
  if (v === edges[last]) return last - 1;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}
