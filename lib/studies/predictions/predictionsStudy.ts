/**
 * predictionsStudy: the token-predictions study as one `Study` object — how probable each model found
 * every token of a text. Settings in `predictionsOptions` (--model, repeatable; --text; --out;
 * --engine), the analysis `analyzePredictions` (one teacher-forced pass per model, on any engine), outputs (token_logprobs.csv, summary.json
 * with provenance, summary.md with the tokens the first two models disagree on most), figures
 * (`predictionsFigures`) and the terminal report. `logitlab predictions`, `logitlab reproduce` and the
 * notebook drive this object.
 *
 * @example
 * [predictionsStudy.name, predictionsStudy.options.length]
 * // => ["predictions", 5]
 */
import { pearson } from "../../stats/pearson.js";
import type { Study } from "../Study.js";
import { analyzePredictions, type PredictionsAnalysis } from "./analyzePredictions.js";
import { disagreementRows } from "./disagreementRows.js";
import { predictionsFigures } from "./figures.js";
import { predictionRows } from "./predictionRows.js";
import { predictionsOptions } from "./predictionsOptions.js";
import { RANK_BUCKETS, rankBucket } from "./rankBucket.js";
import { resolvePredictionsConfig, type PredictionsConfig, type PredictionsConfigInput } from "./resolvePredictionsConfig.js";

/**
 * predictionsPearson: Pearson r of the first two models' log-probabilities over the predicted tokens
 * t ≥ 1 (`pearson`), or null (one model, fewer than 3 predicted tokens, constant values, a non-finite log p).
 *
 * @example
 * predictionsPearson({ models: [{ logProbs: [NaN, -1, -2, -3] }, { logProbs: [NaN, -2, -4, -6] }] })
 * // => 1
 */
export function predictionsPearson(analysis: Pick<PredictionsAnalysis, "models">): number | null {
  if (analysis.models.length < 2) return null;
  try {
    const [a, b] = analysis.models.map((m) => Array.from(m.logProbs).slice(1));
    const r = pearson(a, b).r;
    return Number.isFinite(r) ? r : null;
  } catch {
    return null;
  }
}

/**
 * predictionsSummary: what summary.json holds — per model the mean log p over t ≥ 1, the perplexity
 * exp(−mean log p), the mean entropy and the GLTR bucket counts; the token counts, Pearson r of the
 * first two models (`predictionsPearson`) and the provenance. Needs a whole analysis, so its run is
 * in test/studies/predictions (reference.test.ts reads the summary.json it makes).
 */
export function predictionsSummary(analysis: PredictionsAnalysis) {
  const models = analysis.models.map((m) => {
    const lp = Array.from(m.logProbs).filter((v) => !Number.isNaN(v));
    const h = Array.from(m.entropy).filter((v) => !Number.isNaN(v));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const buckets = Object.fromEntries(RANK_BUCKETS.map((b) => [b, 0]));
    for (const rank of m.ranks) if (!Number.isNaN(rank)) buckets[RANK_BUCKETS[rankBucket(rank)]]++;
    return { name: m.name, dir: m.dir, mean_logprob: mean(lp), perplexity: Math.exp(-mean(lp)), mean_entropy: mean(h), rank_buckets: buckets };
  });
  return { tokens: analysis.ids.length, predicted_tokens: analysis.ids.length - 1, pearson_r_first_two: predictionsPearson(analysis), models, provenance: analysis.provenance };
}

const fmt = (x: number) => Number(x.toPrecision(4)).toString();

export const predictionsStudy: Study<PredictionsConfig, PredictionsAnalysis> = {
  name: "predictions",
  summary: "how probable each model found every token of a text (log p, rank, entropy)",
  description: [
    "Runs each model (one family, one tokenizer) over a text and records, for every token t ≥ 1, the",
    "log-probability and rank the model gave it from the logits at t − 1, and the entropy of that prediction.",
    "Without options it compares the bundled tiny-gpt2-small and tiny-gpt2-large on a paragraph about",
    "correlation coefficients. The text must fit the models' context (64 tokens for the bundled models).",
  ].join("\n"),
  options: predictionsOptions,
  switches: [],
  outputsHelp: [
    "writes token_logprobs.csv (index, token, id, and per model <model>_logprob, <model>_rank, <model>_entropy;",
    "nats), summary.json (with provenance), summary.md, and six figures, each as .json, .html and, with",
    "headless Chromium, .svg, .png and .pdf: logprob_by_token, logprob_scatter, token_heatmap, gltr_tokens,",
    "gltr_histogram, surprisal_entropy.",
  ].join("\n"),
  examples: [
    "logitlab predictions",
    "logitlab predictions --model ~/models/gpt2 --model ~/models/gpt2-large --text my.txt --out results/gpt2",
  ],
  resolveConfig: (input, sources) => resolvePredictionsConfig(input as PredictionsConfigInput, sources),
  run: (config) => analyzePredictions(config),
  outputs(analysis) {
    const table = predictionRows(analysis);
    const summary = predictionsSummary(analysis);
    const lines = [
      "# Token predictions", "",
      `${summary.tokens} tokens, ${summary.predicted_tokens} predicted (the first has no prediction).`, "",
      "| model | mean log p | perplexity | mean entropy | " + RANK_BUCKETS.join(" | ") + " |",
      "|---|---:|---:|---:|" + RANK_BUCKETS.map(() => "---:").join("|") + "|",
      ...summary.models.map((m) => `| ${m.name} | ${fmt(m.mean_logprob)} | ${fmt(m.perplexity)} | ${fmt(m.mean_entropy)} | ${RANK_BUCKETS.map((b) => m.rank_buckets[b]).join(" | ")} |`),
    ];
    if (analysis.models.length >= 2) {
      const [a, b] = analysis.models;
      lines.push("", `Pearson r of log p, ${a.name} vs ${b.name}: ${summary.pearson_r_first_two === null ? "undefined" : fmt(summary.pearson_r_first_two)}`, "",
        `Tokens where they disagree most (difference = ${b.name} − ${a.name}, nats):`, "",
        "| index | token | " + `${a.name} | ${b.name} | difference |`, "|---:|---|---:|---:|---:|",
        ...disagreementRows(analysis.tokens, a.logProbs, b.logProbs, 10).map((r) => `| ${r.index} | \`${JSON.stringify(r.token).slice(1, -1).replace(/[|`]/g, "\\$&")}\` | ${fmt(r.a)} | ${fmt(r.b)} | ${fmt(r.difference)} |`));
    }
    return [
      { name: "token_logprobs.csv", csv: table },
      { name: "summary.json", json: summary },
      { name: "summary.md", markdown: lines.join("\n") + "\n" },
    ];
  },
  figures: (analysis) => predictionsFigures({ tokens: analysis.tokens, models: analysis.models, r: predictionsPearson(analysis) }),
  report(analysis) {
    const summary = predictionsSummary(analysis);
    const lines = [
      `tokens     ${summary.tokens} (${summary.predicted_tokens} predicted)`,
      ...summary.models.map((m) => `${m.name.padEnd(10)} mean log p ${fmt(m.mean_logprob)}  perplexity ${fmt(m.perplexity)}  top-10 ${m.rank_buckets["top-10"]}`),
    ];
    if (summary.pearson_r_first_two !== null) lines.push(`pearson r  ${fmt(summary.pearson_r_first_two)}`);
    return { lines, warnings: [], exitCode: 0 };
  },
};
