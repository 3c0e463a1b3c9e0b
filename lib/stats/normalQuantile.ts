/**
 * The standard normal quantile (inverse CDF), Wichura's AS 241.
 */
import { LogitlabError } from "../util/errors.js";

/** Horner evaluation of c[0]·r^(k−1) + … + c[k−1] (coefficients from the highest power down). */
function horner(coefficients: readonly number[], r: number): number {
  let value = 0;
  for (const c of coefficients) value = value * r + c;
  return value;
}

// Wichura (1988), PPND16: numerator and denominator coefficients, highest power first.
const CENTRAL_NUM = [2.5090809287301226727e3, 3.3430575583588128105e4, 6.7265770927008700853e4, 4.5921953931549871457e4,
  1.3731693765509461125e4, 1.9715909503065514427e3, 1.3314166789178437745e2, 3.387132872796366608];
const CENTRAL_DEN = [5.226495278852854561e3, 2.8729085735721942674e4, 3.930789580009271061e4, 2.1213794301586595867e4,
  5.3941960214247511077e3, 6.871870074920579083e2, 4.2313330701600911252e1, 1];
const NEAR_NUM = [7.7454501427834140764e-4, 2.27238449892691845833e-2, 2.4178072517745061177e-1, 1.27045825245236838258,
  3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734];
const NEAR_DEN = [1.05075007164441684324e-9, 5.475938084995344946e-4, 1.51986665636164571966e-2, 1.4810397642748007459e-1,
  6.8976733498510000455e-1, 1.6763848301838038494, 2.05319162663775882187, 1];
const FAR_NUM = [2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.2426609473880784386e-3, 2.6532189526576123093e-2,
  2.9656057182850489123e-1, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772];
const FAR_DEN = [2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4,
  1.48753612908506148525e-2, 1.3692988092273580531e-1, 5.9983220655588793769e-1, 1];

/**
 * normalQuantile: the standard normal quantile Φ⁻¹(p), the z with P(Z ≤ z) = p
 * (`scipy.special.ndtri(p)`, `scipy.stats.norm.ppf(p)`), e.g. Φ⁻¹(0.975) = 1.959964 for a
 * two-sided 95% interval.
 *
 * Type: (p ∈ [0, 1]) → z; −Infinity at 0, +Infinity at 1.
 * Throws LogitlabError for p outside [0, 1] or NaN.
 *
 * Stability: about 1e-16 relative (the algorithm's design accuracy); the tails use ln p (or ln(1 − p)),
 * so p = 1e-300 gives −37.04 to full precision. For p close to 1 pass the lower tail instead
 * (−normalQuantile(1 − p)) when 1 − p is known more accurately.
 * Algorithm: Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
 * Applied Statistics 37 (1988) 477–484, https://doi.org/10.2307/2347330 (PPND16; the same rational
 * approximations as Python's `statistics.NormalDist.inv_cdf` and R's `qnorm`).
 *
 * @example
 * normalQuantile(0.975)
 * // => 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
    throw new LogitlabError(`p = ${p} is outside [0, 1]`, { context: "normalQuantile" });
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(CENTRAL_NUM, r)) / horner(CENTRAL_DEN, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = horner(NEAR_NUM, r) / horner(NEAR_DEN, r);
  } else {
    r -= 5;
    x = horner(FAR_NUM, r) / horner(FAR_DEN, r);
  }
  return q < 0 ? -x : x;
}
