/**
 * reasoningWordsStudy: the reasoning-words study as one `Study` object — how baseline, SFT (and RL)
 * models weigh "wait", "aha", "check", "so" … when they read worked solutions. Settings in
 * `reasoningWordsOptions`, the analysis `analyzeReasoningWords` (cached per model), outputs
 * (analysis_results.json with every aggregate and its n, summary.json with provenance, per_position.csv,
 * word_tokens.csv, judged.csv with --judge), the dashboard.html written during the run, figures
 * (`reasoningWordsFigures`) and the terminal report. `logitlab reasoning-words`, `logitlab reproduce`
 * and notebooks/reasoning-words.ipynb drive this object.
 *
 * @example
 * [reasoningWordsStudy.name, reasoningWordsStudy.options.length, reasoningWordsStudy.switches.map((s) => s.flag)]
 * // => ["reasoning-words", 11, ["force"]]
 */
import type { Figure } from "../../plot/figure.js";
import { LogitlabError } from "../../util/errors.js";
import type { Study } from "../Study.js";
import { analyzeReasoningWords, type ReasoningWordsResult } from "./analyzeReasoningWords.js";
import { reasoningWordsFigures } from "./figures.js";
import { perPositionRows } from "./perPositionRows.js";
import { reasoningDashboardHtml, type DashboardTable } from "./reasoningDashboardHtml.js";
import { reasoningWordsOptions } from "./reasoningWordsOptions.js";
import { resolveReasoningWordsConfig, type ReasoningWordsConfig, type ReasoningWordsConfigInput } from "./resolveReasoningWordsConfig.js";

const fmt = (x: number | null) => (x === null ? "–" : Number(x.toPrecision(3)).toString());

/** The figures of a result. */
function figuresOf(result: ReasoningWordsResult, config: ReasoningWordsConfig): Record<string, () => Figure> {
  return reasoningWordsFigures({ aggregates: result.aggregates, models: result.models.map((m) => ({ role: m.role, records: m.scores.records, labelSource: m.labelSource })), samples: result.data.samples, mode: config.mode });
}

/** The summary table (per model and word), as the dashboard and summary.json show it. */
function reasoningSummaryRows(result: ReasoningWordsResult): (string | number | null)[][] {
  return result.aggregates.models.flatMap((m) => result.aggregates.words.map((word) => {
    const s = m.perWord[word];
    const f = m.forking[word];
    return [m.role, word, s.occurrence.mean, s.occurrence.n, s.occurrence.occurrences, s.propensityExact?.mean ?? null, s.propensityFirstToken.mean, s.propensityFirstToken.n, f.forking.propensity, f.rest.propensity];
  }));
}
const SUMMARY_COLUMNS = ["model", "word", "occurrence p (mean)", "samples with word", "occurrences", "propensity exact", "propensity first-token-only", "samples", "propensity at forking", "propensity elsewhere"];

