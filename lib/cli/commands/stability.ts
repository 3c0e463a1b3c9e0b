import { join } from "node:path";
import { parseArgs } from "node:util";
import { closeBrowser } from "../../plot/browser.js";
import { histogramFigure } from "../../plot/builders/histogramFigure.js";
import { lineFigure } from "../../plot/builders/lineFigure.js";
import { scatterFigure } from "../../plot/builders/scatterFigure.js";
import { saveFigureFiles } from "../../plot/export.js";
import type { Figure } from "../../plot/figure.js";
import type { StabilityResult } from "../../studies/stability/runStability.js";
import { resolveStabilityConfig, type StabilityConfig } from "../../studies/stability/resolveStabilityConfig.js";
import { runStability } from "../../studies/stability/runStability.js";
import type { StabilitySummary, SummaryNumber } from "../../studies/stability/types.js";
import { LogitlabError } from "../../util/errors.js";
import type { Command } from "../command.js";

const USAGE = `usage: logitlab stability [options]

Compares the token probabilities of reference runs (files {"execution_data": [...]} in the reference
folders) with a check run (check_machine_<name>.json files {"check_data": [...]} in the check folder):
token agreement, epsilon |p_ref − p_check|, perplexity, top-K preservation and the margin analysis.
Without options it runs on the bundled example in data/stability/.

options (environment variable in brackets; later wins: defaults < environment < --config < flags):
  --reference DIR      a reference folder, repeatable          [BASE_DIRS, comma-separated]
                       (default: bundled data/stability/db_1 … db_5)
  --check DIR          the check folder                        [CHECK_DIR]  (default: bundled db_13)
  --k N                top-K size                              [K]  (default 5)
  --m N                boundary window beyond K                [M]  (default 5)
  --cutoff-top-p P     margin analysis uses steps whose reference top-1 < P  [CUT_OFF_TOP_P]  (default 0.9)
  --out DIR            output folder                           [RESULTS_DIR]  (default results/stability)
  --config FILE        JSON file with the same names as keys ({"BASE_DIRS": [...], "K": 5, ...});
                       its relative paths are relative to the file
  --strict             exit with status 1 when any file is invalid (outputs are still written)
  --no-per-step        skip per_step.csv
  --no-figures         skip the figures
  --ignore-env         ignore the environment variables above (used by \`logitlab reproduce\`)
  --quiet              no progress bar and no summary on stdout

writes summary.json, summary.md, per_file.csv and per_step.csv to the output folder, atomically, and
four figures, each as .svg and .png (with headless Chromium; see \`logitlab info\`), .html and .json:
epsilon_histogram, perplexity_scatter, topk_by_position, margin_distribution.
An invalid file is listed with its reason under files.invalid and the run goes on.

examples:
  logitlab stability
  logitlab stability --reference runs/db_1 --reference runs/db_2 --check runs/db_13 --out results/mine
  BASE_DIRS=db_1,db_2,db_3 CHECK_DIR=db_13 K=10 logitlab stability --strict`;

const SHOWN = 10;

