/**
 * analyzeCell: the original analysis of one model × dataset cell, plus ours beside it.
 *
 * Points: the recorded steps whose nucleus is known (a truncated list that did not reach p has none).
 * As the original:
 *   - drop the points with entropy = 0 and cosine = 1 (one-token nuclei);
 *   - Pearson and Spearman of (nucleus entropy, cosine) on the rest;
 *   - medians of cosine in `bins` (50) equal-width entropy bins over [min, max] of the kept entropies,
 *     with the standard deviation per bin (np.std, ddof 0) for the ±1 SD band;
 *   - the unimodal model cosine ≈ a·x·exp(−b·x) + c fitted to the bin medians at the bin centres
 *     (`fitExponentialBump`), skipping empty bins — the original replaced their NaN medians with 0 and
 *     fitted those zeros too;
 *   - then a linear model of the cosine on the fitted curve's prediction, over the kept points
 *     (`linearFit`): slope, intercept, R².
 * Ours: 95% bootstrap intervals resampling whole prompts (`correlationStats`), the same statistics on
 * all points (no filter) and on the full-distribution entropy, and the per-prompt Pearson r
 * (`perClusterCorrelation`).
 *
 * @example
 * const steps = Array.from({ length: 40 }, (_, i) => ({ prompt: i % 4, nucleusEntropy: (i % 10) / 3, fullEntropy: (i % 10) / 2, cosine: i % 10 === 0 ? 1 : 0.5 - 0.04 * (i % 10) }));
 * const cell = analyzeCell(steps, { resamples: 20 });
 * [cell.filtered.n, cell.all.n, Number(cell.filtered.r.toFixed(3))]
 * // => [36, 40, -1]
 */
import { binnedStats } from "../../stats/binnedStats.js";
import { fitExponentialBump } from "../../stats/fitExponentialBump.js";
import { linearFit } from "../../stats/linearFit.js";
import { perClusterCorrelation } from "../../stats/perClusterCorrelation.js";
import { correlationStats, type CorrelationStats } from "./correlationStats.js";

/** The per-step values the analysis reads. */
export interface CellPoint {
  prompt: number;
  nucleusEntropy: number;
  fullEntropy: number;
  cosine: number;
}

export interface CellFit {
  /** Bins with at least one point (the fit's n). */
  binsUsed: number;
  a: number; b: number; c: number;
  aSe: number; bSe: number; cSe: number;
  r2: number;
  converged: boolean;
  linearSlope: number;
  linearIntercept: number;
  linearR2: number;
  /** Why a value is missing, or "". */
  note: string;
}

export interface CellAnalysis {
  /** Points with a known nucleus. */
  points: number;
  /** Points the original's filter dropped (entropy = 0 and cosine = 1). */
  dropped: number;
  /** Nucleus entropy vs cosine: the original's filter, and all points. */
  filtered: CorrelationStats;
  all: CorrelationStats;
  /** Full-distribution entropy vs cosine (ours): the same two point sets; NaN where the engine gave truncated rows. */
  fullFiltered: CorrelationStats;
  fullAll: CorrelationStats;
  /** Per-prompt Pearson r on the filtered points (prompts with ≥ 3 points and both sides varying). */
  perPrompt: { prompt: number; n: number; r: number }[];
  perPromptSkipped: number;
  bins: { centres: number[]; medians: number[]; sds: number[]; counts: number[] };
  fit: CellFit;
  /** Filtered points, for the figure: entropy and cosine. */
  x: number[];
  y: number[];
}

const nanFit = (note: string, binsUsed: number): CellFit => ({ binsUsed, a: NaN, b: NaN, c: NaN, aSe: NaN, bSe: NaN, cSe: NaN, r2: NaN, converged: false, linearSlope: NaN, linearIntercept: NaN, linearR2: NaN, note });

export function analyzeCell(steps: readonly CellPoint[], options: { resamples: number; seed?: number; bins?: number }): CellAnalysis {
  const bins = options.bins ?? 50;
  const known = steps.filter((s) => Number.isFinite(s.nucleusEntropy) && Number.isFinite(s.cosine));
  const kept = known.filter((s) => !(s.nucleusEntropy === 0 && s.cosine === 1));
  const stats = (points: readonly CellPoint[], x: (p: CellPoint) => number) => {
    const usable = points.filter((p) => Number.isFinite(x(p)));
    return correlationStats(usable.map(x), usable.map((p) => p.cosine), usable.map((p) => p.prompt), { resamples: options.resamples, seed: options.seed });
  };
  const nucleus = (p: CellPoint) => p.nucleusEntropy;
  const full = (p: CellPoint) => p.fullEntropy;
  const x = kept.map(nucleus);
  const y = kept.map((p) => p.cosine);

  let perPrompt: CellAnalysis["perPrompt"] = [];
  let perPromptSkipped = 0;
  if (kept.length > 0) {
    const per = perClusterCorrelation(x, y, kept.map((p) => p.prompt));
    perPrompt = per.correlations.map((c) => ({ prompt: Number(c.cluster), n: c.n, r: c.value }));
    perPromptSkipped = per.skipped.length;
  }

  let binned: CellAnalysis["bins"] = { centres: [], medians: [], sds: [], counts: [] };
  let fit = nanFit("no points after the filter", 0);
  if (kept.length > 0) {
    const b = binnedStats(x, y, { bins, method: "equal-width", ddof: 0 });
    binned = { centres: b.centres, medians: b.medians, sds: b.sds, counts: b.counts };
    const used = b.counts.map((count, i) => (count > 0 ? i : -1)).filter((i) => i >= 0);
    if (used.length < 4) {
      fit = nanFit(`${used.length} non-empty bins: too few for a 3-parameter fit`, used.length);
    } else {
      try {
        const f = fitExponentialBump(used.map((i) => b.centres[i]), used.map((i) => b.medians[i]));
        const prediction = x.map((v) => f.curve(v));
        let linear = { slope: NaN, intercept: NaN, r2: NaN };
        let note = f.converged ? "" : "the fit did not converge";
        try {
          linear = linearFit(prediction, y);
        } catch (error) {
          note = [note, `linear model: ${(error as Error).message}`].filter(Boolean).join("; ");
        }
        const { a, b: rate, c } = f.parameters;
        const se = f.standardErrors;
        fit = { binsUsed: used.length, a, b: rate, c, aSe: se.a, bSe: se.b, cSe: se.c, r2: f.r2, converged: f.converged, linearSlope: linear.slope, linearIntercept: linear.intercept, linearR2: linear.r2, note };
      } catch (error) {
        fit = nanFit(`fit failed: ${(error as Error).message}`, used.length);
      }
    }
  }
  return {
    points: known.length,
    dropped: known.length - kept.length,
    filtered: stats(kept, nucleus),
    all: stats(known, nucleus),
    fullFiltered: stats(kept, full),
    fullAll: stats(known, full),
    perPrompt,
    perPromptSkipped,
    bins: binned,
    fit,
    x,
    y,
  };
}
