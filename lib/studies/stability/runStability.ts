/**
 * runStability: the stability study end to end through the study contract (`runStudy` over
 * `stabilityStudy`): analyse, then write summary.json, summary.md, summary.tex, per_file.csv and
 * per_step.csv — and the four figures when `figures` asks for them — into `config.outDir`, the whole
 * set staged beside it and swapped in at the end (a re-run never leaves old and new files mixed).
 * For notebooks and programs; `logitlab stability` runs the same object.
 *
 * Type: (StabilityConfig, options) → Promise<StabilityResult>: the summary, the per-file rows, the
 * figure data (for `stabilityFigures`), the paths written and any notes (figures skipped).
 *
 * @example
 * const dir = `${(await import("node:fs")).mkdtempSync("/tmp/logitlab-stab-")}/out`;
 * (await runStability(resolveStabilityConfig({ out: dir }), { progress: "silent" })).summary.files.invalid.length
 * // => 0
 */
import { join } from "node:path";
import type { FigureFormat } from "../../io/OutputFolder.js";
import type { Figure } from "../../plot/figure.js";
import type { ProgressMode } from "../../util/progress.js";
import { runStudy } from "../runStudy.js";
import type { StabilityAnalysis } from "./analyzeStability.js";
import type { StabilityConfig } from "./resolveStabilityConfig.js";
import { stabilityStudy } from "./stabilityStudy.js";

export interface StabilityRunOptions {
  /** Progress display (default "auto": a terminal line or a notebook display, else silent). */
  progress?: ProgressMode;
  /** Write per_step.csv (default true). */
  perStep?: boolean;
  /** Figure files to write (default none here; true = svg, png and html, as the CLI writes). */
  figures?: boolean | readonly FigureFormat[];
}

export interface StabilityResult extends StabilityAnalysis {
  /** Paths of the tables written. */
  outputs: { summaryJson: string; summaryMarkdown: string; summaryTex: string; perFileCsv: string; perStepCsv?: string };
  /** Every path written, figures included. */
  written: string[];
  /** The figure specs written (empty without `figures`). */
  figureSpecs: Record<string, Figure>;
  /** Figures or files skipped, and why. */
  notes: string[];
}

export async function runStability(config: StabilityConfig, options: StabilityRunOptions = {}): Promise<StabilityResult> {
  const run = await runStudy(stabilityStudy, config, {
    progress: options.progress, switches: { noPerStep: options.perStep === false }, figures: options.figures ?? false, keepResult: true,
  });
  const out = (name: string) => join(config.outDir, name);
  return {
    ...(run.result as StabilityAnalysis),
    outputs: {
      summaryJson: out("summary.json"), summaryMarkdown: out("summary.md"), summaryTex: out("summary.tex"), perFileCsv: out("per_file.csv"),
      perStepCsv: options.perStep === false ? undefined : out("per_step.csv"),
    },
    written: run.written,
    figureSpecs: run.figures,
    notes: run.notes,
  };
}
