import type { Figure, PlotlyLayout, PlotlyTrace } from "../figure.js";
import { colorScale, type ColorScale, type ColorScaleName } from "../colorScale.js";
import { escapeHtml } from "../escapeHtml.js";
import { okabeIto } from "../theme.js";
import { compact, sameLength, title, toJsonNumbers, type Numbers } from "./data.js";

export interface Scatter3dOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  zTitle?: string;
  /** A group name per point: one trace (colour, legend entry) per group, in order of first appearance. */
  groups?: readonly string[];
  /** A value per point, coloured with `colorscale` (when there are no groups). */
  color?: Numbers;
  colorTitle?: string;
  colorscale?: ColorScaleName | ColorScale;
  /** Hover label per point (escaped). */
  labels?: readonly string[];
  markerSize?: number;
}

const BUILDER = "scatter3dFigure";

/**
 * scatter3dFigure: points in three dimensions (e.g. a PCA or UMAP projection of token embeddings),
 * rotatable in the notebook; coloured by group (Okabe–Ito, legend) or by a value (colour bar).
 * Contract: x, y, z of length N → one scatter3d trace per group (one trace without groups).
 * Static export draws the WebGL scene as an image inside the SVG/PDF (plotly.js cannot vectorise 3-D).
 *
 * @example
 * scatter3dFigure([0, 1, 2], [0, 1, 0], [1, 0, 1], { groups: ["a", "b", "a"] }).data.map((t) => [t.name, t.x])
 * // => [["a", [0, 2]], ["b", [1]]]
 */
export function scatter3dFigure(x: Numbers, y: Numbers, z: Numbers, options: Scatter3dOptions = {}): Figure {
  sameLength(x, y, "x and y", BUILDER);
  sameLength(x, z, "x and z", BUILDER);
  const xs = toJsonNumbers(x, "x", BUILDER);
  const ys = toJsonNumbers(y, "y", BUILDER);
  const zs = toJsonNumbers(z, "z", BUILDER);
  if (options.groups) sameLength(options.groups, xs, "groups and x", BUILDER);
  if (options.labels) sameLength(options.labels, xs, "labels and x", BUILDER);
  if (options.color) sameLength(options.color, xs, "color and x", BUILDER);
  const size = options.markerSize ?? 3;
  const pick = <T>(values: readonly T[], members: number[]): T[] => members.map((i) => values[i]);
  const hover = (members: number[]): PlotlyLayout =>
    options.labels ? { hovertext: pick(options.labels, members).map(escapeHtml), hoverinfo: "text" } : {};

  const traces: PlotlyTrace[] = [];
  if (options.groups) {
    const order = [...new Set(options.groups)];
    order.forEach((group, k) => {
      const members = xs.map((_, i) => i).filter((i) => options.groups![i] === group);
      traces.push({
        type: "scatter3d", mode: "markers", name: escapeHtml(group),
        x: pick(xs, members), y: pick(ys, members), z: pick(zs, members),
        marker: { size, color: okabeIto[k % okabeIto.length], opacity: 0.85 }, ...hover(members),
      });
    });
  } else {
    const all = xs.map((_, i) => i);
    const marker: PlotlyLayout = options.color
      ? {
          size, color: toJsonNumbers(options.color, "color", BUILDER), colorscale: colorScale(options.colorscale ?? "viridis"),
          showscale: true, colorbar: compact({ title: title(options.colorTitle) }), opacity: 0.85,
        }
      : { size, color: okabeIto[0], opacity: 0.85 };
    traces.push({ type: "scatter3d", mode: "markers", name: "points", x: xs, y: ys, z: zs, marker, ...hover(all) });
  }
  const axisTitle = (text: string | undefined): PlotlyLayout => (text === undefined ? {} : { title: { text } });
  return {
    data: traces,
    layout: compact({
      title: title(options.title),
      showlegend: traces.length > 1,
      scene: { xaxis: axisTitle(options.xTitle), yaxis: axisTitle(options.yTitle), zaxis: axisTitle(options.zTitle), aspectmode: "cube" },
      margin: { l: 0, r: 0, t: options.title === undefined ? 10 : 40, b: 0 },
    }),
  };
}