export const reasoningWordsStudy: Study<ReasoningWordsConfig, ReasoningWordsResult> = {
  name: "reasoning-words",
  summary: "how models in different roles (baseline, SFT, RL) weigh reasoning words such as \"wait\" and \"check\"",
  description: [
    "Each model reads worked solutions by teacher forcing (a system line, Query:, Answer:). For the words wait, aha,",
    "check, think, hmm, let, actually, however, so and therefore it records, from the logits one position before:",
    "the occurrence probability of each whole-word occurrence (every spelling variant, multi-token words by the chain",
    "rule) and at every position the propensity (the probability that the next word is the target word; exact, and the",
    "first-token-only approximation), with the entropy, forking positions (above the model's 80th percentile), and",
    "aggregates per word, level, correctness and position. Without options it compares the bundled stand-ins:",
    "baseline=tiny-llama-256 (standing in for Qwen2.5-Math-7B) and sft=tiny-llama-256-sft (for DeepSeek-R1-Distill-Qwen-7B),",
    "on data/reasoning-words/sample.jsonl. Add an RL checkpoint with --model rl=PATH. Results are cached per model in <out>/cache.",
  ].join("\n"),
  options: reasoningWordsOptions,
  switches: [{ key: "force", flag: "force", help: "recompute every model instead of reading <out>/cache" }],
  outputsHelp: [
    "writes analysis_results.json (every aggregate with n), summary.json (provenance), per_position.csv, word_tokens.csv,",
    "judged.csv (with --judge), dashboard.html (self-contained, offline) and the figures model_comparison, level_analysis,",
    "correctness_comparison, logits_heatmap, position_curves, position_entropy, target_token_probabilities (.json, .html,",
    "and with headless Chromium .svg, .png, .pdf); keeps cache/.",
  ].join("\n"),
  examples: [
    "logitlab reasoning-words",
    "logitlab reasoning-words --model baseline=~/m/Qwen2.5-Math-7B --model sft=~/m/R1-Distill-Qwen-7B --model rl=~/m/rl.gguf --data my.jsonl --judge --labels-from baseline",
  ],
  resolveConfig: (input, sources) => resolveReasoningWordsConfig(input as ReasoningWordsConfigInput, sources),
  async run(config, context) {
    const result = await analyzeReasoningWords(config, { progress: context.progress, force: context.switches.force === true });
    const figures: Record<string, Figure> = {};
    const notes: string[] = [];
    for (const [name, build] of Object.entries(figuresOf(result, config))) {
      try {
        figures[name] = build();
      } catch (error) {
        if (!(error instanceof LogitlabError)) throw error;
        notes.push(`figure ${name} skipped: ${error.message}`);
      }
    }
    const mapping: DashboardTable = {
      caption: "Word → tokens in each model's tokenizer (every spelling variant; several tokens are read by the chain rule)",
      columns: ["model", "word", "spelling", "tokens", "ids"],
      rows: result.models.flatMap((m) => m.mapping.flatMap((w) => w.variants.map((v) => [m.role, w.word, JSON.stringify(v.spelling), v.tokens.map((t) => JSON.stringify(t)).join(" + "), v.ids.join(" ")]))),
    };
    const intro = [
      `Data: ${result.data.file}, ${result.data.samples.length} samples. Models: ${result.models.map((m) => `${m.role} = ${m.path} (${m.info.engine}, ${m.scores.path}; labels: ${m.labelSource})`).join("; ")}.`,
      `Propensity mode: ${config.mode}${config.mode === "exact" ? " (chain rule over every token of every variant); the first-token-only approximation is shown beside it" : " (first-token-only approximation: an upper bound of the exact value)"}.`,
      "Every probability of a word comes from the logits one position before it; forking positions are those whose entropy is above the model's 80th percentile.",
    ];
    context.output.writeText("dashboard.html", reasoningDashboardHtml("Reasoning words: how models weigh \"wait\", \"check\", \"so\" …", intro, [{ caption: "Summary per model and word", columns: SUMMARY_COLUMNS, rows: reasoningSummaryRows(result) }, mapping], figures, [...result.warnings, ...notes]));
    return result;
  },
  outputs(result) {
    const judged = result.models.flatMap((m) => (m.judged ?? []).map((j) => ({ model: m.role, sample: j.sample, boxed: j.boxed, value: j.value, reference: j.reference, correct: j.correct, text: j.text })));
    return [
      { name: "analysis_results.json", json: { ...result.aggregates, labels: result.models.map((m) => ({ role: m.role, source: m.labelSource, correct: m.labels.filter((l) => l === true).length, incorrect: m.labels.filter((l) => l === false).length, unlabelled: m.labels.filter((l) => l === null).length })), word_tokens: result.models.map((m) => ({ role: m.role, words: m.mapping, unspellable: m.unspellable })), warnings: result.warnings, provenance: result.provenance } },
      { name: "summary.json", json: { study: "reasoning-words", columns: SUMMARY_COLUMNS, rows: reasoningSummaryRows(result), provenance: result.provenance } },
      { name: "per_position.csv", csv: { rows: perPositionRows(result) } },
      { name: "word_tokens.csv", csv: { rows: result.models.flatMap((m) => m.mapping.flatMap((w) => w.variants.map((v) => ({ model: m.role, word: w.word, spelling: v.spelling, tokens: v.tokens.join(" "), ids: v.ids.join(" ") })))) } },
      ...(judged.length ? [{ name: "judged.csv", csv: { rows: judged } }] : []),
    ];
  },
  figures: (result, config) => figuresOf(result, config),
  report(result) {
    const lines = [`samples    ${result.data.samples.length} from ${result.data.file}`];
    for (const m of result.aggregates.models) {
      const model = result.models.find((x) => x.role === m.role)!;
      const any = m.alongAnswer.anyWord.filter((s) => s.mean !== null);
      const meanAny = any.length ? any.reduce((a, s) => a + s.mean! * s.n, 0) / any.reduce((a, s) => a + s.n, 0) : null;
      lines.push(`${m.role.padEnd(10)} ${model.scores.records.length} scored${model.cached.scores ? " (cached)" : ""}, mean entropy ${fmt(m.meanEntropy)}, mean propensity of any target word ${fmt(meanAny)}, p("wait") where it occurs ${fmt(m.perWord.wait?.occurrence.mean ?? null)}`);
    }
    return { lines, warnings: result.warnings, exitCode: 0 };
  },
};
