/**
 * correlationStudy: issue #10's study A as one `Study` object — is the entropy of the distribution a
 * token is sampled from correlated with the mean pairwise cosine of the top-p tokens' input embeddings?
 * Settings in `correlationOptions` (--model and --dataset repeatable, for a models × datasets grid),
 * the run `runCorrelation` (generation on any engine, per-step quantities `stepStatistics`, analysis
 * `analyzeCell`), outputs (per cell steps.csv + prompts.jsonl; correlation_stats.csv / .tex, fits.csv,
 * per_prompt_r.csv, summary.json with provenance, summary.md with the published table beside the run),
 * figures (`correlationFigures`: correlation.{png,svg,pdf}, per_prompt_r) and the terminal report.
 * `--force` regenerates cells the cache already holds.
 *
 * @example
 * [correlationStudy.name, correlationStudy.switches.map((s) => s.flag)]
 * // => ["correlation", ["force", "parquet"]]
 */
import type { Study } from "../Study.js";
import { correlationFigures } from "./figures.js";
import { correlationOptions } from "./correlationOptions.js";
import { correlationTables } from "./correlationTables.js";
import { PUBLISHED_CORRELATION, PUBLISHED_FIT_RANGES } from "./publishedBaseline.js";
import { resolveCorrelationConfig, type CorrelationConfig, type CorrelationConfigInput } from "./resolveCorrelationConfig.js";
import { runCorrelation, type CorrelationResult } from "./runCorrelation.js";

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "–");
const interval = (low: number, high: number) => (Number.isFinite(low) && Number.isFinite(high) ? `[${fmt(low)}, ${fmt(high)}]` : "–");

