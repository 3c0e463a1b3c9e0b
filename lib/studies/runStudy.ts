/**
 * runStudy: one study run end to end, the same for the CLI, `logitlab reproduce` and a notebook:
 * open the output folder (`OutputFolder`: staged beside `config.outDir`), `study.run`, write
 * `study.outputs` through the writer (JSON, Markdown, CSV, TeX), build `study.figures` and write each
 * as `.json`, `.html` and the static formats (SVG, PNG, PDF with a browser; without one they are
 * skipped with a note), then swap the whole set in for the folder. A figure without data (its builder
 * throws a LogitlabError) is skipped with a note; any other failure aborts the run and leaves the
 * previous results untouched.
 *
 * Speed: when static figures are asked for, headless Chromium starts (`prewarmBrowser`) 200 ms into
 * the analysis (a run that fails at once starts none), and the figures are exported at once (`OutputFolder.writeFigures`: one browser page
 * lays a figure out while others draw the previous one's PNG and PDF; playwright and the browser run in
 * a worker thread, lib/plot/render.ts). LOGITLAB_TIMING=1 prints when each phase
 * ends.
 *
 * Memory: the result (a study's per-step arrays) dies before the figures are exported, unless
 * `keepResult` asks for it, so the analysis's peak and the figures' data do not add up (the browser
 * client, started early, does).
 *
 * Type: (Study, config, options) → Promise<StudyRun>.
 *
 * @example
 * const out = `${(await import("node:fs")).mkdtempSync("/tmp/logitlab-run-")}/stability`;
 * (await runStudy(stabilityStudy, resolveStabilityConfig({ out }), { progress: "silent", figures: false })).written.map((p) => p.slice(out.length + 1))
 * // => ["per_step.csv", "summary.json", "summary.md", "summary.tex", "per_file.csv"]
 */
import { OutputFolder, type FigureFormat } from "../io/OutputFolder.js";
import type { Figure } from "../plot/figure.js";
import { LogitlabError } from "../util/errors.js";
import type { ProgressMode } from "../util/progress.js";
import type { Study, StudyReport } from "./Study.js";

/** How long into the analysis the export browser starts (see runStudy). */
const PREWARM_DELAY_MS = 200;

export interface RunStudyOptions {
  /** Progress display (default "auto"). */
  progress?: ProgressMode;
  /** Switches that are on (`strict`, `noPerStep`, …). */
  switches?: Readonly<Record<string, boolean>>;
  /** Figure formats to write (default svg, png, pdf, html); false or [] writes no figures. */
  figures?: boolean | readonly FigureFormat[];
  /** Return the study's full result (default false: it is dropped before figure export). */
  keepResult?: boolean;
  /** Start the export browser while the analysis runs, when static figures are asked for (default true). */
  prewarmBrowser?: boolean;
  /** How long into the analysis it starts (default 200 ms). */
  prewarmDelayMs?: number;
  /** Close the export browser at the end (default true). */
  closeBrowser?: boolean;
}

export interface StudyRun<Result> {
  /** The study's result, when `keepResult`. */
  result?: Result;
  report: StudyReport;
  /** The figure specs that were built (and written). */
  figures: Record<string, Figure>;
  /** Final paths of the files written. */
  written: string[];
  /** Final paths of figure files skipped (no browser). */
  skipped: string[];
  /** One line per figure or file skipped, and why. */
  notes: string[];
}

export async function runStudy<Config extends { outDir: string }, Result>(
  study: Study<Config, Result>, config: Config, options: RunStudyOptions = {},
): Promise<StudyRun<Result>> {
  const formats: readonly FigureFormat[] = options.figures === false ? [] : options.figures === true || options.figures === undefined ? ["svg", "png", "pdf", "html"] : options.figures;
  const output = new OutputFolder(config.outDir);
  // The browser starts while the analysis runs (it takes seconds), when static figures are asked for.
  const timing = process.env.LOGITLAB_TIMING === "1" ? new PhaseTiming(study.name) : undefined;
  // The browser module only when static figures are asked for (it is loaded on use, as lib/plot's export).
  const browser = formats.some((f) => f !== "html") ? await import("../plot/render.js") : undefined;
  // The browser starts PREWARM_DELAY_MS into the analysis, so that a run that fails at once (a missing
  // folder, a bad setting) does not start one, and then wait for it, to report its error.
  let prewarmed = false;
  const prewarm = browser && options.prewarmBrowser !== false ? setTimeout(() => {
    prewarmed = true;
    const ready = browser.prewarmBrowser();
    if (timing) void ready.then((up) => up && timing.mark("browser ready"));
  }, options.prewarmDelayMs ?? PREWARM_DELAY_MS) : undefined;
  let exported = false;
  try {
    timing?.mark("analysis start");
    const staged = await analyse(study, config, output, options, formats.length > 0);
    timing?.mark("analysis and tables done");
    const figures = Object.entries(staged.figures);
    exported ||= figures.length > 0 && formats.some((f) => f !== "html");
    await output.writeFigures(figures, formats);
    timing?.mark("figures done");
    const written = output.commit();
    return { result: staged.result, report: staged.report, figures: staged.figures, written, skipped: [...output.skipped], notes: [...staged.notes, ...output.notes] };
  } catch (error) {
    output.abort();
    throw error;
  } finally {
    clearTimeout(prewarm);
    if ((exported || prewarmed) && options.closeBrowser !== false) await browser?.closeBrowser();
  }
}

/**
 * LOGITLAB_TIMING=1: each phase's time since the run started, one line on stderr as it ends (what
 * `npm run bench:stability` prints to show where the time goes).
 */
class PhaseTiming {
  private readonly started = performance.now();
  constructor(private readonly name: string) {}

  mark(phase: string): void {
    process.stderr.write(`timing ${this.name}: ${phase} at ${((performance.now() - this.started) / 1000).toFixed(2)} s\n`);
  }
}

/**
 * Runs the study, writes its tables and builds its figure specs. A separate function on purpose: a
 * suspended async function keeps its temporaries alive until it returns, so the result (per-step
 * arrays) is unreachable during export only if it lives in a frame that has returned.
 */
async function analyse<Config extends { outDir: string }, Result>(
  study: Study<Config, Result>, config: Config, output: OutputFolder, options: RunStudyOptions, drawFigures: boolean,
): Promise<{ result?: Result; report: StudyReport; figures: Record<string, Figure>; notes: string[] }> {
  const switches = options.switches ?? {};
  const result = await study.run(config, { output, progress: options.progress ?? "auto", switches });
  for (const file of study.outputs(result, config)) {
    if (file.json !== undefined) output.writeJson(file.name, file.json);
    else if (file.markdown !== undefined) output.writeMarkdown(file.name, file.markdown);
    else if (file.csv) output.writeCsv(file.name, file.csv.rows, { columns: file.csv.columns });
    else if (file.tex) output.writeTex(file.name, file.tex.rows, file.tex.options);
    else throw new Error(`${study.name}: output ${file.name} has no content`);
  }
  const figures: Record<string, Figure> = {};
  const notes: string[] = [];
  if (drawFigures) {
    for (const [name, build] of Object.entries(study.figures(result, config))) {
      try {
        figures[name] = build();
      } catch (error) {
        // Too little data for a figure (say, no eligible step) is a note, not a failure.
        if (!(error instanceof LogitlabError)) throw error;
        notes.push(`figure ${name} skipped: ${error.message}`);
      }
    }
  }
  const report = study.report(result, config, switches);
  return { result: options.keepResult ? result : undefined, report, figures, notes };
}
