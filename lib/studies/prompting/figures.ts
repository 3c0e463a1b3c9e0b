/**
 * promptingFigures: the prompting study's figure specs, one thunk each (the CLI and the notebook draw
 * the same ones):
 *   - accuracy: per technique (one group of bars per model), the original's accuracy
 *     correct/(N − buggy), correct/N, and the robust reading's correct/N, each with its 95% Wilson
 *     interval as error bars and its count (correct/denominator) on the bar (a bar without a value,
 *     e.g. every sample buggy, is left out);
 *   - uncertainty_violins: one panel per uncertainty score (original entropy H/ln K, nucleus entropy,
 *     full entropy, nucleus cosine), violins of the samples split by outcome under the strict reading
 *     (correct, wrong, buggy; classes without a finite value are left out);
 *   - entropy_cosine: the quadrant plot — original entropy against nucleus cosine per sample, coloured
 *     by outcome (one trace per outcome that occurs), dashed lines at the medians of each axis splitting
 *     it into four quadrants.
 * A figure without any data throws a LogitlabError (runStudy then skips it with a note).
 *
 * Type: (rows: EvaluationRow[] (final ones are drawn), summary) → { name: () → Figure }.
 *
 * @example
 * const row = (technique, index, correct, buggy) => ({ model: "m", technique, index, final: true, correct, buggy, original_entropy: 0.1 * index, nucleus_entropy: 1 + index, full_entropy: 2, cosine: 0.05 * index });
 * const rows = [row("cot", 0, true, false), row("cot", 1, false, false), row("cot", 2, false, true)];
 * const summary = { models: [{ model: "m", techniques: [{ technique: "cot", strict: { n: 3, buggy: 1, correct: 1, accuracy_original: 0.5, accuracy_original_interval: [0.1, 0.9], accuracy_all: 1 / 3, accuracy_all_interval: [0.06, 0.8] }, robust: { n: 3, correct: 0, accuracy_all: null, accuracy_all_interval: null } }] }] };
 * const figures = promptingFigures(rows, summary);
 * [Object.keys(figures), figures.accuracy().data.length, figures.entropy_cosine().data.length]
 * // => [["accuracy", "uncertainty_violins", "entropy_cosine"], 2, 3]
 */
import type { Figure, PlotlyTrace } from "../../plot/figure.js";
import { escapeHtml } from "../../plot/escapeHtml.js";
import { okabeIto } from "../../plot/theme.js";
import { smallMultiples } from "../../plot/builders/smallMultiples.js";
import { violinFigure } from "../../plot/builders/violinFigure.js";
import { quantile } from "../../stats/quantile.js";
import { LogitlabError } from "../../util/errors.js";
import type { EvaluationRow } from "./evaluationRow.js";
import type { PromptingSummary } from "./promptingSummary.js";

type FigureRow = Pick<EvaluationRow, "model" | "technique" | "final" | "correct" | "buggy" | "original_entropy" | "nucleus_entropy" | "full_entropy" | "cosine">;
type FigureSummary = {
  models: readonly {
    model: string;
    techniques: readonly {
      technique: string;
      strict: { n: number; buggy: number; correct: number; accuracy_original: number | null; accuracy_original_interval: readonly [number, number] | null; accuracy_all: number | null; accuracy_all_interval: readonly [number, number] | null };
      robust: { n: number; correct: number; accuracy_all: number | null; accuracy_all_interval: readonly [number, number] | null };
    }[];
  }[];
};

const SCORES = [
  ["original_entropy", "original entropy H/ln K"],
  ["nucleus_entropy", "nucleus entropy (nats)"],
  ["full_entropy", "full entropy (nats)"],
  ["cosine", "nucleus cosine"],
] as const;
const OUTCOMES = [
  ["correct", "#009E73"],
  ["wrong", "#D55E00"],
  ["buggy", "#999999"],
] as const;
const outcomeOf = (r: FigureRow) => (r.buggy ? "buggy" : r.correct ? "correct" : "wrong");
const CONTEXT = "promptingFigures";