function summaryOf(result: CorrelationResult) {
  return {
    cells: result.cells.map((c) => ({
      model: c.model, dataset: c.dataset, engine: c.engine, dataset_kind: c.datasetKind, cached: c.cached,
      prompts: c.prompts.length, steps: c.steps.length, points: c.analysis.points, dropped_one_token: c.analysis.dropped,
      context_stops: c.prompts.filter((p) => p.stop_reason === "context").length,
      skipped_prompts: c.prompts.filter((p) => p.stop_reason === "error").length,
      nucleus: { filtered: c.analysis.filtered, all: c.analysis.all },
      full: { filtered: c.analysis.fullFiltered, all: c.analysis.fullAll },
      fit: c.analysis.fit,
      per_prompt_r: { prompts: c.analysis.perPrompt.length, skipped: c.analysis.perPromptSkipped, median: median(c.analysis.perPrompt.map((p) => p.r)) },
    })),
    warnings: result.warnings,
    published: { correlation: PUBLISHED_CORRELATION, fit_ranges: PUBLISHED_FIT_RANGES, note: "the paper's numbers (100 prompts × 100 tokens, p = 0.9, fp16; every dataset column used writingprompts prompts)" },
    provenance: result.provenance,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function markdown(result: CorrelationResult): string {
  const lines = [
    "# Entropy vs top-p cosine similarity", "",
    "Pearson r / Spearman ρ of nucleus entropy vs nucleus cosine, the original's filter (entropy = 0 and cosine = 1 dropped), with 95% bootstrap intervals resampling whole prompts:", "",
    "| model | dataset | n | r | r 95% CI | ρ | ρ 95% CI | r (full entropy) | ρ (full entropy) |",
    "|---|---|---:|---:|---|---:|---|---:|---:|",
    ...result.cells.map((c) => {
      const f = c.analysis.filtered;
      const g = c.analysis.fullFiltered;
      return `| ${c.model} | ${c.dataset} | ${f.n} | ${fmt(f.r)} | ${interval(f.rLow, f.rHigh)} | ${fmt(f.rho)} | ${interval(f.rhoLow, f.rhoHigh)} | ${fmt(g.r)} | ${fmt(g.rho)} |`;
    }),
    "", "Published (the paper's numbers, not this run; 100 prompts × 100 tokens, p = 0.9, fp16; every column used writingprompts prompts):", "",
    "| model | gsm8k | writingprompts | xsum |", "|---|---|---|---|",
    ...PUBLISHED_CORRELATION.map((row) => `| ${row.model} | ${row.gsm8k.map(fmt).join(" / ")} | ${row.writingprompts.map(fmt).join(" / ")} | ${row.xsum.map(fmt).join(" / ")} |`),
  ];
  if (result.warnings.length > 0) lines.push("", "Warnings:", "", ...result.warnings.map((w) => `- ${w}`));
  return lines.join("\n") + "\n";
}

export const correlationStudy: Study<CorrelationConfig, CorrelationResult> = {
  name: "correlation",
  summary: "entropy of the top-p nucleus vs the mean pairwise cosine of its tokens' input embeddings (issue #10, study A)",
  description: [
    "Generates from each prompt of each dataset by sampling the renormalised top-p nucleus at temperature 1",
    "(seeded), and records per step the nucleus entropy, the full entropy, the nucleus size and the mean",
    "pairwise cosine of the nucleus tokens' input embeddings. Then, per model × dataset: Pearson and Spearman",
    "(one-token nuclei dropped, as the original), 50-bin medians, the unimodal fit a·x·exp(−b·x) + c, and",
    "95% intervals from a bootstrap over whole prompts. Defaults: the bundled tiny models and prompt samples",
    "in a miniature setting (their context is 64 tokens). Finished grid cells are cached; --force reruns them.",
  ].join("\n"),
  options: correlationOptions,
  switches: [
    { key: "force", flag: "force", help: "regenerate grid cells the cache already holds" },
    { key: "parquet", flag: "parquet", help: "write each cell's steps.parquet beside steps.csv" },
  ],
  outputsHelp: [
    "writes <model>/<dataset>/steps.csv (with --parquet also steps.parquet; prompt, step, token_id, nucleus_entropy, full_entropy, cosine,",
    "nucleus_size, truncated, covered_mass, nucleus_covered) and prompts.jsonl (ids, text, token ids, seed,",
    "stop reason) per grid cell; correlation_stats.csv (long form), correlation_stats.tex (booktabs), fits.csv,",
    "per_prompt_r.csv, summary.json (with provenance), summary.md, and the figures correlation and per_prompt_r",
    "(.json, .html and, with headless Chromium, .svg, .png, .pdf); cache/ keeps finished cells.",
  ].join("\n"),
  examples: [
    "logitlab correlation",
    "logitlab correlation --model ~/models/Llama-3.1-8B --model ~/models/Qwen3-8B --dataset ~/data/gsm8k --dataset ~/data/xsum --prompts 100 --max-tokens 100",
    "logitlab correlation --model http://localhost:8000/v1 --concurrency 8 --dataset data/prompts/writingprompts",
  ],
  resolveConfig: (input, sources) => resolveCorrelationConfig(input as CorrelationConfigInput, sources),
  run: (config, context) => runCorrelation(config, { output: context.output, progress: context.progress, force: context.switches.force === true, parquet: context.switches.parquet === true }),
  outputs(result) {
    const tables = correlationTables(result);
    return [
      { name: "correlation_stats.csv", csv: { rows: tables.stats } },
      { name: "correlation_stats.tex", tex: { rows: tables.tex, options: { caption: "Pearson $r$ / Spearman $\\rho$ of nucleus entropy vs nucleus cosine (one-token nuclei dropped)", label: "tab:correlation" } } },
      { name: "fits.csv", csv: { rows: tables.fits } },
      { name: "per_prompt_r.csv", csv: { rows: tables.perPrompt, columns: ["model", "dataset", "prompt", "n", "r"] } },
      { name: "summary.json", json: summaryOf(result) },
      { name: "summary.md", markdown: markdown(result) },
    ];
  },
  figures: (result) => correlationFigures(result),
  report(result) {
    const lines = result.cells.map((c) => {
      const f = c.analysis.filtered;
      return `${`${c.model} × ${c.dataset}`.padEnd(32)} n ${String(f.n).padStart(5)}  r ${fmt(f.r)} ${interval(f.rLow, f.rHigh)}  ρ ${fmt(f.rho)} ${interval(f.rhoLow, f.rhoHigh)}${c.cached ? "  (cached)" : ""}`;
    });
    return { lines, warnings: result.warnings, exitCode: 0 };
  },
};
