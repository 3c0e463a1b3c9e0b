/**
 * correlationTables: the correlation study's tables from its grid cells —
 *   - stats (correlation_stats.csv, long form): one row per model × dataset × entropy ("nucleus", the
 *     original's; "full", ours), with n, r, p, ρ, p and the 95% prompt-bootstrap intervals, for the
 *     original's filter (no prefix) and for all points (`all_` prefix);
 *   - tex (correlation_stats.tex): models as rows, datasets as columns, each cell "r / ρ" of the
 *     nucleus entropy with the original's filter (the published table's layout);
 *   - fits (fits.csv): per cell a, b, c with standard errors and R² of the unimodal fit on the bin
 *     medians, the bins used, and the linear model's slope, intercept and R²;
 *   - perPrompt (per_prompt_r.csv): each prompt's Pearson r.
 *
 * @example
 * const stats = { n: 3, prompts: 1, r: -0.5, rP: 0.1, rho: -0.4, rhoP: 0.2, rLow: -0.9, rHigh: 0.1, rhoLow: -0.8, rhoHigh: 0.2 };
 * const fit = { binsUsed: 0, a: NaN, b: NaN, c: NaN, aSe: NaN, bSe: NaN, cSe: NaN, r2: NaN, converged: false, linearSlope: NaN, linearIntercept: NaN, linearR2: NaN, note: "" };
 * const analysis = { points: 3, dropped: 0, filtered: stats, all: stats, fullFiltered: stats, fullAll: stats, perPrompt: [], perPromptSkipped: 0, bins: { centres: [], medians: [], sds: [], counts: [] }, fit, x: [], y: [] };
 * const t = correlationTables({ models: ["m"], datasets: ["gsm8k"], cells: [{ model: "m", dataset: "gsm8k", engine: "tfjs", analysis }] });
 * [t.stats.length, t.tex[0].gsm8k]
 * // => [2, "-0.500 / -0.400"]
 */
import type { TableRow } from "../../io/tableRow.js";
import type { CellAnalysis } from "./analyzeCell.js";
import type { CorrelationStats } from "./correlationStats.js";

export interface CorrelationTables {
  stats: TableRow[];
  tex: TableRow[];
  fits: TableRow[];
  perPrompt: TableRow[];
}

interface CellLike {
  model: string;
  dataset: string;
  engine: string;
  analysis: CellAnalysis;
}

function statColumns(s: CorrelationStats, prefix: string): Record<string, number> {
  return {
    [`${prefix}n`]: s.n, [`${prefix}prompts`]: s.prompts,
    [`${prefix}r`]: s.r, [`${prefix}r_p`]: s.rP, [`${prefix}r_ci_low`]: s.rLow, [`${prefix}r_ci_high`]: s.rHigh,
    [`${prefix}rho`]: s.rho, [`${prefix}rho_p`]: s.rhoP, [`${prefix}rho_ci_low`]: s.rhoLow, [`${prefix}rho_ci_high`]: s.rhoHigh,
  };
}

const three = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "--");

export function correlationTables(result: { models: readonly string[]; datasets: readonly string[]; cells: readonly CellLike[] }): CorrelationTables {
  const stats: TableRow[] = result.cells.flatMap((c) => [
    { model: c.model, dataset: c.dataset, engine: c.engine, entropy: "nucleus", ...statColumns(c.analysis.filtered, ""), ...statColumns(c.analysis.all, "all_") },
    { model: c.model, dataset: c.dataset, engine: c.engine, entropy: "full", ...statColumns(c.analysis.fullFiltered, ""), ...statColumns(c.analysis.fullAll, "all_") },
  ]);
  const tex: TableRow[] = result.models.map((model) => ({
    model,
    ...Object.fromEntries(result.datasets.map((dataset) => {
      const cell = result.cells.find((c) => c.model === model && c.dataset === dataset);
      return [dataset, cell ? `${three(cell.analysis.filtered.r)} / ${three(cell.analysis.filtered.rho)}` : "--"];
    })),
  }));
  const fits: TableRow[] = result.cells.map((c) => {
    const f = c.analysis.fit;
    return {
      model: c.model, dataset: c.dataset, bins_used: f.binsUsed,
      a: f.a, a_se: f.aSe, b: f.b, b_se: f.bSe, c: f.c, c_se: f.cSe, r2: f.r2, converged: f.converged,
      linear_slope: f.linearSlope, linear_intercept: f.linearIntercept, linear_r2: f.linearR2, note: f.note,
    };
  });
  const perPrompt: TableRow[] = result.cells.flatMap((c) => c.analysis.perPrompt.map((p) => ({ model: c.model, dataset: c.dataset, prompt: p.prompt, n: p.n, r: p.r })));
  return { stats, tex, fits, perPrompt };
}
