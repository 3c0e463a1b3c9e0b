/**
 * plotlyBundle: which installed plotly.js bundle draws a set of figures. plotly.js-cartesian-dist-min
 * (the same release as plotly.js-dist-min, built with the 2-D trace types only: 1.4 MB against 4.8 MB)
 * when every trace's type is one of `CARTESIAN_TRACE_TYPES`, else the full plotly.js-dist-min. The
 * export browser has a third of the code to load before its first figure, and a self-contained HTML
 * page of 2-D figures is 3.4 MB smaller. The list is the cartesian bundle's `Plotly.PlotSchema` trace list
 * (test/plot/browser.test.ts checks it against the installed bundle).
 *
 * Type: figures → the bundle's path.
 *
 * @example
 * [plotlyBundle([lineFigure([{ name: "a", y: [1, 2] }])]).endsWith("plotly-cartesian.min.js"),
 *  plotlyBundle([{ data: [{ type: "scatter3d", x: [1], y: [1], z: [1] }], layout: {} }]).endsWith("plotly.min.js")]
 * // => [true, true]
 */
import { createRequire } from "node:module";
import type { Figure } from "./figure.js";

/** The trace types of plotly.js-cartesian-dist-min 3.7.0. */
export const CARTESIAN_TRACE_TYPES: ReadonlySet<string> = new Set([
  "scatter", "bar", "box", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "contour", "scatterternary", "violin", "image", "pie",
]);

const require = createRequire(import.meta.url);

/** Path of the full plotly.js bundle (plotly.js-dist-min): every trace type. */
export function plotlyPath(): string {
  return require.resolve("plotly.js-dist-min");
}

/** Path of plotly.js's cartesian bundle (plotly.js-cartesian-dist-min). */
export function cartesianPlotlyPath(): string {
  return require.resolve("plotly.js-cartesian-dist-min");
}

/** The trace types of a figure (a trace without `type` is a scatter). */
export function traceTypes(fig: Figure): string[] {
  return [...new Set(fig.data.map((trace) => {
    const type = (trace as { type?: unknown }).type;
    return typeof type === "string" ? type : "scatter";
  }))];
}

export function plotlyBundle(figs: readonly Figure[]): string {
  return figs.every((fig) => traceTypes(fig).every((type) => CARTESIAN_TRACE_TYPES.has(type))) ? cartesianPlotlyPath() : plotlyPath();
}
