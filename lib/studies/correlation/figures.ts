/**
 * correlationFigures: the correlation study's figure specs (lib/plot), one definition for the CLI and
 * the notebook:
 *   - correlation: the models × datasets grid (`smallMultiples`, one row per model, one column per
 *     dataset), each panel the original's figure — the kept points (at most 1,500 drawn, evenly spaced),
 *     the median cosine in each of the 50 equal-width entropy bins as a line with a ±1 SD band (lower
 *     edge clipped at 0), the fitted unimodal curve a·x·exp(−b·x) + c, and r / ρ in the panel title;
 *   - per_prompt_r: the distribution of the per-prompt Pearson r, one box per cell (ours).
 * A builder without data throws a LogitlabError (the run notes it and goes on).
 *
 * @example
 * const analysis = { filtered: { r: -0.5, rho: -0.4 }, bins: { centres: [0, 1], medians: [0.5, 0.4], sds: [0.1, 0.1], counts: [2, 2] }, fit: { a: NaN, b: NaN, c: NaN }, perPrompt: [{ r: -0.5 }], x: [0, 0.1, 1, 1.1], y: [0.5, 0.5, 0.4, 0.4] };
 * const figures = correlationFigures({ models: ["m"], datasets: ["d"], cells: [{ model: "m", dataset: "d", analysis }] });
 * [Object.keys(figures), figures.correlation().data.length]
 * // => [["correlation", "per_prompt_r"], 4]
 */
import { boxFigure } from "../../plot/builders/boxFigure.js";
import { smallMultiples } from "../../plot/builders/smallMultiples.js";
import type { Figure, PlotlyTrace } from "../../plot/figure.js";
import { LogitlabError } from "../../util/errors.js";
import type { CellAnalysis } from "./analyzeCell.js";

type FigureAnalysis = Pick<CellAnalysis, "bins" | "x" | "y"> & { filtered: Pick<CellAnalysis["filtered"], "r" | "rho">; fit: Pick<CellAnalysis["fit"], "a" | "b" | "c">; perPrompt: readonly { r: number }[] };

export interface CorrelationFigureData {
  models: readonly string[];
  datasets: readonly string[];
  cells: readonly { model: string; dataset: string; analysis: FigureAnalysis }[];
}

const MAX_POINTS = 1500;
const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "–");

function panel(a: FigureAnalysis): Figure {
  const data: PlotlyTrace[] = [];
  const stride = Math.max(1, Math.ceil(a.x.length / MAX_POINTS));
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < a.x.length; i += stride) {
    px.push(a.x[i]);
    py.push(a.y[i]);
  }
  data.push({ type: "scatter", mode: "markers", name: "steps", x: px, y: py, marker: { size: 3, color: "#999999", opacity: 0.35 }, hoverinfo: "skip" });
  const used = a.bins.counts.map((c, i) => (c > 0 ? i : -1)).filter((i) => i >= 0);
  const cx = used.map((i) => a.bins.centres[i]);
  const sd = (i: number) => (Number.isFinite(a.bins.sds[i]) ? a.bins.sds[i] : 0);
  data.push({ type: "scatter", mode: "lines", name: "−1 SD", x: cx, y: used.map((i) => Math.max(0, a.bins.medians[i] - sd(i))), line: { width: 0 }, hoverinfo: "skip", showlegend: false });
  data.push({ type: "scatter", mode: "lines", name: "±1 SD", x: cx, y: used.map((i) => a.bins.medians[i] + sd(i)), line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(0, 114, 178, 0.2)", hoverinfo: "skip" });
  data.push({ type: "scatter", mode: "lines", name: "bin median", x: cx, y: used.map((i) => a.bins.medians[i]), line: { color: "#0072B2", width: 2 } });
  const { a: fa, b: fb, c: fc } = a.fit;
  if ([fa, fb, fc].every(Number.isFinite) && a.x.length > 0) {
    const lo = Math.min(...a.x);
    const hi = Math.max(...a.x);
    const fx = Array.from({ length: 101 }, (_, i) => lo + ((hi - lo) * i) / 100);
    data.push({ type: "scatter", mode: "lines", name: "a·x·e<sup>−bx</sup> + c", x: fx, y: fx.map((x) => fa * x * Math.exp(-fb * x) + fc), line: { color: "#D55E00", width: 2, dash: "dash" } });
  }
  return { data, layout: { xaxis: { title: { text: "nucleus entropy (nats)" } }, yaxis: { title: { text: "mean pairwise cosine" } } } };
}

export function correlationFigures(result: CorrelationFigureData): Record<string, () => Figure> {
  return {
    correlation: () => {
      if (result.cells.length === 0) throw new LogitlabError("no grid cell to draw", { context: "correlation figure" });
      const rows: Figure[][] = [];
      const titles: string[] = [];
      for (const model of result.models) {
        const row: Figure[] = [];
        for (const dataset of result.datasets) {
          const cell = result.cells.find((c) => c.model === model && c.dataset === dataset);
          if (!cell) continue;
          row.push(panel(cell.analysis));
          titles.push(`${model} · ${dataset}<br>r ${fmt(cell.analysis.filtered.r)}, ρ ${fmt(cell.analysis.filtered.rho)}`);
        }
        if (row.length > 0) rows.push(row);
      }
      const figure = smallMultiples(rows, { titles, title: "Nucleus entropy vs mean pairwise cosine of the top-p tokens' input embeddings", xTitle: "nucleus entropy (nats)", yTitle: "mean pairwise cosine", sharedX: false, sharedY: false });
      return figure;
    },
    per_prompt_r: () => {
      const groups = result.cells.filter((c) => c.analysis.perPrompt.length > 0).map((c) => ({ name: `${c.model} · ${c.dataset}`, values: c.analysis.perPrompt.map((p) => p.r) }));
      if (groups.length === 0) throw new LogitlabError("no prompt has a correlation (each needs 3 kept steps with varying entropy and cosine)", { context: "per_prompt_r figure" });
      return boxFigure(groups, { title: "Per-prompt Pearson r (nucleus entropy vs cosine)", yTitle: "r within one prompt's generation", points: "all" });
    },
  };
}
