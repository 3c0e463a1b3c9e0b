import type { Figure } from "../figure.js";
import { escapeHtml } from "../escapeHtml.js";
import { visibleToken } from "../visibleToken.js";
import { LogitlabError } from "../../util/errors.js";
import { formatNumber } from "./data.js";
import { heatmapFigure } from "./heatmapFigure.js";

/** What {@link logitLensFigure} draws: one row per layer, one column per input position. */
export interface LogitLensData {
  /** [layers][T] probability of the top token (logitLens().topProbs). */
  topProbs: readonly (readonly number[])[];
  /** [layers][T] the top token as text (decode each of logitLens().topIds). */
  topTokens: readonly (readonly string[])[];
  /** [T] the input tokens as text (column labels). */
  inputTokens: readonly string[];
  /** Row labels, default "layer 0" … (logitLens().layers). */
  layerLabels?: readonly (string | number)[];
}

const BUILDER = "logitLensFigure";

/**
 * logitLensFigure: the logit lens as a layer × position heatmap — each cell coloured by the
 * probability of the token that layer's residual stream predicts next, with that token written in the
 * cell (whitespace made visible, escaped); hover shows input token, layer, prediction and probability.
 * Contract: topProbs and topTokens [L][T], inputTokens [T] → one heatmap trace with `text`, colour
 * range [0, 1], first layer at the bottom (the residual stream flows upward, as in the lens's plots).
 *
 * @example
 * const fig = logitLensFigure({ topProbs: [[0.2, 0.5], [0.9, 0.7]], topTokens: [["a", " "], ["b", "c"]], inputTokens: ["x", "y"] });
 * [fig.data[0].text, fig.data[0].zmax]
 * // => [[["a", "␣"], ["b", "c"]], 1]
 */
export function logitLensFigure(data: LogitLensData, options: { title?: string } = {}): Figure {
  const { topProbs, topTokens, inputTokens } = data;
  const T = inputTokens.length;
  if (topProbs.length === 0) throw new LogitlabError("topProbs needs at least one layer", { context: BUILDER });
  if (topTokens.length !== topProbs.length) throw new LogitlabError(`topTokens has ${topTokens.length} layers, topProbs ${topProbs.length}`, { context: BUILDER });
  topProbs.forEach((row, l) => {
    if (row.length !== T) throw new LogitlabError(`topProbs[${l}] has ${row.length} positions for ${T} input tokens`, { context: BUILDER });
    if (topTokens[l].length !== T) throw new LogitlabError(`topTokens[${l}] has ${topTokens[l].length} positions for ${T} input tokens`, { context: BUILDER });
    row.forEach((p, t) => {
      if (!(p >= 0 && p <= 1)) throw new LogitlabError(`topProbs[${l}][${t}] = ${p} is not a probability in [0, 1]`, { context: BUILDER });
    });
  });
  const labels = data.layerLabels ?? topProbs.map((_, l) => `layer ${l}`);
  if (labels.length !== topProbs.length) throw new LogitlabError(`layerLabels has ${labels.length} labels for ${topProbs.length} layers`, { context: BUILDER });
  const cellText = topTokens.map((row) => row.map((token) => escapeHtml(visibleToken(token))));
  const hover = topTokens.map((row, l) =>
    row.map((token, t) => `after ${JSON.stringify(inputTokens[t])} (position ${t}), ${labels[l]}: ${JSON.stringify(token)} p = ${formatNumber(topProbs[l][t], 3)}`),
  );
  const fig = heatmapFigure(topProbs, {
    title: options.title,
    x: inputTokens.map(visibleToken),
    y: labels.map(String),
    xTitle: "input token",
    yTitle: "layer",
    hoverText: hover,
    zmin: 0,
    zmax: 1,
    colorTitle: "top-token p",
    reverseY: false,
  });
  fig.data[0] = { ...fig.data[0], text: cellText, texttemplate: "%{text}", textfont: { size: 10 } };
  return fig;
}
