import { okabeIto } from "../../plot/theme.js";
import { escapeHtml } from "../../plot/escapeHtml.js";
import type { Figure, PlotlyTrace } from "../../plot/figure.js";
import { LogitlabError } from "../../util/errors.js";
import type { MeanStat, ReasoningAggregates, WordStats } from "./aggregateReasoningWords.js";
import type { ReasoningSample } from "./readReasoningData.js";
import type { SampleWordRecord } from "./sampleWordRecord.js";

/** What the figures need: the aggregates, each role's records and label source, the samples, the propensity mode. */
export interface ReasoningFigureInput {
  aggregates: ReasoningAggregates;
  models: { role: string; records: readonly SampleWordRecord[]; labelSource: string }[];
  samples: readonly ReasoningSample[];
  mode: "exact" | "firstTokenOnly";
}

const color = (i: number) => okabeIto[i % okabeIto.length];
const propensityOf = (stats: WordStats, mode: string): MeanStat => (mode === "exact" && stats.propensityExact ? stats.propensityExact : stats.propensityFirstToken);
const errorBars = (stats: MeanStat[]) => ({
  type: "data", symmetric: false, visible: true,
  array: stats.map((s) => (s.high === null || s.mean === null ? 0 : s.high - s.mean)),
  arrayminus: stats.map((s) => (s.low === null || s.mean === null ? 0 : s.mean - s.low)),
});
const hasData = (traces: PlotlyTrace[], what: string) => {
  const any = traces.some((t) => Array.isArray(t.y) && (t.y as unknown[]).some((v) => v !== null && Number.isFinite(v as number)));
  if (!any) throw new LogitlabError(`no ${what} to draw`, { context: "reasoning-words figures" });
  return traces;
};

/**
 * reasoningWordsFigures: the study's figures as Plotly specs, one thunk each (words, roles and
 * spellings escaped with `escapeHtml`; the propensity label says "exact" or "first-token-only"):
 *   - model_comparison: occurrence probability per word, grouped bars per model with 95% intervals;
 *   - level_analysis: propensity of any target word (summed) by level, a line per model (each word's line hidden in the legend);
 *   - correctness_comparison: propensity per word for correct and incorrect samples, per model (its label source named);
 *   - logits_heatmap: models × words, log10 of the mean propensity;
 *   - position_curves: propensity of any target word along the answer (20 bins of normalised position), per model;
 *   - position_entropy: mean entropy along the answer, per model;
 *   - target_token_probabilities: every occurrence's probability, per word and model (interactive: hover shows sample, level and spelling).
 * A figure without data throws LogitlabError (`runStudy` skips it with a note).
 *
 * Type: (input) → Record<name, () => Figure>.
 *
 * @example
 * const stat = { n: 1, mean: 0.5, low: null, high: null };
 * const stats = { occurrence: { ...stat, occurrences: 1 }, propensityExact: stat, propensityFirstToken: stat };
 * const model = { role: "base", samples: 1, positions: 2, meanEntropy: 1, forkingThreshold: 1, perWord: { so: stats }, byLevel: { "1": { so: stats } }, byCorrectness: { so: { correct: stats, incorrect: stats } }, forking: {}, alongAnswer: { entropy: [stat], propensity: { so: [stat] }, anyWord: [stat] } };
 * Object.keys(reasoningWordsFigures({ aggregates: { words: ["so"], bins: 1, models: [model] }, models: [{ role: "base", records: [], labelSource: "data" }], samples: [], mode: "exact" }))
 * // => ["model_comparison", "level_analysis", "correctness_comparison", "logits_heatmap", "position_curves", "position_entropy", "target_token_probabilities"]
 */
