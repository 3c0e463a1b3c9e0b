import type { Figure, PlotlyLayout, PlotlyTrace } from "../figure.js";
import { LogitlabError } from "../../util/errors.js";
import { compact } from "./data.js";

export interface SmallMultiplesOptions {
  title?: string;
  /** Panels per row when `panels` is a flat list; default ⌈√n⌉. */
  columns?: number;
  /** Panel titles (Plotly text), in panel order; default each panel's own layout title. */
  titles?: readonly string[];
  /** One x range for all panels (default true); tick labels then only on the bottom panel of each column. */
  sharedX?: boolean;
  /** One y range for all panels (default true); tick labels then only in the left column. */
  sharedY?: boolean;
  /** Axis titles (Plotly text); default the first panel's. */
  xTitle?: string;
  yTitle?: string;
  /** Gaps between panels as fractions of the figure (default 0.04 across, 0.08 down). */
  horizontalSpacing?: number;
  verticalSpacing?: number;
}

const BUILDER = "smallMultiples";

/**
 * smallMultiples: a grid of panels sharing axes, each panel any other builder's figure — e.g. 5 models
 * × 3 datasets as a 5 × 3 grid of scatters. Panel k's traces move to axes `x{k+1}`/`y{k+1}` laid out on
 * a grid (row-major; a nested list gives the rows); its axis settings (log type, ranges), annotations
 * and shapes move with it, relative to the panel. Legend entries repeat across panels once per name,
 * and only the first colour bar is kept. The figure's size is set from the grid (240 × 200 px a panel).
 *
 * @example
 * const panel = (k: number) => lineFigure([{ name: "a", y: [k, k + 1] }]);
 * const fig = smallMultiples([[panel(1), panel(2)], [panel(3)]], { titles: ["one", "two", "three"] });
 * [fig.data.map((t) => t.xaxis), fig.layout.xaxis2.matches]
 * // => [["x", "x2", "x3"], "x"]
 */
export function smallMultiples(panels: readonly Figure[] | readonly (readonly Figure[])[], options: SmallMultiplesOptions = {}): Figure {
  const rows = toRows(panels, options.columns);
  const columnCount = Math.max(...rows.map((r) => r.length));
  const hs = options.horizontalSpacing ?? 0.04;
  const vs = options.verticalSpacing ?? 0.08;
  const width = (1 - (columnCount - 1) * hs) / columnCount;
  const height = (1 - (rows.length - 1) * vs) / rows.length;
  const sharedX = options.sharedX ?? true;
  const sharedY = options.sharedY ?? true;
  // Bottom row holding a panel, for each column.
  const bottom = Array.from({ length: columnCount }, (_, c) => rows.reduce((last, row, r) => (c < row.length ? r : last), 0));

  const data: PlotlyTrace[] = [];
  const layout: PlotlyLayout = {};
  const annotations: PlotlyLayout[] = [];
  const shapes: PlotlyLayout[] = [];
  const named = new Set<string>();
  let scaleShown = false;
  const first = rows[0][0];
  const xTitle = options.xTitle ?? axisTitle(first.layout.xaxis);
  const yTitle = options.yTitle ?? axisTitle(first.layout.yaxis);
  let k = 0;
  rows.forEach((row, r) => {
    row.forEach((panel, c) => {
      const suffix = k === 0 ? "" : String(k + 1);
      const xName = `x${suffix}`;
      const yName = `y${suffix}`;
      const x0 = c * (width + hs);
      const y1 = 1 - r * (height + vs);
      const domainX = [round(x0), round(x0 + width)];
      const domainY = [round(y1 - height), round(y1)];
      for (const trace of panel.data) {
        const moved: PlotlyTrace = { ...trace, xaxis: xName, yaxis: yName };
        const name = typeof trace.name === "string" ? trace.name : undefined;
        if (name !== undefined && trace.showlegend !== false) {
          moved.legendgroup = trace.legendgroup ?? name;
          if (named.has(name)) moved.showlegend = false;
          named.add(name);
        }
        if (hasScale(moved)) {
          if (scaleShown) hideScale(moved);
          scaleShown = true;
        }
        data.push(moved);
      }
      const { title: _xt, ...xAxis } = (panel.layout.xaxis ?? {}) as PlotlyLayout;
      const { title: _yt, ...yAxis } = (panel.layout.yaxis ?? {}) as PlotlyLayout;
      layout[`xaxis${suffix}`] = compact({
        ...xAxis, domain: domainX, anchor: yName,
        matches: sharedX && k > 0 ? "x" : undefined,
        showticklabels: sharedX ? r === bottom[c] : undefined,
        title: r === bottom[c] && xTitle !== undefined ? { text: xTitle } : undefined,
      });
      layout[`yaxis${suffix}`] = compact({
        ...yAxis, domain: domainY, anchor: xName,
        matches: sharedY && k > 0 ? "y" : undefined,
        showticklabels: sharedY ? c === 0 : undefined,
        title: c === 0 && yTitle !== undefined ? { text: yTitle } : undefined,
      });
      const panelTitle = options.titles?.[k] ?? axisTitle(panel.layout.title);
      if (panelTitle !== undefined) {
        annotations.push({
          text: panelTitle, xref: "paper", yref: "paper", x: round(x0 + width / 2), y: domainY[1],
          xanchor: "center", yanchor: "bottom", showarrow: false,
        });
      }
      for (const a of (panel.layout.annotations ?? []) as PlotlyLayout[]) annotations.push(moveRefs(a, xName, yName));
      for (const s of (panel.layout.shapes ?? []) as PlotlyLayout[]) shapes.push(moveRefs(s, xName, yName));
      k++;
    });
  });
  const firstLayout = first.layout;
  return {
    data,
    layout: compact({
      ...layout,
      title: options.title === undefined ? undefined : { text: options.title },
      annotations: annotations.length ? annotations : undefined,
      shapes: shapes.length ? shapes : undefined,
      showlegend: named.size > 1,
      hovermode: firstLayout.hovermode === "x unified" ? "closest" : firstLayout.hovermode,
      barmode: firstLayout.barmode,
      bargap: firstLayout.bargap,
      violinmode: firstLayout.violinmode,
      boxmode: firstLayout.boxmode,
      width: 80 + 240 * columnCount,
      height: 80 + 200 * rows.length,
    }),
  };
}

