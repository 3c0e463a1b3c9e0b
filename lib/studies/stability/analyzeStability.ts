/**
 * analyzeStability: the stability study's analysis: discover and match files, validate and compare one
 * pair at a time, and fold the metrics into the summary (writing nothing but the streamed per-step
 * rows; `runStability` and `stabilityStudy` write the files through an `OutputFolder`).
 *
 * Streaming: each pair's two files are read, parsed, compared, folded into a `StabilityAccumulator`
 * and handed to `perStep` (per_step.csv) before the next pair is read; only per-step epsilons and
 * eligible-step margins (what the percentiles, medians and AUC need) stay in memory. A bad file (not
 * JSON, missing key, a probability that is NaN, negative or above 1 + 1e-6, a malformed `top_k`, a
 * step count that differs from its partner, an ambiguous name) goes to `files.invalid` with its path
 * and reason and the run goes on. Missing or empty folders throw LogitlabError before any file is read.
 *
 * Type: (StabilityConfig, options) → Promise<StabilityAnalysis>. The figure data (epsilons, per-file
 * perplexities, top-K preservation by step position, margins) come back for `stabilityFigures`.
 *
 * @example
 * (await analyzeStability(resolveStabilityConfig(), { progress: "silent" })).summary.files.matched
 * // => 20
 */
import { createHash } from "node:crypto";
import { LogitlabError } from "../../util/errors.js";
import { progress as progressBar, type ProgressMode } from "../../util/progress.js";
import { comparePair } from "./comparePair.js";
import { discoverStabilityPairs } from "./discoverStabilityPairs.js";
import { packageInfo } from "../../util/packageInfo.js";
import { noComparisonCause } from "./noComparisonCause.js";
import { parseRunFile } from "./parseRunFile.js";
import { RunFileReader } from "./RunFileReader.js";
import type { PerStepCsvWriter } from "./PerStepCsvWriter.js";
import type { StabilityConfig } from "./resolveStabilityConfig.js";
import { StabilityAccumulator } from "./StabilityAccumulator.js";
import type { InvalidFile, PerFileRow, RunStep, StabilityFigureData, StabilitySummary } from "./types.js";

/** At most this long without a turn of the event loop (a browser starting for the figures needs them). */
const YIELD_MS = 5;

export interface StabilityAnalysisOptions {
  /** Progress display (default "auto": a terminal line or a notebook display, else silent). */
  progress?: ProgressMode;
  /** Where the per-step rows go (per_step.csv); committed or aborted by the caller. */
  perStep?: PerStepCsvWriter;
}

/** What the analysis gives: the summary, one row per matched pair, and the figures' data. */
export interface StabilityAnalysis {
  summary: StabilitySummary;
  perFile: PerFileRow[];
  figures: StabilityFigureData;
}

