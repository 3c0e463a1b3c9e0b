import type { Figure } from "../figure.js";
import { escapeHtml } from "../escapeHtml.js";
import { okabeIto } from "../theme.js";
import { visibleToken } from "../visibleToken.js";
import { LogitlabError } from "../../util/errors.js";
import { formatNumber, title } from "./data.js";

const BUILDER = "nextTokenFigure";

/**
 * nextTokenFigure: a model's next-token distribution as horizontal bars, most probable token on top —
 * each bar a candidate token (whitespace made visible, escaped) and its probability.
 * Contract: tokens [k] and probs [k] (each in [0, 1], any order) → one bar trace sorted by probability.
 *
 * @example
 * const fig = nextTokenFigure([" the", "<b>"], [0.2, 0.7]);
 * [fig.layout.yaxis.ticktext, fig.data[0].x]
 * // => [["&lt;b&gt;", " the"], [0.7, 0.2]]
 */
export function nextTokenFigure(tokens: readonly string[], probs: readonly number[], options: { title?: string } = {}): Figure {
  if (tokens.length === 0) throw new LogitlabError("needs at least one token", { context: BUILDER });
  if (tokens.length !== probs.length) throw new LogitlabError(`${tokens.length} tokens but ${probs.length} probabilities`, { context: BUILDER });
  probs.forEach((p, i) => {
    if (!(typeof p === "number" && p >= 0 && p <= 1)) throw new LogitlabError(`probs[${i}] = ${p} is not a probability in [0, 1]`, { context: BUILDER });
  });
  const order = probs.map((_, i) => i).sort((a, b) => probs[b] - probs[a]);
  const labels = order.map((i) => escapeHtml(visibleToken(tokens[i])));
  return {
    data: [{
      type: "bar", orientation: "h", x: order.map((i) => probs[i]), y: order.map((_, k) => k),
      marker: { color: okabeIto[4] },
      text: order.map((i) => formatNumber(probs[i], 3)), textposition: "outside", cliponaxis: false,
      hovertext: order.map((i) => `${escapeHtml(JSON.stringify(tokens[i]))}: ${formatNumber(probs[i], 4)}`), hoverinfo: "text",
    }],
    layout: {
      ...(options.title === undefined ? {} : { title: title(options.title) }),
      xaxis: { title: { text: "probability" }, range: [0, 1.15 * Math.max(...probs, 1e-9)] },
      // Integer positions with tick text, so two candidates that read alike keep their own bars.
      yaxis: { autorange: "reversed", tickmode: "array", tickvals: order.map((_, k) => k), ticktext: labels, automargin: true },
      showlegend: false,
      height: Math.max(240, 26 * tokens.length + 100),
    },
  };
}
