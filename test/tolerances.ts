/**
 * Test tolerances, by dtype, in one place. Always compared on absolute differences:
 *   |actual − expected| ≤ atol + rtol · |expected|
 */
import assert from "node:assert/strict";

export interface Tolerance { rtol: number; atol: number }

/** float32 tensor ops against a float64 reference: about 1e-5 relative. */
export const FLOAT32: Tolerance = { rtol: 1e-5, atol: 1e-6 };
/**
 * float32 results that must keep their relative accuracy all the way down to tiny values, where the
 * atol of FLOAT32 would pass anything: log1p(7.6e-9), the log-probability −4.7e-9 of a top token.
 */
export const FLOAT32_RELATIVE: Tolerance = { rtol: 1e-5, atol: 0 };
/** float64 statistics: k · eps · |expected| with a small k. */
export const FLOAT64: Tolerance = { rtol: 64 * Number.EPSILON, atol: 0 };
/** float64 iterative results (special functions, least-squares fits). */
export const FLOAT64_ITERATIVE: Tolerance = { rtol: 1e-10, atol: 1e-14 };
/**
 * float64 special functions (incomplete Beta, t and normal tails) against 50-digit mpmath values.
 * Tighter than FLOAT64_ITERATIVE on purpose: a plain continued fraction is 3e-11 off at 1e6 degrees
 * of freedom, which 1e-10 would let through.
 */
export const FLOAT64_SPECIAL: Tolerance = { rtol: 1e-13, atol: 0 };
/**
 * float64 special functions whose result may be subnormal (below 2.2e-308), where a float64 holds
 * fewer than 53 significant bits: FLOAT64_SPECIAL, or a few steps of the subnormal spacing 4.9e-324.
 */
export const FLOAT64_SPECIAL_SUBNORMAL: Tolerance = { rtol: 1e-13, atol: 4 * Number.MIN_VALUE };
/**
 * float64 coefficients bounded by 1 (correlations), which are sums over n products: rounding
 * bounds their absolute error, so near 0 a purely relative bound would be unfair (r = 0.0046 from
 * 1e6 pairs differs from numpy's pairwise sum by 5e-16).
 */
export const FLOAT64_BOUNDED: Tolerance = { rtol: 64 * Number.EPSILON, atol: 64 * Number.EPSILON };
/**
 * float64 least squares against NIST StRD certified values (printed to 15 digits). Measured on
 * Norris: slope 4e-15, standard errors 2e-14, intercept 1.7e-13 (limited by the cancellation in
 * ȳ − b₁x̄), so 1e-12 leaves a margin without hiding a lost digit of a naive one-pass algorithm.
 */
export const NIST_CERTIFIED: Tolerance = { rtol: 1e-12, atol: 0 };

/** Asserts one number (or ±Infinity / NaN exactly) within tolerance, naming what was compared. */
export function assertClose(actual: number, expected: number, tol: Tolerance, what = "value"): void {
  if (Number.isNaN(expected)) return assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
  if (!Number.isFinite(expected)) return assert.equal(actual, expected, `${what}: expected ${expected}, got ${actual}`);
  const bound = tol.atol + tol.rtol * Math.abs(expected);
  const diff = Math.abs(actual - expected);
  assert.ok(diff <= bound, `${what}: got ${actual}, expected ${expected} (|diff| ${diff.toExponential(3)} > ${bound.toExponential(3)})`);
}

/** Asserts arrays (any nesting) element-wise within tolerance. */
export function assertAllClose(actual: unknown, expected: unknown, tol: Tolerance, what = "value"): void {
  if (Array.isArray(expected) || ArrayBuffer.isView(expected)) {
    const a = Array.from(actual as ArrayLike<unknown>);
    const e = Array.from(expected as ArrayLike<unknown>);
    assert.equal(a.length, e.length, `${what}: length ${a.length}, expected ${e.length}`);
    e.forEach((value, i) => assertAllClose(a[i], value, tol, `${what}[${i}]`));
    return;
  }
  assertClose(actual as number, expected as number, tol, what);
}

/** Model logits (float32 runtime) against a float64 reference: max |diff| / std(reference) ≤ 1e-4. */
export const MODEL_LOGITS_RELATIVE = 1e-4;

/** Asserts max-abs difference over the (nested) arrays, scaled by the std of `expected`, is ≤ `relative`. */
export function assertScaledClose(actual: unknown, expected: unknown, relative: number, what = "logits"): number {
  const a = (actual as unknown[]).flat(Infinity as 1) as number[];
  const e = (expected as unknown[]).flat(Infinity as 1) as number[];
  assert.equal(a.length, e.length, `${what}: ${a.length} values, expected ${e.length}`);
  const mean = e.reduce((s, x) => s + x, 0) / e.length;
  const std = Math.sqrt(e.reduce((s, x) => s + (x - mean) ** 2, 0) / e.length) || 1;
  let worst = 0;
  for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]));
  const scaled = worst / std;
  assert.ok(scaled <= relative, `${what}: max |diff| ${worst.toExponential(3)} is ${scaled.toExponential(3)} of the reference std (limit ${relative})`);
  return scaled;
}