export function promptingFigures(rows: readonly FigureRow[], summary: FigureSummary | PromptingSummary): Record<string, () => Figure> {
  const finals = rows.filter((r) => r.final);
  const several = summary.models.length > 1;
  return {
    accuracy: () => {
      const measures = [
        ["strict: correct/(N − buggy) (original)", (t: FigureSummary["models"][number]["techniques"][number]) => [t.strict.accuracy_original, t.strict.accuracy_original_interval, `${t.strict.correct}/${t.strict.n - t.strict.buggy}`] as const],
        ["strict: correct/N", (t: FigureSummary["models"][number]["techniques"][number]) => [t.strict.accuracy_all, t.strict.accuracy_all_interval, `${t.strict.correct}/${t.strict.n}`] as const],
        ["robust: correct/N", (t: FigureSummary["models"][number]["techniques"][number]) => [t.robust.accuracy_all, t.robust.accuracy_all_interval, `${t.robust.correct}/${t.robust.n}`] as const],
      ] as const;
      const data: PlotlyTrace[] = [];
      let k = 0;
      for (const m of summary.models as FigureSummary["models"]) {
        for (const [label, pick] of measures) {
          const x: string[] = [];
          const y: number[] = [];
          const up: number[] = [];
          const down: number[] = [];
          const text: string[] = [];
          for (const t of m.techniques) {
            const [value, interval, count] = pick(t);
            if (value === null || interval === null) continue;
            x.push(t.technique);
            y.push(value);
            up.push(interval[1] - value);
            down.push(value - interval[0]);
            text.push(count);
          }
          const color = okabeIto[k++ % okabeIto.length];
          if (x.length === 0) continue;
          data.push({
            type: "bar", name: escapeHtml(several ? `${m.model}: ${label}` : label), x, y, marker: { color },
            text, textposition: "outside", cliponaxis: false,
            error_y: { type: "data", symmetric: false, array: up, arrayminus: down, visible: true, color: "#333333", thickness: 1 },
          });
        }
      }
      if (data.length === 0) throw new LogitlabError("no technique has an accuracy to draw", { context: CONTEXT });
      return {
        data,
        layout: {
          title: { text: "Accuracy per technique (95% Wilson intervals)" },
          barmode: "group",
          xaxis: { title: { text: "technique" } },
          yaxis: { title: { text: "accuracy" }, range: [0, 1.05] },
          legend: { orientation: "h", y: -0.25 },
        },
      };
    },
    uncertainty_violins: () => {
      const panels: Figure[] = [];
      const titles: string[] = [];
      for (const [score, label] of SCORES) {
        const groups = OUTCOMES.map(([outcome]) => ({ name: outcome, values: finals.filter((r) => outcomeOf(r) === outcome).map((r) => r[score]).filter(Number.isFinite) }))
          .filter((g) => g.values.length > 0);
        if (groups.length === 0) continue;
        const fig = violinFigure(groups, { points: "all" });
        fig.data.forEach((trace, i) => {
          const color = OUTCOMES.find(([o]) => o === groups[i].name)?.[1] ?? "#000000";
          trace.line = { color, width: 1 };
          trace.marker = { color, size: 3 };
        });
        panels.push(fig);
        titles.push(label);
      }
      if (panels.length === 0) throw new LogitlabError("no sample has a finite uncertainty score", { context: CONTEXT });
      return smallMultiples(panels, { columns: Math.min(4, panels.length), titles, sharedY: false, sharedX: true, xTitle: "outcome (strict)" });
    },
    entropy_cosine: () => {
      const usable = finals.filter((r) => Number.isFinite(r.original_entropy) && Number.isFinite(r.cosine));
      if (usable.length === 0) throw new LogitlabError("no sample has both an entropy and a cosine", { context: CONTEXT });
      const data: PlotlyTrace[] = OUTCOMES.flatMap(([outcome, color]) => {
        const mine = usable.filter((r) => outcomeOf(r) === outcome);
        if (mine.length === 0) return [];
        return {
          type: "scatter", mode: "markers", name: `${outcome} (${mine.length})`,
          x: mine.map((r) => r.original_entropy), y: mine.map((r) => r.cosine),
          text: mine.map((r) => escapeHtml(`${r.model} ${r.technique}`)), marker: { color, size: 6, opacity: 0.8 },
        };
      });
      const mx = quantile(usable.map((r) => r.original_entropy), 0.5);
      const my = quantile(usable.map((r) => r.cosine), 0.5);
      const line = { color: "#555555", width: 1, dash: "dash" };
      return {
        data,
        layout: {
          title: { text: "Entropy vs nucleus cosine (dashed: medians)" },
          xaxis: { title: { text: "H/ln K, mean over the answer" } },
          yaxis: { title: { text: "nucleus cosine" } },
          showlegend: true,
          legend: { orientation: "h", y: -0.25 },
          shapes: [
            { type: "line", xref: "x", yref: "paper", x0: mx, x1: mx, y0: 0, y1: 1, line },
            { type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: my, y1: my, line },
          ],
        },
      };
    },
  };
}