export function reasoningWordsFigures(input: ReasoningFigureInput): Record<string, () => Figure> {
  const { aggregates, mode } = input;
  const words = aggregates.words.map(escapeHtml);
  const roles = aggregates.models.map((m) => escapeHtml(m.role));
  const pLabel = mode === "exact" ? "propensity (exact)" : "propensity (first-token-only approximation)";
  const binCenters = Array.from({ length: aggregates.bins }, (_, b) => (b + 0.5) / aggregates.bins);
  return {
    model_comparison: () => ({
      data: hasData(aggregates.models.map((m, i) => {
        const stats = aggregates.words.map((w) => m.perWord[w].occurrence);
        return { type: "bar", name: roles[i], x: words, y: stats.map((s) => s.mean), error_y: errorBars(stats), marker: { color: color(i) }, customdata: stats.map((s) => s.n), hovertemplate: "%{x}: %{y:.3g} (samples %{customdata})<extra>" + roles[i] + "</extra>" };
      }), "occurrence"),
      layout: { title: { text: "Occurrence probability per word (95% CI over samples)" }, barmode: "group", xaxis: { title: { text: "word" } }, yaxis: { title: { text: "p(word | context), mean" } } },
    }),
    level_analysis: () => {
      const levels = [...new Set(input.samples.map((s) => s.level))].sort((a, b) => a - b);
      const traces: PlotlyTrace[] = [];
      aggregates.models.forEach((m, i) => {
        const sum = (level: number) => {
          const group = m.byLevel[String(level)];
          if (!group) return null;
          const values = aggregates.words.map((w) => propensityOf(group[w], mode).mean);
          return values.every((v) => v === null) ? null : values.reduce((a: number, v) => a + (v ?? 0), 0);
        };
        traces.push({ type: "scatter", mode: "lines+markers", name: `${roles[i]}: all words`, x: levels, y: levels.map(sum), line: { color: color(i) } });
        aggregates.words.forEach((w, k) => traces.push({ type: "scatter", mode: "lines+markers", name: `${roles[i]}: ${words[k]}`, x: levels, y: levels.map((level) => (m.byLevel[String(level)] ? propensityOf(m.byLevel[String(level)][w], mode).mean : null)), visible: "legendonly", line: { color: color(i), dash: "dot" } }));
      });
      return { data: hasData(traces, "level"), layout: { title: { text: `Reasoning words by level: ${pLabel}, summed over words` }, xaxis: { title: { text: "level" }, dtick: 1 }, yaxis: { title: { text: "mean propensity" } } } };
    },
    correctness_comparison: () => {
      const traces: PlotlyTrace[] = [];
      aggregates.models.forEach((m, i) => {
        for (const label of ["correct", "incorrect"] as const) {
          const stats = aggregates.words.map((w) => propensityOf(m.byCorrectness[w][label], mode));
          traces.push({ type: "bar", name: `${roles[i]}: ${label} (${escapeHtml(input.models[i]?.labelSource ?? "")})`, x: words, y: stats.map((s) => s.mean), error_y: errorBars(stats), customdata: stats.map((s) => s.n), marker: { color: color(i), opacity: label === "correct" ? 1 : 0.5 }, hovertemplate: "%{x}: %{y:.3g} (samples %{customdata})" });
        }
      });
      return { data: hasData(traces, "labelled sample"), layout: { title: { text: `${pLabel} by correctness (95% CI)` }, barmode: "group", xaxis: { title: { text: "word" } }, yaxis: { title: { text: "mean propensity" } } } };
    },
    logits_heatmap: () => {
      const z = aggregates.models.map((m) => aggregates.words.map((w) => {
        const mean = propensityOf(m.perWord[w], mode).mean;
        return mean !== null && mean > 0 ? Math.log10(mean) : null;
      }));
      if (!z.flat().some((v) => v !== null)) throw new LogitlabError("no propensity to draw", { context: "reasoning-words figures" });
      return {
        data: [{ type: "heatmap", x: words, y: roles, z, colorscale: "Viridis", colorbar: { title: { text: "log10" } }, hovertemplate: "%{y}, %{x}: 10^%{z:.2f}<extra></extra>" }],
        layout: { title: { text: `Models × words: log10 mean ${pLabel}` }, xaxis: { title: { text: "word" } }, yaxis: { title: { text: "model" } } },
      };
    },
    position_curves: () => {
      const traces: PlotlyTrace[] = [];
      aggregates.models.forEach((m, i) => {
        traces.push({ type: "scatter", mode: "lines+markers", name: `${roles[i]}: all words`, x: binCenters, y: m.alongAnswer.anyWord.map((s) => s.mean), line: { color: color(i) }, customdata: m.alongAnswer.anyWord.map((s) => s.n), hovertemplate: "%{x:.3f}: %{y:.3g} (positions %{customdata})" });
        aggregates.words.forEach((w, k) => traces.push({ type: "scatter", mode: "lines", name: `${roles[i]}: ${words[k]}`, x: binCenters, y: m.alongAnswer.propensity[w].map((s) => s.mean), visible: "legendonly", line: { color: color(i), dash: "dot" } }));
      });
      return { data: hasData(traces, "position"), layout: { title: { text: `Along the answer: ${pLabel}, summed over words` }, xaxis: { title: { text: "normalised position in the answer (20 bins)" }, range: [0, 1] }, yaxis: { title: { text: "mean propensity" } } } };
    },
    position_entropy: () => ({
      data: hasData(aggregates.models.map((m, i) => ({ type: "scatter", mode: "lines+markers", name: roles[i], x: binCenters, y: m.alongAnswer.entropy.map((s) => s.mean), line: { color: color(i) } })), "entropy"),
      layout: { title: { text: "Along the answer: entropy of the next-token distribution" }, xaxis: { title: { text: "normalised position in the answer (20 bins)" }, range: [0, 1] }, yaxis: { title: { text: "entropy (nats)" } } },
    }),
    target_token_probabilities: () => {
      const levelOf = new Map(input.samples.map((s) => [s.index, s.level]));
      const traces = input.models.map((m, i) => {
        const x: string[] = [];
        const y: number[] = [];
        const text: string[] = [];
        for (const record of m.records) {
          for (const word of record.words) {
            for (const o of word.occurrences) {
              x.push(escapeHtml(word.word));
              y.push(o.probability);
              text.push(`sample ${record.sample}, level ${levelOf.get(record.sample)}, token ${o.start}, ${escapeHtml(JSON.stringify(o.spelling))}`);
            }
          }
        }
        return { type: "box", name: roles[i], x, y, text, boxpoints: "all", jitter: 0.4, pointpos: 0, marker: { color: color(i), size: 4 }, hovertemplate: "%{text}<br>p = %{y:.3g}" } as PlotlyTrace;
      });
      return { data: hasData(traces, "occurrence"), layout: { title: { text: "Probability of every occurrence of a target word (chain rule, from the logits one position earlier)" }, boxmode: "group", xaxis: { title: { text: "word" } }, yaxis: { title: { text: "p(word | context)" }, type: "log" } } };
    },
  };
}
