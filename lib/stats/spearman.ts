/**
 * Spearman's rank correlation.
 */
import { finitePairs } from "./finitePairs.js";
import { midranks } from "./midranks.js";
import { studentTTwoSidedP } from "./studentTTwoSidedP.js";

export interface SpearmanResult {
  /** Rank correlation in [−1, 1]; NaN when x or y is constant. */
  rho: number;
  /** Two-sided p-value (t approximation with n − 2 degrees of freedom, as scipy). */
  p: number;
  /** Number of pairs. */
  n: number;
}

/**
 * spearman: Spearman's rank correlation, the Pearson correlation of the midranks of x and of y
 * (tied values share their average rank), with scipy's two-sided p-value from
 *   t = ρ √((n − 2) / ((1 + ρ)(1 − ρ))),  p = P(|T_(n−2)| ≥ |t|),
 * matching `scipy.stats.spearmanr(x, y)`.
 *
 * Type: (x, y: ArrayLike<number>, equal length n ≥ 3, finite) → {rho, p, n}.
 * Throws LogitlabError: "spearman needs at least 3 pairs, got 2", unequal lengths, NaN/±Infinity
 * (naming the index). Constant x or y: rho and p are NaN (scipy's ConstantInputWarning case).
 * |rho| = 1 gives p = 0.
 *
 * Stability: as `pearson` on the ranks (two-pass sums), p-value through the incomplete Beta
 * function (`studentTTwoSidedP`), never 1 − cdf.
 * Algorithm: midranks (fractional ranking) https://en.wikipedia.org/wiki/Spearman%27s_rank_correlation_coefficient
 * and the t approximation of its null distribution (Kendall & Stuart).
 *
 * @example
 * spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).rho
 * // => 0.8208
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): SpearmanResult {
  const pairs = finitePairs("spearman", x, y, 3);
  const n = pairs.x.length;
  const rx = midranks(pairs.x);
  const ry = midranks(pairs.y);
  const constant = (values: number[]) => values.every((v) => v === values[0]);
  if (constant(rx) || constant(ry)) return { rho: Number.NaN, p: Number.NaN, n };
  // Midranks always have mean (n + 1)/2, exactly representable, so the centring is exact.
  const centre = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - centre;
    const dy = ry[i] - centre;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // sxx·syy cannot overflow for ranks, and √(s·s) = s exactly, so a perfect monotone relation gives exactly ±1.
  const rho = Math.min(1, Math.max(-1, sxy / Math.sqrt(sxx * syy)));
  const df = n - 2;
  const t = rho * Math.sqrt(Math.max(0, df / ((rho + 1) * (1 - rho))));
  return { rho, p: studentTTwoSidedP(t, df), n };
}
