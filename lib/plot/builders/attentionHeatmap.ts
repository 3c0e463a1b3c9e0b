import type { Figure } from "../figure.js";
import { visibleToken } from "../visibleToken.js";
import { LogitlabError } from "../../util/errors.js";
import { formatNumber } from "./data.js";
import { heatmapFigure } from "./heatmapFigure.js";

/**
 * attentionHeatmap: one attention pattern as a query × key heatmap over the input tokens — row i is
 * how much token i attends to each earlier token (a row of `blocks.{l}.attn.hook_pattern[h]`, or
 * the mean over heads). Colour range [0, 1]; the masked upper triangle shows as 0.
 * Contract: pattern [T][Tk] (rows of weights), tokens [Tk] (the last T are the queries) → one heatmap.
 *
 * @example
 * const fig = attentionHeatmap([[1, 0], [0.25, 0.75]], ["The", " cat"]);
 * [fig.data[0].z, fig.layout.xaxis.ticktext]
 * // => [[[1, 0], [0.25, 0.75]], ["The", " cat"]]
 */
export function attentionHeatmap(pattern: readonly (readonly number[])[], tokens: readonly string[], options: { title?: string; showColorBar?: boolean } = {}): Figure {
  const Tk = tokens.length;
  const T = pattern.length;
  if (T === 0 || T > Tk) throw new LogitlabError(`pattern has ${T} query rows for ${Tk} tokens (needs 1 … ${Tk})`, { context: "attentionHeatmap" });
  const queries = tokens.slice(Tk - T);
  const shown = tokens.map(visibleToken);
  const hover = pattern.map((row, i) => row.map((w, j) => `${JSON.stringify(queries[i])} → ${JSON.stringify(tokens[j])}: ${formatNumber(w, 3)}`));
  const fig = heatmapFigure(pattern, {
    title: options.title, x: shown, y: queries.map(visibleToken), xTitle: "key", yTitle: "query",
    hoverText: hover, zmin: 0, zmax: 1, colorTitle: "attention", colorscale: "viridis",
  });
  if (options.showColorBar === false) fig.data[0] = { ...fig.data[0], showscale: false };
  return fig;
}
