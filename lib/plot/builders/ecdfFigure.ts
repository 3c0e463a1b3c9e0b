import type { Figure, PlotlyTrace } from "../figure.js";
import { escapeHtml } from "../escapeHtml.js";
import { okabeIto } from "../theme.js";
import { LogitlabError } from "../../util/errors.js";
import { axis, compact, title, type Numbers } from "./data.js";

/** One sample: its name (the legend adds "n = …") and values. */
export interface EcdfSeries {
  name: string;
  values: Numbers;
  dash?: "solid" | "dash" | "dot" | "dashdot";
  /** Colour (default: the Okabe–Ito colour of the series' index). */
  color?: string;
  /** Legend group: series with the same group are listed together under it as a title (so that the
   *  names can stay short: "kept (n = 252)" under "before div."). */
  group?: string;
}

export interface EcdfOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  /** Series with at most this many values also get a marker per value (default 20). */
  markersUpTo?: number;
  /** Largest number of points drawn per series (default 2,000; at least 2), see below. */
  maxPoints?: number;
}

const BUILDER = "ecdfFigure";

/**
 * ecdfFigure: the empirical cumulative distribution function of each sample,
 *   F(x) = #{values ≤ x} / n,
 * drawn as a right-continuous step line (Plotly `line.shape: "hv"`) from (x₍₁₎, 1/n) to (x₍ₙ₎, 1), with
 * n in the legend ("changed (n = 5)"), so that a sample of 5 and one of 254 are compared as
 * distributions without hiding how small one is; small samples also get a marker per value. Non-finite
 * values are left out; on a log x axis values ≤ 0 cannot be drawn and the legend says how many were
 * left out. Empty series are dropped; a figure with no value at all throws a LogitlabError.
 *
 * Size: a series with more than `maxPoints` (default 2,000) drawn values is drawn through the ECDF's
 * points at `maxPoints` evenly spaced ranks, the first and the last included, so F is exact at every
 * drawn point and the step line is off by at most 1/maxPoints of F between them — while the spec, the
 * browser that exports it and an interactive page stay small at millions of values (2·10⁶ steps
 * drew 10⁶-point traces before).
 *
 * Type: EcdfSeries[] → Figure (one scatter trace per non-empty series).
 *
 * @example
 * const fig = ecdfFigure([{ name: "a", values: [3, 1, 2] }]);
 * [fig.data[0].name, fig.data[0].x, fig.data[0].y]
 * // => ["a (n = 3)", [1, 2, 3], [0.3333, 0.6667, 1]]
 */
export function ecdfFigure(series: readonly EcdfSeries[], options: EcdfOptions = {}): Figure {
  const traces: PlotlyTrace[] = [];
  const xs: number[][] = [];
  series.forEach((s, k) => {
    const all = Array.from(s.values as ArrayLike<number>).filter((v) => Number.isFinite(v));
    const drawn = options.logX ? all.filter((v) => v > 0) : all;
    if (all.length === 0) return;
    const left = all.length - drawn.length;
    drawn.sort((a, b) => a - b);
    const n = all.length;
    // F at each drawn value: ranks in the whole sample (left-out values ≤ 0 count below them).
    const maxPoints = Math.max(2, Math.floor(options.maxPoints ?? 2000));
    const picked = drawn.length <= maxPoints ? drawn.map((_, i) => i)
      : Array.from({ length: maxPoints }, (_, j) => Math.round((j * (drawn.length - 1)) / (maxPoints - 1)));
    const y = picked.map((i) => (left + i + 1) / n);
    const x = picked.map((i) => drawn[i]);
    const color = s.color ?? okabeIto[k % okabeIto.length];
    const name = `${escapeHtml(s.name)} (n = ${n}${left ? `; ${left} ≤ 0 not drawn` : ""})`;
    const group = s.group === undefined ? {} : {
      legendgroup: s.group,
      ...(traces.some((t) => t.legendgroup === s.group) ? {} : { legendgrouptitle: { text: escapeHtml(s.group) } }),
    };
    xs.push(x);
    traces.push(compact({
      type: "scatter", mode: n <= (options.markersUpTo ?? 20) ? "lines+markers" : "lines", name, x, y, ...group,
      line: compact({ color, width: 1.5, shape: "hv", dash: s.dash }), marker: { color, size: 5 },
    }));
  });
  if (traces.length === 0) throw new LogitlabError("no finite values to draw", { context: BUILDER });
  return {
    data: traces,
    layout: compact({
      title: title(options.title),
      xaxis: axis(options.xTitle, options.logX, {}, xs),
      yaxis: axis(options.yTitle ?? "fraction ≤ x", false, { range: [0, 1.02] }),
      showlegend: true,
    }),
  };
}
