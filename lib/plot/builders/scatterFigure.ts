import type { Figure, PlotlyLayout, PlotlyTrace } from "../figure.js";
import { colorAt, colorScale, type ColorScale, type ColorScaleName } from "../colorScale.js";
import { escapeHtml } from "../escapeHtml.js";
import { okabeIto } from "../theme.js";
import { LogitlabError } from "../../util/errors.js";
import { axis, compact, finiteExtent, formatNumber, grid, sameLength, title, toJsonNumbers, type Numbers } from "./data.js";
import { axisScale, gridDensity, hexBins, hexCorners } from "./density.js";

export interface ScatterOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  logY?: boolean;
  /** Legend name of the points (shown when there is more than one trace). */
  name?: string;
  /** Hover label per point (escaped). */
  labels?: readonly string[];
  /** A value per point, coloured with `colorscale` (ignored with density). */
  color?: Numbers;
  colorTitle?: string;
  colorscale?: ColorScaleName | ColorScale;
  /** "none" | "points" | "hexbin" (see above). */
  density?: "none" | "points" | "hexbin";
  /** Cells (points) or hexagons (hexbin) across the x range; default 40. */
  gridSize?: number;
  /** Dashed y = x line over the joint range. */
  identityLine?: boolean;
  /** Fitted curve: points to draw, or a function evaluated at 101 x positions over the data range. */
  fit?: { x: Numbers; y: Numbers } | ((x: number) => number);
  fitName?: string;
  /** Correlation to print as `r = 0.873` in the top-left corner. */
  r?: number;
  /** Further annotation lines (Plotly text), under `r`. */
  annotation?: string;
  markerSize?: number;
  opacity?: number;
}

const BUILDER = "scatterFigure";
const HEX_LEVELS = 16;

/**
 * scatterFigure: y against x as points, with the overlays a correlation study needs — an identity line
 * (y = x), a fitted curve, an `r = …` annotation — and, for 10⁴–10⁶ points, density instead of overdraw.
 *
 * Contract: `x`, `y`: length-N numbers (NaN/±Infinity become gaps; non-positive values are left out on
 * a log axis) → a Figure. The builder draws; it computes no statistics: pass `r` and `fit` from
 * lib/stats.
 *
 * Density (`density`):
 * - "none" (default): one marker per point (SVG stays small up to ~10⁴ points).
 * - "points": each point coloured by the local density — counts on a `gridSize × gridSize` grid
 *   (axis-normalised, log axes in log space), 3 × 3 box-smoothed, bilinearly interpolated at the
 *   point — densest drawn last; good to ~10⁵ points.
 * - "hexbin": hexagonal bins (d3-hexbin's rounding, https://github.com/d3/d3-hexbin) with `gridSize`
 *   hexagons across, coloured by log₁₀ count in 16 levels, one filled trace per level plus one
 *   invisible marker per bin carrying hover and the colour bar; spec size depends on the bins, not on
 *   N, so 10⁶ points stay small.
 *
 * Data-derived text (`labels`, `name`) is escaped; titles and `annotation` are Plotly text you write.
 *
 * @example
 * const fig = scatterFigure([1, 2, 3], [1.1, 1.9, 3.2], { identityLine: true, r: 0.9974 });
 * [fig.data.length, fig.layout.annotations]
 * // => [2, [{ "text": "r = 0.997" }]]
 */
