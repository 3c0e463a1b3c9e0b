/**
 * predictionsFigures: the token-predictions study's figure specs, built by lib/plot from the analysis —
 * the one definition the CLI and the notebook both draw:
 *   - logprob_by_token: each model's log p of the actual token by token index, a grey line joining the
 *     models' values at each token (lowest to highest when there are more than two models);
 *   - logprob_scatter: first vs second model's log p per token, identity line, Pearson r in the title
 *     (and as an annotation); r is computed by the caller (`pearson`), the builder only draws;
 *   - token_heatmap: the text as tokens (every space drawn as ␣), one row per model, each token shaded
 *     by its log p min–max scaled within its own model (`minMaxScale`), each row with its own colour
 *     scale and colour bar, wrapped at `lineWidth` characters (about 20 tokens), the first token grey
 *     with "no prediction" in the title;
 *   - gltr_tokens / gltr_histogram: each token coloured by the rank bucket of its prediction (GLTR:
 *     top-10, top-100, top-1000, beyond) and the bucket counts per model as grouped bars (with a
 *     vocabulary of 1,024, as the bundled models have, "beyond 1000" can hold at most 24 ranks);
 *   - surprisal_entropy: surprisal −log p beside the entropy H of the predicted distribution, per model.
 *
 * Type: (PredictionsFigureData) → { name: () → Figure }.
 *
 * @example
 * const m = (name, lp) => ({ name, logProbs: lp, ranks: [NaN, 1, 20, 2000], entropy: [NaN, 1, 2, 3] });
 * const data = { tokens: ["A", " b", " c", "."], models: [m("small", [NaN, -1, -3, -2]), m("large", [NaN, -0.5, -2, -4])], r: 0.5 };
 * Object.keys(predictionsFigures(data)).length
 * // => 6
 */
import { histogramFigure } from "../../plot/builders/histogramFigure.js";
import { lineFigure } from "../../plot/builders/lineFigure.js";
import { scatterFigure } from "../../plot/builders/scatterFigure.js";
import { tokenHeatmap } from "../../plot/builders/tokenHeatmap.js";
import { colorScale, relativeLuminance, rgbAt, type ColorScale, type ColorScaleName } from "../../plot/colorScale.js";
import type { Figure } from "../../plot/figure.js";
import { escapeHtml } from "../../plot/escapeHtml.js";
import { LogitlabError } from "../../util/errors.js";
import { minMaxScale } from "./minMaxScale.js";
import { RANK_BUCKETS, rankBucket } from "./rankBucket.js";

export interface PredictionsFigureData {
  tokens: readonly string[];
  models: readonly { name: string; logProbs: ArrayLike<number>; ranks: ArrayLike<number>; entropy: ArrayLike<number> }[];
  /** Pearson r of the first two models' log-probabilities (null when undefined). */
  r: number | null;
  /** Characters per line of the token figures (default 60: about 20 tokens). */
  lineWidth?: number;
}

/** GLTR's colours: green, yellow, red, violet for top-10, top-100, top-1000, beyond. */
const GLTR_SCALE: ColorScale = [[0, "#7fc97f"], [1 / 3, "#ffd92f"], [2 / 3, "#fc8d62"], [1, "#b08cd9"]];
const NO_PREDICTION = "grey = first token, no prediction";