/** `logitlab stability`: the stability study from the command line. */
export const stability: Command = {
  name: "stability",
  summary: "compare a reference run's token probabilities with a check run's",
  usage: USAGE,
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: false,
        options: {
          reference: { type: "string", multiple: true },
          check: { type: "string" },
          k: { type: "string" },
          m: { type: "string" },
          "cutoff-top-p": { type: "string" },
          out: { type: "string" },
          config: { type: "string" },
          strict: { type: "boolean", default: false },
          "no-per-step": { type: "boolean", default: false },
          "no-figures": { type: "boolean", default: false },
          "ignore-env": { type: "boolean", default: false },
          quiet: { type: "boolean", default: false },
        },
      });
    } catch (error) {
      throw new LogitlabError(`${(error as Error).message}; see \`logitlab stability --help\``);
    }
    const flags = parsed.values;
    let config: StabilityConfig;
    let outcome: StudyOutcome;
    try {
      config = resolveStabilityConfig(
        { reference: flags.reference, check: flags.check, k: flags.k, m: flags.m, cutoffTopP: flags["cutoff-top-p"], out: flags.out },
        { env: flags["ignore-env"] ? {} : process.env, configFile: flags.config },
      );
      outcome = await runWithFigureSpecs(config, { quiet: flags.quiet, perStep: !flags["no-per-step"], figures: !flags["no-figures"] });
    } catch (error) {
      // The CLI already prefixes "logitlab stability: "; drop the library's "stability: " context.
      if (error instanceof LogitlabError && error.context === "stability") {
        throw new LogitlabError(error.reason, { file: error.file, field: error.field, position: error.position });
      }
      throw error;
    }
    const { summary, written, specs } = outcome;
    // Static export runs in this process. The playwright-core client costs ~30–50 MB here (its 14 MB
    // bundle, compiled code, protocol garbage), and it starts only after the per-step data are gone
    // (see runWithFigureSpecs), so this phase peaks below the study's own: about 235–250 MB against
    // 205 MB without figures at 2·10⁶ steps (bench/stability.ts). A short-lived export child process
    // would move that cost out of this process's RSS but not off the machine (a second Node costs
    // ~40 MB more), and would add a spawn, spec serialisation and a second error path; not worth it.
    if (specs.length > 0) {
      try {
        for (const [name, figure] of specs) {
          const saved = await saveFigureFiles(figure, join(config.outDir, name), { formats: ["svg", "png"] });
          written.push(...saved.written);
          if (saved.skipped.length) console.error(`stability: ${saved.skipped.length} static figure file(s) skipped: ${saved.reason}`);
        }
      } finally {
        await closeBrowser();
      }
    }

    for (const entry of summary.files.invalid.slice(0, SHOWN)) console.error(`stability: invalid ${entry.file}: ${entry.reason}`);
    if (summary.files.invalid.length > SHOWN) console.error(`stability: … ${summary.files.invalid.length - SHOWN} more invalid files in summary.json`);
    for (const warning of summary.warnings.slice(0, SHOWN)) console.error(`stability: warning: ${warning}`);
    if (summary.warnings.length > SHOWN) console.error(`stability: … ${summary.warnings.length - SHOWN} more warnings in summary.json`);

    if (!flags.quiet) {
      const f = (x: SummaryNumber) => (typeof x === "number" ? Number(x.toPrecision(4)).toString() : x === null ? "n/a" : x);
      const { files, steps, epsilon, perplexity, topk, margin } = summary;
      console.log([
        `files      ${files.compared}/${files.matched} pairs compared, ${files.invalid.length} invalid, ` +
          `${files.unmatched_reference.length} + ${files.unmatched_check.length} unmatched`,
        `agreement  ${f(steps.token_agreement)} of ${steps.compared} steps`,
        `epsilon    mean ${f(epsilon.mean)}  median ${f(epsilon.median)}  p95 ${f(epsilon.p95)}  p99 ${f(epsilon.p99)}  max ${f(epsilon.max)}`,
        `perplexity reference ${f(perplexity.reference_mean)}  check ${f(perplexity.check_mean)}  ratio ${f(perplexity.ratio_mean)}`,
        `top-${config.k}      set ${f(topk.set_preservation_rate)}  order ${f(topk.order_preservation_rate)}  overlap ${f(topk.mean_overlap)}`,
        `margin     ${margin.changed_steps}/${margin.eligible_steps} eligible steps changed, boundary swaps ${f(margin.boundary_swap_fraction)}, AUC ${f(margin.auc)}`,
        `wrote      ${written.join(", ")}`,
      ].join("\n"));
    }
    if (flags.strict && summary.files.invalid.length > 0) {
      console.error(`stability: --strict: ${summary.files.invalid.length} invalid file(s)`);
      return 1;
    }
    return 0;
  },
};