export function scatterFigure(x: Numbers, y: Numbers, options: ScatterOptions = {}): Figure {
  sameLength(x, y, "x and y", BUILDER);
  const xs = toJsonNumbers(x, "x", BUILDER);
  const ys = toJsonNumbers(y, "y", BUILDER);
  const logX = options.logX ?? false;
  const logY = options.logY ?? false;
  const density = options.density ?? "none";
  const scale = colorScale(options.colorscale ?? "viridis");
  if (options.labels) sameLength(options.labels, xs, "labels and x", BUILDER);
  if (options.color) sameLength(options.color, xs, "color and x", BUILDER);
  const gridSize = options.gridSize ?? 40;
  if (!(Number.isInteger(gridSize) && gridSize >= 2)) throw new LogitlabError(`gridSize must be an integer ≥ 2, got ${gridSize}`, { context: BUILDER });

  const traces: PlotlyTrace[] = [];
  if (density === "hexbin") traces.push(...hexbinTraces(xs, ys, logX, logY, gridSize, scale));
  else if (density === "points") traces.push(densityTrace(xs, ys, logX, logY, gridSize, scale, options));
  else if (density === "none") traces.push(pointsTrace(xs, ys, scale, options));
  else throw new LogitlabError(`density must be "none", "points" or "hexbin", got "${String(density)}"`, { context: BUILDER });

  const xr = finiteExtent(xs, logX);
  const yr = finiteExtent(ys, logY);
  if (options.identityLine && xr && yr) {
    const lo = Math.min(xr[0], yr[0]);
    const hi = Math.max(xr[1], yr[1]);
    traces.push({
      type: "scatter", mode: "lines", name: "y = x", x: [lo, hi], y: [lo, hi],
      line: { color: "#7f7f7f", width: 1, dash: "dash" }, hoverinfo: "skip",
    });
  }
  if (options.fit) traces.push(fitTrace(options.fit, xr, logX, options.fitName ?? "fit"));

  const lines: string[] = [];
  if (options.r !== undefined) lines.push(`r = ${formatNumber(options.r, 3)}`);
  if (options.annotation) lines.push(options.annotation);
  const legendTraces = traces.filter((t) => t.showlegend !== false).length;
  const layout: PlotlyLayout = compact({
    title: title(options.title),
    xaxis: axis(options.xTitle, logX, {}, xs),
    yaxis: axis(options.yTitle, logY, {}, ys),
    hovermode: "closest",
    showlegend: legendTraces > 1,
    annotations: lines.length
      ? [{ text: lines.join("<br>"), xref: "paper", yref: "paper", x: 0.02, y: 0.98, xanchor: "left", yanchor: "top", align: "left", showarrow: false }]
      : undefined,
  });
  return { data: traces, layout };
}

function hover(labels: readonly string[] | undefined, order?: number[]): PlotlyLayout {
  if (!labels) return {};
  const text = order ? order.map((i) => escapeHtml(labels[i])) : labels.map(escapeHtml);
  return { hovertext: text, hovertemplate: "%{hovertext}<br>x = %{x}<br>y = %{y}<extra></extra>" };
}

function pointsTrace(xs: (number | null)[], ys: (number | null)[], scale: ColorScale, options: ScatterOptions): PlotlyTrace {
  const marker: PlotlyLayout = { size: options.markerSize ?? 5, opacity: options.opacity ?? (xs.length > 2000 ? 0.5 : 0.85) };
  if (options.color) {
    Object.assign(marker, {
      color: toJsonNumbers(options.color, "color", BUILDER), colorscale: scale, showscale: true,
      colorbar: compact({ title: title(options.colorTitle) }),
    });
  } else marker.color = okabeIto[0];
  return compact({
    type: "scatter", mode: "markers", name: options.name === undefined ? "points" : escapeHtml(options.name),
    x: xs, y: ys, marker, ...hover(options.labels),
  });
}

function densityTrace(
  xs: (number | null)[], ys: (number | null)[], logX: boolean, logY: boolean, cells: number, scale: ColorScale, options: ScatterOptions,
): PlotlyTrace {
  const sx = axisScale(xs, logX);
  const sy = axisScale(ys, logY);
  const u = xs.map((v) => (v === null || !sx ? NaN : sx.toUnit(v)));
  const w = ys.map((v) => (v === null || !sy ? NaN : sy.toUnit(v)));
  const density = gridDensity(u, w, cells).map((d) => (Number.isFinite(d) ? Number(d.toPrecision(4)) : 0));
  // Densest last, so they are drawn on top; ties keep input order.
  const order = density.map((_, i) => i).sort((a, b) => density[a] - density[b] || a - b);
  return compact({
    type: "scatter", mode: "markers", name: options.name === undefined ? "points" : escapeHtml(options.name),
    x: order.map((i) => xs[i]), y: order.map((i) => ys[i]),
    marker: {
      size: options.markerSize ?? 4, opacity: options.opacity ?? 0.8,
      color: order.map((i) => density[i]), colorscale: scale, cmin: 0, cmax: density.reduce((a, b) => Math.max(a, b), 1), showscale: true,
      colorbar: { title: { text: options.colorTitle ?? "points per cell" } },
    },
    ...hover(options.labels, order),
  });
}