export function predictionsFigures(data: PredictionsFigureData): Record<string, () => Figure> {
  const { tokens, models } = data;
  const lineWidth = data.lineWidth ?? 60;
  const T = tokens.length;
  const index = Array.from({ length: T - 1 }, (_, i) => i + 1);
  const predicted = (values: ArrayLike<number>) => index.map((t) => values[t]);
  // Every space drawn as ␣ (the builder shows it only in all-whitespace tokens), so " the" reads ␣the.
  const shownTokens = tokens.map((t) => t.replace(/ /g, "␣"));
  const figures: Record<string, () => Figure> = {
    logprob_by_token: () => {
      const fig = lineFigure(models.map((m) => ({ name: m.name, x: index, y: predicted(m.logProbs) })), {
        title: "Log-probability of the actual token", xTitle: "token index t", yTitle: "log p(token<sub>t</sub> | tokens<sub>&lt;t</sub>) (nats)", markers: true,
      });
      for (const trace of fig.data) trace.mode = "markers";
      if (models.length >= 2) {
        const x: (number | null)[] = [];
        const y: (number | null)[] = [];
        for (const t of index) {
          const values = models.map((m) => m.logProbs[t]).filter(Number.isFinite);
          if (values.length < 2) continue;
          x.push(t, t, null);
          y.push(Math.min(...values), Math.max(...values), null);
        }
        fig.data.unshift({ type: "scatter", mode: "lines", x, y, name: "pair", line: { color: "#b0b0b0", width: 1 }, hoverinfo: "skip", showlegend: false });
      }
      return fig;
    },
    token_heatmap: () => rowScales(tokenHeatmap(
      models.map((m) => ({ label: m.name, tokens: shownTokens, values: minMaxScale(m.logProbs) })),
      { title: `Tokens shaded by min–max scaled log p, one scale per model<br><sup>${NO_PREDICTION}</sup>`, valueTitle: "scaled log p", lineWidth, zmin: 0, zmax: 1 },
    ), models.map((m) => m.name)),
    gltr_tokens: () => bucketTicks(tokenHeatmap(
      models.map((m) => ({ label: m.name, tokens: shownTokens, values: Array.from(m.ranks, rankBucket) })),
      { title: `Rank bucket of each token: ${RANK_BUCKETS.map((b, i) => `${i} ${b}`).join(", ")}<br><sup>${NO_PREDICTION}</sup>`, valueTitle: "bucket", colorscale: GLTR_SCALE, zmin: 0, zmax: 3, lineWidth, decimals: 0 },
    )),
    gltr_histogram: () => groupedBuckets(histogramFigure(
      models.map((m) => ({ name: m.name, values: predicted(m.ranks).map(rankBucket) })),
      { title: "Tokens per rank bucket of their prediction", xTitle: "rank of the actual token", yTitle: "tokens", bins: [-0.5, 0.5, 1.5, 2.5, 3.5] },
    )),
    surprisal_entropy: () => lineFigure(
      models.flatMap((m) => [
        { name: `${m.name}: surprisal −log p`, x: index, y: predicted(m.logProbs).map((v) => -v) },
        { name: `${m.name}: entropy H`, x: index, y: predicted(m.entropy), dash: "dot" as const },
      ]),
      { title: "Surprisal of the actual token beside the entropy of the prediction", xTitle: "token index t", yTitle: "nats" },
    ),
  };
  if (models.length >= 2) {
    figures.logprob_scatter = () => {
      const [a, b] = models;
      const r = data.r === null ? "undefined" : data.r.toFixed(3);
      return scatterFigure(predicted(a.logProbs), predicted(b.logProbs), {
        title: `Log p per token, Pearson r = ${r}`, xTitle: `${a.name} log p (nats)`, yTitle: `${b.name} log p (nats)`,
        identityLine: true, labels: index.map((t) => tokens[t]), name: "tokens", ...(data.r === null ? {} : { r: data.r }),
      });
    };
  } else if (models.length === 0) {
    throw new LogitlabError("needs at least one model", { context: "predictionsFigures" });
  }
  return figures;
}

/** One colour scale per model row (viridis, cividis, blues, greys, cycled), each with its own colour bar. */
const ROW_SCALES: ColorScaleName[] = ["viridis", "cividis", "blues", "greys"];

/**
 * Gives each row of a token heatmap over values in [0, 1] its own colour scale and colour bar (the
 * builder shares one scale across rows), recomputing the token text colour for contrast as the builder
 * does (black on light boxes, white on dark, by WCAG relative luminance).
 */
function rowScales(fig: Figure, names: readonly string[]): Figure {
  let k = 0;
  for (const trace of fig.data) {
    const marker = trace.marker as Record<string, unknown> | undefined;
    if (!marker || !Array.isArray(marker.color)) continue; // the grey "no value" boxes
    const scale = colorScale(ROW_SCALES[k % ROW_SCALES.length]);
    const values = marker.color as number[];
    marker.colorscale = scale;
    marker.showscale = true;
    marker.colorbar = { title: { text: `${escapeHtml(names[k] ?? `row ${k + 1}`)}<br>scaled log p`, side: "right" }, thickness: 12, len: 0.45, x: 1.02 + 0.16 * k, y: 1, yanchor: "top" };
    const font = trace.textfont as Record<string, unknown>;
    font.color = values.map((v) => (relativeLuminance(rgbAt(scale, v)) > 0.179 ? "#000000" : "#ffffff"));
    k++;
  }
  const layout = fig.layout as { margin?: { r?: number }; width?: number };
  const extra = 80 * k;
  if (layout.margin) layout.margin.r = (layout.margin.r ?? 0) + extra;
  if (typeof layout.width === "number") layout.width += extra;
  return fig;
}

/** The GLTR colour bar labelled by bucket name instead of 0 … 3. */
function bucketTicks(fig: Figure): Figure {
  for (const trace of fig.data) {
    const colorbar = (trace.marker as Record<string, unknown> | undefined)?.colorbar as Record<string, unknown> | undefined;
    if (colorbar) Object.assign(colorbar, { tickvals: [0, 1, 2, 3], ticktext: [...RANK_BUCKETS] });
  }
  return fig;
}

/** The bucket histogram as grouped bars, one per model side by side, labelled by bucket name. */
function groupedBuckets(fig: Figure): Figure {
  for (const trace of fig.data) {
    delete trace.width;
    trace.opacity = 1;
  }
  const layout = fig.layout as Record<string, unknown>;
  layout.barmode = "group";
  layout.xaxis = { ...(layout.xaxis as object), tickvals: [0, 1, 2, 3], ticktext: [...RANK_BUCKETS] };
  return fig;
}