/** What the CLI keeps of a run: the summary, the paths written and the figure specs. */
interface StudyOutcome {
  summary: StabilitySummary;
  written: string[];
  specs: [string, Figure][];
}

/**
 * Runs the study and builds every figure spec, returning only what the export needs. The specs hold
 * bins and per-file points; the per-step arrays behind them (epsilons, margins: 30+ MB at 2·10⁶
 * steps) stay in `runStability`'s result, which dies with this call, before the browser starts — so
 * the study's peak and the browser client's (playwright-core, ~50 MB heap) do not add up. The split
 * into a function matters: a suspended async function keeps its temporaries (a for-of iterator over
 * the figure builders, the argument registers) alive in its generator until it returns, so dropping
 * the variable in the caller (`result = undefined`) left the per-step arrays reachable during export.
 */
async function runWithFigureSpecs(config: StabilityConfig, options: { quiet: boolean; perStep: boolean; figures: boolean }): Promise<StudyOutcome> {
  const result = await runStability(config, { progress: options.quiet ? "silent" : "auto", perStep: options.perStep });
  const written = Object.values(result.outputs).filter((p): p is string => Boolean(p));
  const specs = options.figures && result.summary.files.compared > 0 ? figureSpecs(result, config.k) : [];
  return { summary: result.summary, written, specs };
}

/** Builds the study's figures; one without data (a LogitlabError from its builder) is skipped with a note. */
function figureSpecs(result: StabilityResult, k: number): [string, Figure][] {
  const specs: [string, Figure][] = [];
  for (const [name, build] of Object.entries(stabilityFigures(result, k))) {
    try {
      specs.push([name, build()]);
    } catch (error) {
      // Too little data for a figure (say, no eligible step) is a note, not a failure.
      if (!(error instanceof LogitlabError)) throw error;
      console.error(`stability: figure ${name} skipped: ${error.message}`);
    }
  }
  return specs;
}

/**
 * The four figures of the study, built by lib/plot from the data `runStability` returns; each is a
 * thunk so that one without data (it throws a LogitlabError) does not stop the others. Series without
 * values are left out of the margin figure.
 */
export function stabilityFigures(result: StabilityResult, k: number): Record<string, () => Figure> {
  const { figures } = result;
  const margins = [
    { name: "preserved", values: figures.margin.preserved },
    { name: "changed", values: figures.margin.changed },
  ].filter((series) => series.values.length > 0);
  return {
    epsilon_histogram: () => histogramFigure(figures.epsilon, {
      title: "Chosen-token probability difference", xTitle: "ε = |p<sub>ref</sub> − p<sub>check</sub>|", yTitle: "agreeing steps",
      logX: true, bins: 50,
    }),
    perplexity_scatter: () => scatterFigure(figures.perplexity.reference, figures.perplexity.check, {
      title: "Perplexity per file", xTitle: "reference perplexity", yTitle: "check perplexity",
      identityLine: true, name: "files", labels: figures.perplexity.name,
      density: figures.perplexity.reference.length > 5000 ? "points" : "none",
    }),
    topk_by_position: () => lineFigure([
      { name: `top-${k} set preserved`, x: figures.topkByPosition.step, y: figures.topkByPosition.setPreservationRate },
      { name: `top-${k} order preserved`, x: figures.topkByPosition.step, y: figures.topkByPosition.orderPreservationRate, dash: "dash" },
    ], { title: `Top-${k} preservation by step position`, xTitle: "step position", yTitle: "fraction of agreeing steps" }),
    margin_distribution: () => histogramFigure(margins, {
      title: `Margin p<sub>(${k})</sub> − p<sub>(${k + 1})</sub> of eligible steps`, xTitle: "reference margin", yTitle: "fraction of steps",
      logX: true, bins: 40, normalize: "probability",
    }),
  };
}
