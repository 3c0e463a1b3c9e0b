/**
 * stabilityStudy: the stability study as one `Study` object — its name, its settings declared once
 * (`stabilityOptions`: flags, environment, config-file keys), `resolveStabilityConfig`, the analysis
 * (`analyzeStability`, streaming per_step.csv into the run's output folder), its output files
 * (summary.json with typed provenance, summary.md, summary.tex, per_file.csv), its figures
 * (`stabilityFigures`) and its terminal report. `logitlab stability`, `logitlab reproduce` and the
 * notebook (through `runStability`) all drive this object.
 *
 * @example
 * [stabilityStudy.name, stabilityStudy.options.length, stabilityStudy.switches.map((s) => s.flag).join(" ")]
 * // => ["stability", 7, "strict no-per-step"]
 */
import type { Study } from "../Study.js";
import { analyzeStability, type StabilityAnalysis } from "./analyzeStability.js";
import { stabilityFigures } from "./figures.js";
import { formatStabilityMarkdown } from "./formatStabilityMarkdown.js";
import { noComparisonCause } from "./noComparisonCause.js";
import { PER_FILE_COLUMNS, perFileRows } from "./perFileRows.js";
import { PerStepCsvWriter } from "./PerStepCsvWriter.js";
import { resolveStabilityConfig, type StabilityConfig, type StabilityConfigInput } from "./resolveStabilityConfig.js";
import { stabilityOptions } from "./stabilityOptions.js";
import { stabilityTableRows } from "./stabilityTableRows.js";
import type { SummaryNumber } from "./types.js";

/** Invalid files and warnings listed on the terminal; the rest are in summary.json. */
const SHOWN = 10;

export const stabilityStudy: Study<StabilityConfig, StabilityAnalysis> = {
  name: "stability",
  summary: "compare a reference run's token probabilities with a check run's",
  description: [
    "Compares the token probabilities of reference runs (files {\"execution_data\": [...]} in the reference",
    "folders) with a check run (check_machine_<name>.json files {\"check_data\": [...]} in the check folder):",
    "token agreement, epsilon |p_ref − p_check|, perplexity, top-K preservation and the margin analysis, over every",
    "step and over the steps before each pair's first divergence (the first step whose chosen ids differ).",
    "Without options it runs on the bundled example in data/stability/.",
  ].join("\n"),
  options: stabilityOptions,
  switches: [
    { key: "strict", flag: "strict", help: "exit with status 1 when any file is invalid (outputs are still written; a run that compares no pair exits 1 always)" },
    { key: "noPerStep", flag: "no-per-step", help: "skip per_step.csv" },
  ],
  outputsHelp: [
    "writes summary.json, summary.md, summary.tex (booktabs), per_file.csv and per_step.csv, and four figures,",
    "each as .json, .html and, with headless Chromium (see `logitlab info`), .svg and .png: epsilon_histogram,",
    "perplexity_scatter, topk_by_position, margin_distribution. An invalid file is listed with its reason",
    "under files.invalid and the run goes on.",
  ].join("\n"),
  examples: [
    "logitlab stability",
    "logitlab stability --reference runs/db_1 --reference runs/db_2 --check runs/db_13 --out results/mine",
    "BASE_DIRS=db_1,db_2,db_3 CHECK_DIR=db_13 K=10 logitlab stability --strict",
  ],
  resolveConfig: (input, sources) => resolveStabilityConfig(input as StabilityConfigInput, sources),
  async run(config, context) {
    const perStep = context.switches.noPerStep ? undefined : new PerStepCsvWriter(context.output.open("per_step.csv"));
    try {
      const analysis = await analyzeStability(config, { progress: context.progress, perStep });
      perStep?.commit();
      return analysis;
    } catch (error) {
      perStep?.abort();
      throw error;
    }
  },
  outputs(analysis, config) {
    return [
      { name: "summary.json", json: analysis.summary },
      { name: "summary.md", markdown: formatStabilityMarkdown(analysis.summary) },
      {
        name: "summary.tex",
        tex: {
          rows: stabilityTableRows(analysis.summary),
          options: {
            caption: `Stability: reference runs vs check run ($K = ${config.k}$, $M = ${config.m}$, cut-off $${config.cutoffTopP}$); ` +
              (config.untilDivergence ? "value: steps before each pair's first divergence, all\\_steps: every step" : "value: every step, before\\_divergence: steps before each pair's first divergence"),
            label: "tab:stability",
          },
        },
      },
      { name: "per_file.csv", csv: { rows: perFileRows(analysis.perFile), columns: PER_FILE_COLUMNS.map(([column]) => column) } },
    ];
  },
  figures: (analysis, config) => stabilityFigures(analysis.figures, config.k),
  report(analysis, config, switches) {
    const { summary } = analysis;
    const warnings: string[] = [];
    for (const entry of summary.files.invalid.slice(0, SHOWN)) warnings.push(`invalid ${entry.file}: ${entry.reason}`);
    if (summary.files.invalid.length > SHOWN) warnings.push(`… ${summary.files.invalid.length - SHOWN} more invalid files in summary.json`);
    for (const warning of summary.warnings.slice(0, SHOWN)) warnings.push(`warning: ${warning}`);
    if (summary.warnings.length > SHOWN) warnings.push(`… ${summary.warnings.length - SHOWN} more warnings in summary.json`);
    let exitCode = 0;
    const cause = noComparisonCause(summary.files);
    if (cause !== null) {
      // Nothing compared is never a result: fail with or without --strict.
      warnings.unshift(`nothing was compared (exit status 1): ${cause}`);
      exitCode = 1;
    }
    if (switches.strict && summary.files.invalid.length > 0) {
      warnings.push(`--strict: ${summary.files.invalid.length} invalid file(s)`);
      exitCode = 1;
    }
    const f = (x: SummaryNumber) => (typeof x === "number" ? Number(x.toPrecision(4)).toString() : x === null ? "n/a" : x);
    const { files, divergence } = summary;
    // The headline population: every step (positional), or with --until-divergence the steps before each pair's first divergence.
    const { steps, epsilon, perplexity, topk, margin } = config.untilDivergence ? summary.before_divergence : summary;
    const lines = [
      `files      ${files.compared}/${files.matched} pairs compared, ${files.invalid.length} invalid, ` +
        `${files.unmatched_reference.length} + ${files.unmatched_check.length} unmatched`,
      `divergence ${divergence.pairs_diverged}/${divergence.pairs} pairs diverge, first at step median ${f(divergence.first_step.median)}; ` +
        `${divergence.steps_before} steps before, ${divergence.agreeing_steps_after} agreeing steps after` +
        (config.untilDivergence ? " (headline below: steps before divergence)" : ` (ε max before divergence ${f(summary.before_divergence.epsilon.max)})`),
      `agreement  ${f(steps.token_agreement)} of ${steps.compared} steps`,
      `epsilon    mean ${f(epsilon.mean)}  median ${f(epsilon.median)}  p95 ${f(epsilon.p95)}  p99 ${f(epsilon.p99)}  max ${f(epsilon.max)}`,
      `perplexity reference ${f(perplexity.reference_mean)}  check ${f(perplexity.check_mean)}  ratio ${f(perplexity.ratio_mean)}`,
      `top-${config.k}      set ${f(topk.set_preservation_rate)}  order ${f(topk.order_preservation_rate)}  overlap ${f(topk.mean_overlap)}`,
      `margin     ${margin.changed_steps}/${margin.eligible_steps} eligible steps changed, boundary swaps ${f(margin.boundary_swap_fraction)}, AUC ${f(margin.auc)}`,
    ];
    return { lines, warnings, exitCode };
  },
};