export async function analyzeStability(config: StabilityConfig, options: StabilityAnalysisOptions = {}): Promise<StabilityAnalysis> {
  const started = Date.now();
  const settings = { k: config.k, m: config.m, cutoffTopP: config.cutoffTopP };
  const discovery = discoverStabilityPairs(config.referenceDirs, config.checkDir);
  const invalid: InvalidFile[] = [...discovery.invalid];
  const perFile: PerFileRow[] = [];
  const accumulator = new StabilityAccumulator(settings);
  const listing = createHash("sha256");
  let bytes = 0;

  const perStep = options.perStep;
  const referenceReader = new RunFileReader();
  const checkReader = new RunFileReader(referenceReader.maxBytes);
  let lastYield = Date.now();
  const bar = progressBar(discovery.pairs.length, { label: "stability", mode: options.progress ?? "auto" });
  for (const pair of discovery.pairs) {
    const row: PerFileRow = {
      name: pair.name, reference: pair.reference, check: pair.check, status: "invalid", reason: "",
      steps: null, agreeingSteps: null, tokenAgreement: null, epsilonMean: null, epsilonMax: null,
      referencePerplexity: null, checkPerplexity: null, setPreservationRate: null, orderPreservationRate: null,
      meanOverlap: null, eligibleSteps: null, changedSteps: null, firstDivergence: null, referenceBytes: null, checkBytes: null,
    };
    const referenceText = referenceReader.read(pair.referencePath);
    const checkText = checkReader.read(pair.checkPath);
    row.referenceBytes = referenceText.size;
    row.checkBytes = checkText.size;
    const reasons: string[] = [];
    const parse = (text: { bytes?: Uint8Array; error?: string }, role: "reference" | "check", file: string): RunStep[] | undefined => {
      if (text.error !== undefined) {
        invalid.push({ file, reason: text.error });
        reasons.push(`${file}: ${text.error}`);
        return undefined;
      }
      try {
        return parseRunFile(text.bytes as Uint8Array, role, file);
      } catch (error) {
        if (!(error instanceof LogitlabError)) throw error;
        const reason = error.position ? `${error.position}: ${error.reason}` : error.reason;
        invalid.push({ file, reason });
        reasons.push(`${file}: ${reason}`);
        return undefined;
      }
    };
    const reference = parse(referenceText, "reference", pair.reference);
    const check = parse(checkText, "check", pair.check);
    if (reference && check && reference.length !== check.length) {
      const reason = `has ${check.length} steps but its reference ${pair.reference} has ${reference.length}`;
      invalid.push({ file: pair.check, reason });
      reasons.push(`${pair.check}: ${reason}`);
    } else if (reference && check) {
      const comparison = comparePair(reference, check, settings);
      perStep?.add(pair.name, comparison.steps);
      const metrics = accumulator.addPair(pair.name, comparison);
      Object.assign(row, metrics, { status: "ok" });
      listing.update(`${pair.reference}\t${row.referenceBytes}\n${pair.check}\t${row.checkBytes}\n`);
      bytes += (referenceText.size ?? 0) + (checkText.size ?? 0);
    }
    row.reason = reasons.join("; ");
    perFile.push(row);
    bar.tick();
    // Synchronous reads are several times faster than fs/promises for many small files; yield to
    // the event loop now and then so that a notebook's progress display, Ctrl-C and the replies of
    // the export thread that starts the browser meanwhile for the figures (prewarmBrowser) get through.
    if (Date.now() - lastYield > YIELD_MS) {
      await new Promise((done) => setImmediate(done));
      lastYield = Date.now();
    }
  }
  bar.done();

  const { metrics, warnings } = accumulator.metrics();
  const compared = accumulator.counts().files;
  invalid.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const files = { matched: discovery.pairs.length, unmatched_reference: discovery.unmatchedReference, unmatched_check: discovery.unmatchedCheck, invalid, compared };
  const cause = noComparisonCause(files);
  if (cause !== null) warnings.unshift(`no file pair could be compared: the metrics are undefined (null); likely cause: ${cause}`);
  const info = packageInfo();
  const summary: StabilitySummary = {
    config: { k: config.k, m: config.m, cutoff_top_p: config.cutoffTopP, reference_dirs: config.referenceDirs, check_dir: config.checkDir, until_divergence: config.untilDivergence },
    files,
    ...metrics,
    warnings,
    provenance: {
      study: "stability",
      library: info.name,
      library_version: info.version,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      backend: "none: plain float64 JavaScript, no tensors",
      model: null,
      seed: null,
      settings: { k: config.k, m: config.m, cutoff_top_p: config.cutoffTopP, prob_slack: 1e-6, until_divergence: config.untilDivergence },
      inputs: {
        reference_dirs: config.referenceDirs,
        check_dir: config.checkDir,
        compared_files: 2 * compared,
        compared_bytes: bytes,
        listing_sha256: listing.digest("hex"),
        listing_note: "sha256 of 'path<TAB>bytes' lines of the compared files, in pair order; sizes per file in per_file.csv",
      },
      created: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
    },
  };
  return { summary, perFile, figures: accumulator.figureData() };
}
