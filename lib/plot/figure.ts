/**
 * Figure: the one data type of lib/plot, a Plotly figure spec (`{ data, layout, config }`) as plain
 * JSON — what the builders return, what `show` sends to the notebook and what the exporters render.
 *
 * Traces and layout are typed loosely (Plotly's schema is large and versioned); `Plotly.validate`
 * in the browser tests checks every builder's output against plotly.js itself.
 */

/** One Plotly trace: `type` plus that trace type's attributes (https://plotly.com/javascript/reference/). */
export interface PlotlyTrace {
  type: string;
  [attribute: string]: unknown;
}

/** Plotly layout attributes (https://plotly.com/javascript/reference/layout/). */
export type PlotlyLayout = Record<string, unknown>;

/** A Plotly figure spec: JSON-serialisable, never holding typed arrays, functions or DOM nodes. */
export interface Figure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
  config?: Record<string, unknown>;
}
