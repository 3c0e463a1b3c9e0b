/**
 * stabilityFigures: the stability study's four figure specs, built by lib/plot from the figure data
 * the analysis returns — the one definition the CLI and the notebook both draw:
 *   - epsilon_histogram: ε of agreeing steps, log x axis (ε = 0 cannot be drawn and is noted);
 *   - perplexity_scatter: per-file reference vs check perplexity with the identity line;
 *   - topk_by_position: top-K set and order preservation by step position;
 *   - margin_distribution: reference margins p_(K) − p_(K+1) of eligible steps, preserved vs changed
 *     (a series without values is left out).
 * Each is a thunk, so one without data (its builder throws a LogitlabError, e.g. no positive ε) does
 * not stop the others; the caller notes it and goes on.
 *
 * Type: (StabilityFigureData, K) → { name: () → Figure }.
 *
 * @example
 * const data = { epsilon: Float64Array.of(1e-4, 2e-3), perplexity: { name: ["a"], reference: [2], check: [2.1] },
 *   topkByPosition: { step: [0, 1], setPreservationRate: [1, 0.5], orderPreservationRate: [1, 0.5], steps: [2, 2] },
 *   margin: { preserved: Float64Array.of(0.1), changed: new Float64Array(0) } };
 * stabilityFigures(data, 5).margin_distribution().data.length
 * // => 1
 */
import { histogramFigure } from "../../plot/builders/histogramFigure.js";
import { lineFigure } from "../../plot/builders/lineFigure.js";
import { scatterFigure } from "../../plot/builders/scatterFigure.js";
import type { Figure } from "../../plot/figure.js";
import type { StabilityFigureData } from "./types.js";

export function stabilityFigures(figures: StabilityFigureData, k: number): Record<string, () => Figure> {
  const margins = [
    { name: "preserved", values: figures.margin.preserved },
    { name: "changed", values: figures.margin.changed },
  ].filter((series) => series.values.length > 0);
  return {
    epsilon_histogram: () => histogramFigure(figures.epsilon, {
      title: "Chosen-token probability difference", xTitle: "ε = |p<sub>ref</sub> − p<sub>check</sub>|", yTitle: "agreeing steps",
      logX: true, bins: 50,
    }),
    perplexity_scatter: () => scatterFigure(figures.perplexity.reference, figures.perplexity.check, {
      title: "Perplexity per file", xTitle: "reference perplexity", yTitle: "check perplexity",
      identityLine: true, name: "files", labels: figures.perplexity.name,
      density: figures.perplexity.reference.length > 5000 ? "points" : "none",
    }),
    topk_by_position: () => lineFigure([
      { name: `top-${k} set preserved`, x: figures.topkByPosition.step, y: figures.topkByPosition.setPreservationRate },
      { name: `top-${k} order preserved`, x: figures.topkByPosition.step, y: figures.topkByPosition.orderPreservationRate, dash: "dash" },
    ], { title: `Top-${k} preservation by step position`, xTitle: "step position", yTitle: "fraction of agreeing steps" }),
    margin_distribution: () => histogramFigure(margins, {
      title: `Margin p<sub>(${k})</sub> − p<sub>(${k + 1})</sub> of eligible steps`, xTitle: "reference margin", yTitle: "fraction of steps",
      logX: true, bins: 40, normalize: "probability",
    }),
  };
}
