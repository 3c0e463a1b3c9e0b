/**
 * McNemar's test for paired binary outcomes (two techniques on the same questions).
 */
import { LogitlabError } from "../util/errors.js";
import { normalTwoSidedP } from "./normalTwoSidedP.js";
import { regularizedIncompleteBeta } from "./regularizedIncompleteBeta.js";

export interface McNemarResult {
  /** Pairs where the first outcome is true and the second false (A right, B wrong). */
  b: number;
  /** Pairs where the first outcome is false and the second true (A wrong, B right). */
  c: number;
  /** Pairs where both are true. */
  bothTrue: number;
  /** Pairs where both are false. */
  bothFalse: number;
  /** Number of pairs. */
  n: number;
  /** Exact two-sided p: min(1, 2 · P(X ≤ min(b, c))), X ~ Binomial(b + c, ½); 1 when b + c = 0. */
  exactP: number;
  /** Edwards' continuity-corrected statistic max(0, |b − c| − 1)² / (b + c); NaN when b + c = 0. */
  chiSquare: number;
  /** P(χ²₁ ≥ chiSquare); NaN when b + c = 0. */
  chiSquareP: number;
  /** The p-value to report: always `exactP` (valid at every b + c; the χ² version is for comparison). */
  p: number;
}

function outcomes(name: string, values: ArrayLike<boolean | number>): boolean[] {
  if (values == null || typeof values.length !== "number") {
    throw new LogitlabError(`${name} must be an array of booleans (or 0/1), got ${values === null ? "null" : typeof values}`, { context: "mcnemar" });
  }
  return Array.from({ length: values.length }, (_, i) => {
    const v = values[i];
    if (v === true || v === 1) return true;
    if (v === false || v === 0) return false;
    throw new LogitlabError(`${name}[${i}] is ${typeof v === "number" ? String(v) : JSON.stringify(v) ?? String(v)}; outcomes must be true/false or 1/0`, { context: "mcnemar" });
  });
}

/**
 * mcnemar: McNemar's test of H0 "the two techniques are right equally often" on paired binary
 * outcomes (first[i], second[i] for the same question i). Only the discordant pairs count:
 *   b = #(first right, second wrong),  c = #(first wrong, second right),
 *   exact:      p = min(1, 2 · Σ_{i ≤ min(b,c)} C(b+c, i) / 2^(b+c))   (= I_{½}(b+c−k, k+1), k = min(b, c)),
 *   corrected:  χ² = max(0, |b − c| − 1)² / (b + c),  p = P(χ²₁ ≥ χ²) = erfc(√(χ²/2)).
 * The exact p equals `scipy.stats.binomtest(b, b + c, 0.5).pvalue`; the corrected χ² equals
 * statsmodels' `mcnemar(table, exact=False)` except at b = c, where the max(0, ·) keeps the
 * correction from overshooting (χ² = 0, p = 1; statsmodels gives 1/(b + c)).
 *
 * Which p: `p` is always the exact one — it is valid for every b + c and cheap to compute, while the
 * χ² approximation is poor for b + c < 25; the corrected χ² is reported beside it for comparison
 * with papers that use it.
 *
 * Type: (first, second: ArrayLike<boolean | 0 | 1>, equal length n ≥ 1) → McNemarResult.
 * No discordant pairs (b + c = 0): exactP = p = 1, chiSquare and chiSquareP NaN.
 * Throws LogitlabError for empty input, unequal lengths and any value other than true/false/1/0
 * (naming the index).
 *
 * Stability: the binomial tail goes through the regularised incomplete Beta function, so it keeps
 * its relative precision when tiny (b + c in the thousands). Algorithm: McNemar (1947),
 * https://doi.org/10.1007/BF02295996; https://en.wikipedia.org/wiki/McNemar%27s_test.
 *
 * @example
 * const t = mcnemar([1, 1, 1, 1, 1, 1, 0, 1], [0, 0, 0, 0, 0, 1, 0, 1]); [t.b, t.c, t.p]
 * // => [5, 0, 0.0625]
 */
export function mcnemar(first: ArrayLike<boolean | number>, second: ArrayLike<boolean | number>): McNemarResult {
  const a = outcomes("first", first);
  const s = outcomes("second", second);
  if (a.length !== s.length) {
    throw new LogitlabError(`mcnemar needs paired outcomes of equal length, got ${a.length} and ${s.length}`);
  }
  if (a.length === 0) throw new LogitlabError("mcnemar needs at least 1 pair, got 0");
  let b = 0;
  let c = 0;
  let bothTrue = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && s[i]) bothTrue++;
    else if (a[i]) b++;
    else if (s[i]) c++;
  }
  const n = a.length;
  const bothFalse = n - b - c - bothTrue;
  const m = b + c;
  if (m === 0) {
    return { b, c, bothTrue, bothFalse, n, exactP: 1, chiSquare: Number.NaN, chiSquareP: Number.NaN, p: 1 };
  }
  const k = Math.min(b, c);
  // P(X ≤ k) for X ~ Binomial(m, ½) = I_{½}(m − k, k + 1); at b = c the doubled tail exceeds 1.
  const exactP = 2 * k >= m ? 1 : Math.min(1, 2 * regularizedIncompleteBeta(0.5, m - k, k + 1, 0.5));
  const excess = Math.max(0, Math.abs(b - c) - 1);
  const chiSquare = (excess * excess) / m;
  const chiSquareP = normalTwoSidedP(Math.sqrt(chiSquare));
  return { b, c, bothTrue, bothFalse, n, exactP, chiSquare, chiSquareP, p: exactP };
}
