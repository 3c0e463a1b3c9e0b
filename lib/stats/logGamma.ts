/**
 * Log of the Gamma function for positive arguments.
 */
import { stirlingRemainder } from "./stirlingRemainder.js";

const HALF_LOG_TWO_PI = 0.9189385332046728; // 0.5 * Math.log(2 * Math.PI)
const STIRLING_FROM = 10;

/**
 * logGamma: ln Γ(z) for z > 0.
 *
 * Type: (z > 0) → number; NaN for z ≤ 0 or NaN, Infinity for Infinity.
 *
 * Algorithm: Stirling's series with seven Bernoulli terms for z ≥ 10, otherwise shifted up,
 *   ln Γ(z) = ln Γ(z + k) − ln(z (z + 1) … (z + k − 1)),
 * https://dlmf.nist.gov/5.11#E1 and https://dlmf.nist.gov/5.5#E1.
 * Stability: absolute error about 1e-14 (what prefactors like exp(… − ln Γ) need); relative
 * accuracy is not guaranteed near the zeros of ln Γ at z = 1 and z = 2.
 *
 * @example
 * logGamma(0.5)
 * // => 0.5723649429
 */
export function logGamma(z: number): number {
  if (!(z > 0)) return Number.NaN;
  if (z === Infinity) return Infinity;
  let shift = 1;
  while (z < STIRLING_FROM) {
    shift *= z;
    z += 1;
  }
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + stirlingRemainder(z) - Math.log(shift);
}
