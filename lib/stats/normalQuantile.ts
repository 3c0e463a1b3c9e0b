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

// Wichura (1988), PPND16: numerator and denominator coefficients, highest power first (the
// published 20-digit values written as the float64 numbers they round to).
const CENTRAL_NUM = [2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987,
  13731.69376550946, 1971.5909503065513, 133.14166789178438, 3.3871328727963665];
const CENTRAL_DEN = [5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597,
  5394.196021424751, 687.1870074920579, 42.31333070160091, 1];
const NEAR_NUM = [0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684,
  3.6478483247632045, 5.769497221460691, 4.630337846156546, 1.4234371107496835];
const NEAR_DEN = [1.0507500716444169e-09, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008,
  0.6897673349851, 1.6763848301838038, 2.053191626637759, 1];
const FAR_NUM = [2.0103343992922881e-07, 2.7115555687434876e-05, 0.0012426609473880784, 0.026532189526576124,
  0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103];
const FAR_DEN = [2.0442631033899397e-15, 1.421511758316446e-07, 1.8463183175100548e-05, 0.0007868691311456133,
  0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1];

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
