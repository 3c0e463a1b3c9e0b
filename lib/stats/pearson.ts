/**
 * Pearson's product-moment correlation with its t-test p-value and Fisher-z interval.
 */
import { mean } from "simple-statistics";
import { finitePairs } from "./finitePairs.js";
import { regularizedIncompleteBeta } from "./regularizedIncompleteBeta.js";

/** Φ⁻¹(0.975), the two-sided 95% normal quantile: scipy.special.ndtri(0.975). */
const Z_975 = 1.959963984540054;

export interface PearsonResult {
  /** Correlation coefficient in [−1, 1]; NaN when x or y is constant. */
  r: number;
  /** Two-sided p-value of H0: ρ = 0 (t test with n − 2 degrees of freedom). */
  p: number;
  /** Number of pairs. */
  n: number;
  /** 95% confidence interval for ρ by Fisher's z; [−1, 1] when n = 3. */
  ci95: [number, number];
}

/** Centred values divided by their Euclidean norm (scaled first, so 1e200-sized inputs do not overflow). */
function unitCentred(values: number[]): number[] {
  const centre = mean(values);
  const centred = values.map((v) => v - centre);
  const largest = centred.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const norm = largest * Math.sqrt(centred.reduce((s, v) => s + (v / largest) ** 2, 0));
  return centred.map((v) => v / norm);
}

/**
 * pearson: Pearson's correlation coefficient of paired samples,
 *   r = Σ (xᵢ − x̄)(yᵢ − ȳ) / √(Σ (xᵢ − x̄)² · Σ (yᵢ − ȳ)²),
 * with the two-sided p-value of the t test t = r √((n − 2)/(1 − r²)), computed as
 *   p = I_{1−r²}((n − 2)/2, 1/2)   (1 − r² formed as (1 − |r|)(1 + |r|)),
 * and the 95% interval tanh(atanh(r) ± 1.959964/√(n − 3)) (Fisher's z transformation), matching
 * `scipy.stats.pearsonr(x, y)` and its `.confidence_interval(0.95)`.
 *
 * Type: (x, y: ArrayLike<number>, equal length n ≥ 3, finite) → {r, p, n, ci95: [lo, hi]}.
 * Throws LogitlabError: "pearson needs at least 3 pairs, got 2", unequal lengths, and a NaN or
 * infinite value ("pearson: y[4] is NaN; …").
 * Constant input (every x equal, or every y equal): r is undefined, so r, p and both interval ends
 * are NaN — the case in which scipy warns with ConstantInputWarning and returns NaN.
 * r = ±1 gives p = 0 and ci95 = [r, r]; n = 3 gives ci95 = [−1, 1] (as scipy).
 *
 * Stability: two-pass (centred) sums with Kahan–Babuška means (simple-statistics `mean`); the
 * p-value never goes through 1 − cdf, so it keeps relative precision when tiny (see
 * `regularizedIncompleteBeta`).
 * Algorithm: https://en.wikipedia.org/wiki/Pearson_correlation_coefficient#Testing_using_Student's_t-distribution,
 * Fisher interval https://en.wikipedia.org/wiki/Fisher_transformation.
 *
 * @example
 * pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).r
 * // => 0.7746
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): PearsonResult {
  const pairs = finitePairs("pearson", x, y, 3);
  const n = pairs.x.length;
  const constant = (values: number[]) => values.every((v) => v === values[0]);
  if (constant(pairs.x) || constant(pairs.y)) {
    return { r: Number.NaN, p: Number.NaN, n, ci95: [Number.NaN, Number.NaN] };
  }
  const ux = unitCentred(pairs.x);
  const uy = unitCentred(pairs.y);
  let r = 0;
  for (let i = 0; i < n; i++) r += ux[i] * uy[i];
  r = Math.min(1, Math.max(-1, r));
  const a = Math.abs(r);
  // The t test of r written in r: df/(df + t²) = 1 − r², t²/(df + t²) = r².
  const p = a === 1 ? 0 : regularizedIncompleteBeta((1 - a) * (1 + a), (n - 2) / 2, 0.5, a * a);
  let ci95: [number, number] = [-1, 1];
  if (n > 3) {
    const z = Math.atanh(r);
    const halfWidth = Z_975 / Math.sqrt(n - 3);
    ci95 = [Math.tanh(z - halfWidth), Math.tanh(z + halfWidth)];
  }
  return { r, p, n, ci95 };
}