function toRows(panels: readonly Figure[] | readonly (readonly Figure[])[], columns: number | undefined): (readonly Figure[])[] {
  if (!Array.isArray(panels) || panels.length === 0) throw new LogitlabError("needs at least one panel", { context: BUILDER });
  if (Array.isArray(panels[0])) {
    const rows = panels as readonly (readonly Figure[])[];
    rows.forEach((row, r) => {
      if (!Array.isArray(row) || row.length === 0) throw new LogitlabError(`row ${r} has no panels`, { context: BUILDER });
    });
    return [...rows];
  }
  const flat = panels as readonly Figure[];
  const perRow = columns ?? Math.ceil(Math.sqrt(flat.length));
  if (!(Number.isInteger(perRow) && perRow >= 1)) throw new LogitlabError(`columns must be a positive integer, got ${columns}`, { context: BUILDER });
  const rows: Figure[][] = [];
  for (let i = 0; i < flat.length; i += perRow) rows.push(flat.slice(i, i + perRow));
  return rows;
}

function axisTitle(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const text = (value as { title?: { text?: unknown }; text?: unknown } | undefined);
  if (typeof text?.text === "string") return text.text;
  if (typeof text?.title?.text === "string") return text.title.text;
  return undefined;
}

function hasScale(trace: PlotlyTrace): boolean {
  const marker = trace.marker as PlotlyLayout | undefined;
  return trace.showscale === true || marker?.showscale === true || (["heatmap", "histogram2d", "contour"].includes(trace.type) && trace.showscale !== false);
}

function hideScale(trace: PlotlyTrace): void {
  if (trace.marker && (trace.marker as PlotlyLayout).showscale) {
    const { colorbar: _colorbar, ...marker } = trace.marker as PlotlyLayout;
    trace.marker = { ...marker, showscale: false };
  } else {
    delete trace.colorbar;
    trace.showscale = false;
  }
}

/** An annotation or shape of a panel, with paper and axis references moved to that panel's axes. */
function moveRefs(item: PlotlyLayout, xName: string, yName: string): PlotlyLayout {
  const move = (ref: unknown, axisName: string, letter: "x" | "y"): string => {
    if (ref === "paper") return `${axisName} domain`;
    if (ref === undefined) return axisName; // plotly's default reference is the first axis
    if (typeof ref === "string" && ref.startsWith(letter)) return ref.endsWith(" domain") ? `${axisName} domain` : axisName;
    return String(ref);
  };
  return { ...item, xref: move(item.xref, xName, "x"), yref: move(item.yref, yName, "y") };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
