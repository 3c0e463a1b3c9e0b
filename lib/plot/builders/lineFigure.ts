import type { Figure, PlotlyTrace } from "../figure.js";
import { escapeHtml } from "../escapeHtml.js";
import { okabeIto } from "../theme.js";
import { LogitlabError } from "../../util/errors.js";
import { axis, compact, sameLength, title, toJsonNumbers, type Numbers } from "./data.js";

/** One line: `y` against `x` (default 0, 1, 2, …), with an optional shaded band (e.g. a 95 % interval). */
export interface LineSeries {
  name: string;
  x?: Numbers;
  y: Numbers;
  band?: { lower: Numbers; upper: Numbers };
  dash?: "solid" | "dash" | "dot" | "dashdot";
}

export interface LineOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  logY?: boolean;
  /** Draw a marker at each point too. */
  markers?: boolean;
}

const BUILDER = "lineFigure";

/**
 * lineFigure: one or more series as lines sharing axes, each with an optional band drawn as a
 * translucent polygon (upper edge left to right, lower edge back) in the series' colour. Colours cycle
 * the Okabe–Ito palette in series order. Contract: series[k].y (and x, band.lower, band.upper) have one
 * length per series → a Figure with one trace per series plus one per band. Series names are escaped.
 *
 * @example
 * const fig = lineFigure([{ name: "gpt2", y: [3.1, 2.4, 2.2] }, { name: "llama", y: [2.9, 2.0, 1.7] }], { yTitle: "entropy (nats)" });
 * fig.data.map((t) => t.name)
 * // => ["gpt2", "llama"]
 */
export function lineFigure(series: readonly LineSeries[], options: LineOptions = {}): Figure {
  if (!Array.isArray(series) || series.length === 0) throw new LogitlabError("needs at least one series", { context: BUILDER });
  const traces: PlotlyTrace[] = [];
  series.forEach((s, k) => {
    const where = `series ${k} ("${s.name}")`;
    const y = toJsonNumbers(s.y, `${where} y`, BUILDER);
    const x = s.x ? toJsonNumbers(s.x, `${where} x`, BUILDER) : y.map((_, i) => i);
    sameLength(x, y, `${where} x and y`, BUILDER);
    const color = okabeIto[k % okabeIto.length];
    const name = escapeHtml(s.name);
    if (s.band) {
      const lower = toJsonNumbers(s.band.lower, `${where} band.lower`, BUILDER);
      const upper = toJsonNumbers(s.band.upper, `${where} band.upper`, BUILDER);
      sameLength(lower, y, `${where} band.lower and y`, BUILDER);
      sameLength(upper, y, `${where} band.upper and y`, BUILDER);
      traces.push({
        type: "scatter", mode: "lines", name: `${name} band`, legendgroup: name, showlegend: false, hoverinfo: "skip",
        x: [...x, ...[...x].reverse()], y: [...upper, ...[...lower].reverse()],
        fill: "toself", fillcolor: withAlpha(color, 0.2), line: { width: 0, color },
      });
    }
    traces.push(compact({
      type: "scatter", mode: options.markers ? "lines+markers" : "lines", name, legendgroup: name, x, y,
      line: compact({ color, width: 2, dash: s.dash }),
    }));
  });
  return {
    data: traces,
    layout: compact({
      title: title(options.title),
      xaxis: axis(options.xTitle, options.logX, {}, traces.map((t) => t.x as (number | null)[])),
      yaxis: axis(options.yTitle, options.logY, {}, traces.map((t) => t.y as (number | null)[])),
      hovermode: "x unified",
      showlegend: series.length > 1,
    }),
  };
}

/** `#rrggbb` → `rgba(r, g, b, alpha)`. */
function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
