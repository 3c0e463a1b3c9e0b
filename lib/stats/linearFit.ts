/**
 * Ordinary least-squares straight line with standard errors.
 */
import { mean } from "simple-statistics";
import { LogitlabError } from "../util/errors.js";
import { finitePairs } from "./finitePairs.js";
import { regularizedIncompleteBeta } from "./regularizedIncompleteBeta.js";

export interface LinearFitResult {
  /** b₁ in y = b₀ + b₁ x. */
  slope: number;
  /** b₀ in y = b₀ + b₁ x. */
  intercept: number;
  /** Pearson's r of x and y (NaN when y is constant). */
  r: number;
  /** Coefficient of determination 1 − SSR/SST (NaN when y is constant). */
  r2: number;
  /** Two-sided p-value of H0: slope = 0 (t test, n − 2 degrees of freedom). */
  p: number;
  /** Standard error of the slope, √(s² / Sxx). */
  stderr: number;
  /** Standard error of the intercept, √(s² (1/n + x̄²/Sxx)). */
  interceptStderr: number;
  /** Number of pairs. */
  n: number;
}

/**
 * linearFit: the least-squares line y = b₀ + b₁ x,
 *   b₁ = Sxy / Sxx,  b₀ = ȳ − b₁ x̄,  s² = SSR/(n − 2),
 *   se(b₁) = √(s²/Sxx),  se(b₀) = √(s² (1/n + x̄²/Sxx)),  R² = 1 − SSR/Syy,
 * with Sxx = Σ(xᵢ − x̄)², Sxy = Σ(xᵢ − x̄)(yᵢ − ȳ), SSR = Σ residual², as
 * `scipy.stats.linregress(x, y)` (slope, intercept, rvalue, pvalue, stderr, intercept_stderr).
 *
 * Type: (x, y: ArrayLike<number>, equal length n ≥ 3, finite) → LinearFitResult.
 * Throws LogitlabError: "linearFit needs at least 3 pairs, got 2" (two points fit exactly and
 * leave no degrees of freedom for an error), unequal lengths, NaN/±Infinity (naming the index),
 * and constant x (the slope is undefined; scipy raises too). Constant y gives slope 0, zero
 * standard errors and NaN r, r2 and p.
 *
 * Stability: centred two-pass sums (means by Kahan–Babuška summation, simple-statistics `mean`) and
 * the residual sum of squares from the centred residuals (yᵢ − ȳ) − b₁(xᵢ − x̄), not from
 * (1 − r²)·Syy as linregress does; this reproduces the NIST StRD "Norris" certified values
 * (slope, intercept, both standard errors, R²) to ~1e-13 relative.
 * Algorithm: https://en.wikipedia.org/wiki/Simple_linear_regression and the NIST StRD linear
 * regression reference data, https://www.itl.nist.gov/div898/strd/lls/lls.shtml.
 *
 * @example
 * linearFit([1, 2, 3, 4], [2.1, 3.9, 6.2, 7.8]).slope
 * // => 1.94
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFitResult {
  const pairs = finitePairs("linearFit", x, y, 3);
  const n = pairs.x.length;
  if (pairs.x.every((v) => v === pairs.x[0])) {
    throw new LogitlabError(`all ${n} x values are equal (${pairs.x[0]}); the slope of a vertical line is undefined`, { context: "linearFit" });
  }
  const xMean = mean(pairs.x);
  const yMean = mean(pairs.y);
  const dx = pairs.x.map((v) => v - xMean);
  const dy = pairs.y.map((v) => v - yMean);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += dx[i] * dx[i];
    sxy += dx[i] * dy[i];
    syy += dy[i] * dy[i];
  }
  const slope = sxy / sxx;
  const intercept = yMean - slope * xMean;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const residual = dy[i] - slope * dx[i];
    ssr += residual * residual;
  }
  const df = n - 2;
  const s2 = ssr / df;
  const stderr = Math.sqrt(s2 / sxx);
  const interceptStderr = Math.sqrt(s2 * (1 / n + (xMean * xMean) / sxx));
  if (syy === 0) {
    return { slope, intercept, r: Number.NaN, r2: Number.NaN, p: Number.NaN, stderr, interceptStderr, n };
  }
  const r = Math.min(1, Math.max(-1, sxy / Math.sqrt(sxx) / Math.sqrt(syy)));
  const r2 = 1 - ssr / syy;
  const a = Math.abs(r);
  const p = a === 1 ? 0 : regularizedIncompleteBeta((1 - a) * (1 + a), df / 2, 0.5, a * a);
  return { slope, intercept, r, r2, p, stderr, interceptStderr, n };
}