function hexbinTraces(
  xs: (number | null)[], ys: (number | null)[], logX: boolean, logY: boolean, columns: number, scale: ColorScale,
): PlotlyTrace[] {
  const sx = axisScale(xs, logX);
  const sy = axisScale(ys, logY);
  if (!sx || !sy) return [];
  const u = xs.map((v) => (v === null ? NaN : sx.toUnit(v)));
  const w = ys.map((v) => (v === null ? NaN : sy.toUnit(v)));
  const { bins, radius } = hexBins(u, w, columns);
  const maxLog = Math.log10(bins.reduce((most, b) => Math.max(most, b.count), 1));
  const levelOf = (count: number): number => (maxLog === 0 ? HEX_LEVELS - 1 : Math.min(HEX_LEVELS - 1, Math.floor((Math.log10(count) / maxLog) * HEX_LEVELS)));
  const round = (v: number): number => Number(v.toPrecision(6));
  const traces: PlotlyTrace[] = [];
  for (let level = 0; level < HEX_LEVELS; level++) {
    const members = bins.filter((b) => levelOf(b.count) === level);
    if (members.length === 0) continue;
    const px: (number | null)[] = [];
    const py: (number | null)[] = [];
    for (const bin of members) {
      if (px.length) {
        px.push(null);
        py.push(null);
      }
      for (const [cu, cv] of hexCorners(bin.u, bin.v, radius)) {
        px.push(round(sx.fromUnit(cu)));
        py.push(round(sy.fromUnit(cv)));
      }
    }
    const color = colorAt(scale, (level + 0.5) / HEX_LEVELS);
    traces.push({
      type: "scatter", mode: "lines", x: px, y: py, fill: "toself", fillcolor: color,
      line: { color, width: 0.5 }, hoverinfo: "skip", showlegend: false,
    });
  }
  const decades = Array.from({ length: Math.floor(maxLog) + 1 }, (_, k) => k);
  traces.push({
    type: "scatter", mode: "markers", name: "bins", showlegend: false,
    x: bins.map((b) => round(sx.fromUnit(b.u))), y: bins.map((b) => round(sy.fromUnit(b.v))),
    customdata: bins.map((b) => b.count),
    hovertemplate: "%{customdata} points<br>x ≈ %{x}<br>y ≈ %{y}<extra></extra>",
    marker: {
      size: 6, opacity: 0, color: bins.map((b) => round(Math.log10(b.count))), colorscale: scale, cmin: 0, cmax: maxLog || 1,
      showscale: true, colorbar: { title: { text: "points" }, tickvals: decades, ticktext: decades.map((k) => String(10 ** k)) },
    },
  });
  return traces;
}

function fitTrace(fit: NonNullable<ScatterOptions["fit"]>, xr: [number, number] | undefined, logX: boolean, name: string): PlotlyTrace {
  let fx: (number | null)[];
  let fy: (number | null)[];
  if (typeof fit === "function") {
    fx = xr ? grid(xr[0], xr[1], 101, logX) : [];
    fy = fx.map((v) => {
      const value = fit(v as number);
      return Number.isFinite(value) ? value : null;
    });
  } else {
    sameLength(fit.x, fit.y, "fit.x and fit.y", BUILDER);
    fx = toJsonNumbers(fit.x, "fit.x", BUILDER);
    fy = toJsonNumbers(fit.y, "fit.y", BUILDER);
  }
  return { type: "scatter", mode: "lines", name: escapeHtml(name), x: fx, y: fy, line: { color: okabeIto[3], width: 2 } };
}
