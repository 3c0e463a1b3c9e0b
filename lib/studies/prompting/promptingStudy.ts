/**
 * promptingStudy: the prompting study as one `Study` object — GSM8K-style accuracy by prompting
 * technique (baseline, chain of thought, chain of draft) and whether token entropy and nucleus cosine
 * tell correct answers from wrong ones. Settings in `promptingOptions` (defaults: `PROMPTING_DEFAULTS`),
 * the analysis `runPrompting`, outputs evaluation_results.csv (`EVALUATION_COLUMNS`),
 * buggy_prompts_to_rerun.csv, evaluation_summary.json (statistics, counts, provenance) and
 * evaluation_summary.md, summary.json (the contract's provenance file), figures `promptingFigures`. The switch `--rerun-buggy` regenerates only the
 * listed buggy samples of the previous run in the output folder and merges them in.
 *
 * @example
 * [promptingStudy.name, promptingStudy.switches.map((s) => s.flag)]
 * // => ["prompting", ["rerun-buggy"]]
 */
import type { Study } from "../Study.js";
import { BUGGY_COLUMNS, buggyPromptRows } from "./buggyPromptRows.js";
import { EVALUATION_COLUMNS } from "./evaluationRow.js";
import { promptingFigures } from "./figures.js";
import { promptingOptions } from "./promptingOptions.js";
import { PROMPTING_DEFAULTS } from "./promptingPresets.js";
import { resolvePromptingConfig, type PromptingConfig, type PromptingConfigInput } from "./resolvePromptingConfig.js";
import { runPrompting, type PromptingAnalysis } from "./runPrompting.js";

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);
const interval = (i: readonly [number, number] | null) => (i === null ? "" : ` [${pct(i[0])}, ${pct(i[1])}]`);

/** evaluation_summary.json: statistics, run counts and provenance. */
function summaryJson(analysis: PromptingAnalysis, config: PromptingConfig) {
  return {
    defaults_preset: PROMPTING_DEFAULTS.name,
    generated: analysis.generated,
    context_stops: analysis.contextStops,
    prompt_too_long: analysis.promptTooLong,
    rerun: analysis.rerun,
    warnings: analysis.warnings,
    techniques: config.techniques,
    budgets: config.budgets,
    ...analysis.summary,
    provenance: analysis.provenance,
  };
}

export const promptingStudy: Study<PromptingConfig, PromptingAnalysis> = {
  name: "prompting",
  summary: "GSM8K accuracy by prompting technique (baseline, CoT, CoD) and whether entropy and cosine flag wrong answers",
  description: [
    "Asks each model every problem with a few-shot prompt per technique (worked exemplars ending in \"#### n\", the",
    "technique's instruction, the question), samples the answer with nucleus p = 0.95 on any engine (--model:",
    "safetensors folder, .gguf, OpenAI-compatible URL, dump), extracts the number strictly as the original study",
    "(JSON; #### then JSON) and robustly beside it, and records per sample the original's entropy (top-p entropy / ln K",
    "averaged over the answer), the full entropy and the nucleus cosine. Reports accuracy as correct/(N - buggy) and",
    "correct/N with Wilson intervals, McNemar between techniques, AUROC of each score for a wrong answer and accuracy",
    "by entropy decile. Without options it runs a miniature of the method on the bundled 64-token tiny-llama",
    "(1 exemplar, budgets 6/12/8, 20 problems); --shots 8 --baseline-tokens 30 --cot-tokens 1200 --cod-tokens 800",
    "with a long-context model and GSM8K's test.jsonl is the original.",
  ].join("\n"),
  options: promptingOptions,
  switches: [{ key: "rerunBuggy", flag: "rerun-buggy", help: "regenerate only the samples listed in the output folder's buggy_prompts_to_rerun.csv (edit it to choose; --techniques is not used) and merge them, both attempts kept; give the previous run's --model, --data and --questions" }],
  outputsHelp: [
    "writes evaluation_results.csv (one row per model, technique, question and attempt), buggy_prompts_to_rerun.csv,",
    "evaluation_summary.json (with provenance), evaluation_summary.md, summary.json (provenance), and the figures accuracy, uncertainty_violins",
    "and entropy_cosine, each as .json, .html and, with headless Chromium, .svg, .png and .pdf.",
  ].join("\n"),
  examples: [
    "logitlab prompting",
    "logitlab prompting --model ~/models/Qwen3-8B --data gsm8k/test.jsonl --prompts data/prompts/prompting/techniques.json --shots 8 --baseline-tokens 30 --cot-tokens 1200 --cod-tokens 800",
    "logitlab prompting --model http://127.0.0.1:8000/v1 --concurrency 8 --rerun-buggy",
  ],
  resolveConfig: (input, sources) => resolvePromptingConfig(input as PromptingConfigInput, sources),
  run: (config, context) => runPrompting(config, { progress: context.progress, rerunBuggy: context.switches.rerunBuggy === true }),
  outputs(analysis, config) {
    const summary = summaryJson(analysis, config);
    const lines = [
      "# Prompting: accuracy by technique", "",
      `${analysis.generated} samples generated; ${analysis.contextStops} stopped at the context, ${analysis.promptTooLong} prompts longer than the context.`, "",
      "| model | technique | N | buggy | correct | correct/(N − buggy) (original) | correct/N | robust correct/N |",
      "|---|---|---:|---:|---:|---|---|---|",
      ...analysis.summary.models.flatMap((m) => m.techniques.map((t) =>
        `| ${m.model.replace(/[|`]/g, "\\$&")} | ${t.technique} | ${t.strict.n} | ${t.strict.buggy} | ${t.strict.correct} | ${pct(t.strict.accuracy_original)}${interval(t.strict.accuracy_original_interval)} | ${pct(t.strict.accuracy_all)}${interval(t.strict.accuracy_all_interval)} | ${pct(t.robust.accuracy_all)}${interval(t.robust.accuracy_all_interval)} |`)),
      "", "Intervals: 95% Wilson.", "",
    ];
    return [
      { name: "evaluation_results.csv", csv: { rows: analysis.rows as never, columns: EVALUATION_COLUMNS } },
      { name: "buggy_prompts_to_rerun.csv", csv: { rows: buggyPromptRows(analysis.rows) as never, columns: BUGGY_COLUMNS } },
      { name: "evaluation_summary.json", json: summary },
      { name: "evaluation_summary.md", markdown: lines.join("\n") },
      // The contract's summary.json: the provenance by which OutputFolder knows this folder as logitlab's.
      { name: "summary.json", json: { study: "prompting", results: "evaluation_summary.json", provenance: analysis.provenance } },
    ];
  },
  figures: (analysis) => promptingFigures(analysis.rows, analysis.summary),
  report(analysis) {
    const lines = analysis.summary.models.flatMap((m) => m.techniques.map((t) =>
      `${m.model}  ${t.technique.padEnd(8)}  correct ${t.strict.correct}/${t.strict.n} (buggy ${t.strict.buggy}; original ${pct(t.strict.accuracy_original)})  robust ${t.robust.correct}/${t.robust.n}`));
    lines.push(`samples    ${analysis.generated} generated, ${analysis.contextStops} stopped at the context, ${analysis.promptTooLong} prompts too long`);
    if (analysis.rerun) lines.push(`rerun      ${analysis.rerun.regenerated} of ${analysis.rerun.listed} listed regenerated, ${analysis.rerun.fixed} no longer buggy`);
    return { lines, warnings: analysis.warnings, exitCode: 0 };
  },
};
