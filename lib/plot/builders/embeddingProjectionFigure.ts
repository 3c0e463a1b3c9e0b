import type { Figure } from "../figure.js";
import { escapeHtml } from "../escapeHtml.js";
import { visibleToken } from "../visibleToken.js";
import { LogitlabError } from "../../util/errors.js";
import { formatNumber } from "./data.js";
import { scatter3dFigure } from "./scatter3dFigure.js";

/**
 * embeddingProjectionFigure: tokens as points in a 3-D projection (PCA or t-SNE coordinates of their
 * embeddings), rotatable, each point labelled with its token text (whitespace visible, escaped).
 * Contract: coordinates [n][3], labels [n] → one scatter3d trace with markers and text (or one per
 * group), axes named by the method and, when given, the explained fraction of variance.
 *
 * @example
 * const fig = embeddingProjectionFigure([[0, 0, 0], [1, 2, 3]], [" the", "\n"], { method: "PCA", explainedFraction: [0.5, 0.3, 0.1] });
 * [fig.data[0].text, fig.layout.scene.xaxis.title.text]
 * // => [[" the", "↵"], "PC1 (50.0%)"]
 */
export function embeddingProjectionFigure(
  coordinates: readonly (readonly number[])[],
  labels: readonly string[],
  options: { method?: string; explainedFraction?: readonly number[]; groups?: readonly string[]; title?: string } = {},
): Figure {
  if (coordinates.length !== labels.length) throw new LogitlabError(`${coordinates.length} points but ${labels.length} labels`, { context: "embeddingProjectionFigure" });
  coordinates.forEach((p, i) => {
    if (p.length !== 3) throw new LogitlabError(`point ${i} has ${p.length} coordinates, not 3`, { context: "embeddingProjectionFigure" });
  });
  const method = options.method ?? "PCA";
  const axisName = (i: number): string =>
    `${method === "PCA" ? "PC" : `${method} `}${i + 1}${options.explainedFraction ? ` (${formatNumber(100 * options.explainedFraction[i], 1)}%)` : ""}`;
  const shown = labels.map((l) => escapeHtml(visibleToken(l)));
  const fig = scatter3dFigure(coordinates.map((p) => p[0]), coordinates.map((p) => p[1]), coordinates.map((p) => p[2]), {
    title: options.title, xTitle: axisName(0), yTitle: axisName(1), zTitle: axisName(2), labels: labels.map(visibleToken), groups: options.groups,
  });
  // Text beside each marker: split the labels the way the traces split the points.
  let start = 0;
  fig.data = fig.data.map((trace) => {
    const count = (trace.x as unknown[]).length;
    const text = options.groups ? shown.filter((_, i) => options.groups![i] === trace.name) : shown.slice(start, start + count);
    start += count;
    return { ...trace, mode: "markers+text", text, textposition: "top center" };
  });
  return fig;
}
