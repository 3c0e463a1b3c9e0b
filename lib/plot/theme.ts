/**
 * Themes: how a figure looks, kept apart from what it shows. A theme is a Plotly template
 * (https://plotly.com/javascript/layout-template/) plus a default size; a figure's own layout always
 * wins over its template, so builders stay theme-free and a caller can still override anything.
 *
 * - `paperTheme`, the export default: DejaVu Serif (installed with Debian's fonts-dejavu-core, which
 *   Chromium uses to render), 11 px ≈ 8.25 pt text at 96 px per inch, black axis lines without grid,
 *   3.5 in single-column width (`PAPER_WIDTH.single`, 336 px) or 7 in double-column (672 px), and a
 *   horizontal legend below the plot so that it takes height, not the narrow width.
 * - `notebookTheme`, the `show` and `saveHtml` default: DejaVu Sans, 12 px, light grid.
 * Both cycle the Okabe–Ito colour-blind-safe palette (`okabeIto`).
 */
import type { Figure, PlotlyLayout } from "./figure.js";

/** A look for figures: a Plotly template and the default size in CSS pixels (96 per inch). */
export interface Theme {
  name: string;
  template: { layout: PlotlyLayout; data?: Record<string, unknown[]> };
  width: number;
  height: number;
}

/**
 * okabeIto: the Okabe–Ito palette, eight colours told apart under the common colour-vision
 * deficiencies (Okabe & Ito 2008, https://jfly.uni-koeln.de/color/), ordered blue first; black last.
 *
 * @example
 * okabeIto.length // => 8
 */
export const okabeIto: readonly string[] = Object.freeze([
  "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
]);

/**
 * PAPER_WIDTH: figure widths for papers in CSS pixels (96 per inch): single column 3.5 in = 336 px,
 * double column 7 in = 672 px. `saveFigure(fig, path, { width: "double" })` takes the names.
 *
 * @example
 * PAPER_WIDTH.double / 96 // => 7
 */
export const PAPER_WIDTH = Object.freeze({ single: 336, double: 672 });

function axisStyle(grid: boolean, lineColor: string): PlotlyLayout {
  return {
    showline: true, linecolor: lineColor, linewidth: 1, mirror: false,
    ticks: "outside", ticklen: 3, tickwidth: 1, tickcolor: lineColor,
    showgrid: grid, gridcolor: "#e6e6e6", gridwidth: 1, zeroline: false, automargin: true,
    title: { standoff: 6 },
  };
}

/**
 * paperTheme: the export default — serif text that exists on the machine (DejaVu Serif), black axis
 * lines, no grid, tight margins, a horizontal legend at the bottom, Okabe–Ito colours, 3.5 in × 2.625 in.
 *
 * @example
 * [paperTheme.width, paperTheme.template.layout.font]
 * // => [336, { "family": "DejaVu Serif, serif", "size": 11 }]
 */
export const paperTheme: Theme = {
  name: "paper",
  width: PAPER_WIDTH.single,
  height: 252,
  template: {
    layout: {
      font: { family: "DejaVu Serif, serif", size: 11, color: "#000000" },
      title: { font: { size: 12 }, x: 0.5, xanchor: "center" },
      colorway: [...okabeIto],
      paper_bgcolor: "#ffffff",
      plot_bgcolor: "#ffffff",
      margin: { l: 44, r: 10, t: 28, b: 36, pad: 0 },
      xaxis: axisStyle(false, "#000000"),
      yaxis: axisStyle(false, "#000000"),
      // Horizontal, centred at the bottom of the figure (container coordinates push the bottom margin,
      // so it sits below the x-axis title): at 3.5 in a legend on the right takes a third of the width.
      legend: {
        font: { size: 10 }, bgcolor: "rgba(255,255,255,0.8)", borderwidth: 0,
        orientation: "h", x: 0.5, xanchor: "center", y: 0, yanchor: "bottom", yref: "container",
        itemwidth: 30, tracegroupgap: 0,
      },
      hoverlabel: { font: { family: "DejaVu Serif, serif" } },
      coloraxis: { colorbar: { thickness: 10, outlinewidth: 0, ticks: "outside", ticklen: 3 } },
    },
  },
};

/**
 * notebookTheme: the on-screen default for `show` and `saveHtml` — DejaVu Sans, a light grid,
 * Okabe–Ito colours, 700 × 450 px.
 *
 * @example
 * notebookTheme.template.layout.font
 * // => { "family": "DejaVu Sans, Arial, sans-serif", "size": 12 }
 */
export const notebookTheme: Theme = {
  name: "notebook",
  width: 700,
  height: 450,
  template: {
    layout: {
      font: { family: "DejaVu Sans, Arial, sans-serif", size: 12, color: "#222222" },
      title: { font: { size: 15 }, x: 0.5, xanchor: "center" },
      colorway: [...okabeIto],
      paper_bgcolor: "#ffffff",
      plot_bgcolor: "#ffffff",
      margin: { l: 60, r: 20, t: 50, b: 50 },
      xaxis: axisStyle(true, "#444444"),
      yaxis: axisStyle(true, "#444444"),
      legend: { bgcolor: "rgba(255,255,255,0.8)" },
      coloraxis: { colorbar: { thickness: 14, outlinewidth: 0 } },
    },
  },
};

/**
 * withTheme: a copy of `fig` whose layout template is `theme`'s, unless the figure already names a
 * template (then it is returned unchanged). The figure's own layout values still win.
 *
 * @example
 * withTheme({ data: [], layout: { title: { text: "a" } } }, paperTheme).layout.template === paperTheme.template
 * // => true
 */
export function withTheme(fig: Figure, theme: Theme): Figure {
  if (fig.layout.template !== undefined) return fig;
  return { ...fig, layout: { ...fig.layout, template: theme.template } };
}
