/**
 * Wilson score interval for a binomial proportion, with or without continuity correction.
 */
import { LogitlabError } from "../util/errors.js";
import { normalQuantile } from "./normalQuantile.js";

export interface WilsonIntervalOptions {
  /** Confidence level in (0, 1); default 0.95. */
  level?: number;
  /** Use the continuity-corrected interval (Newcombe's method 4); default false. */
  continuityCorrection?: boolean;
}

export interface WilsonInterval {
  /** The observed proportion k/n. */
  estimate: number;
  low: number;
  high: number;
  level: number;
  continuityCorrection: boolean;
}

/**
 * wilsonInterval: the Wilson score interval for a proportion p̂ = k/n at level 1 − α, with
 * z = Φ⁻¹(1 − α/2):
 *   plain:      (p̂ + z²/(2n) ± z √(p̂(1 − p̂)/n + z²/(4n²))) / (1 + z²/n),
 *   corrected:  low  = (2np̂ + z² − 1 − z √(z² − 2 − 1/n + 4p̂(n(1 − p̂) + 1))) / (2(n + z²)),
 *               high = (2np̂ + z² + 1 + z √(z² + 2 − 1/n + 4p̂(n(1 − p̂) − 1))) / (2(n + z²)),
 * and in both low = 0 exactly when k = 0 and high = 1 exactly when k = n (as scipy).
 * These are `scipy.stats.binomtest(k, n).proportion_ci(level, method="wilson")` and
 * `method="wilsoncc"`. Unlike the normal (Wald) interval it stays inside [0, 1] and is not
 * degenerate at k = 0 or k = n.
 *
 * Type: (successes k: integer in [0, n], trials n: integer ≥ 1, options) → {estimate, low, high, level, continuityCorrection}.
 * Throws LogitlabError for n < 1 ("wilsonInterval needs at least 1 trial, got 0"), non-integer or
 * out-of-range counts, NaN, and a level outside (0, 1).
 *
 * Algorithm: Wilson (1927), https://doi.org/10.1080/01621459.1927.10502953; continuity correction
 * as Newcombe (1998) method 4, https://doi.org/10.1002/(SICI)1097-0258(19980430)17:8%3C857::AID-SIM777%3E3.0.CO;2-E.
 *
 * @example
 * const { low, high } = wilsonInterval(8, 10); [low, high]
 * // => [0.4902, 0.9433]
 */
export function wilsonInterval(successes: number, trials: number, options: WilsonIntervalOptions = {}): WilsonInterval {
  const level = options.level ?? 0.95;
  const continuityCorrection = options.continuityCorrection ?? false;
  if (!Number.isInteger(trials) || trials < 1) {
    throw new LogitlabError(`wilsonInterval needs at least 1 trial (an integer), got ${trials}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new LogitlabError(`successes must be an integer in [0, ${trials}], got ${successes}`, { context: "wilsonInterval" });
  }
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new LogitlabError(`level must be in (0, 1), got ${level}`, { context: "wilsonInterval" });
  }
  const n = trials;
  const p = successes / n;
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  let low: number;
  let high: number;
  if (!continuityCorrection) {
    const denominator = 1 + z2 / n;
    const centre = (p + z2 / (2 * n)) / denominator;
    const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
    low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
    high = successes === n ? 1 : Math.min(1, centre + halfWidth);
  } else {
    const denominator = 2 * (n + z2);
    const e = 2 * n * p + z2;
    low = successes === 0 ? 0 : (e - 1 - z * Math.sqrt(z2 - 2 - 1 / n + 4 * p * (n * (1 - p) + 1))) / denominator;
    high = successes === n ? 1 : (e + 1 + z * Math.sqrt(z2 + 2 - 1 / n + 4 * p * (n * (1 - p) - 1))) / denominator;
    low = Math.max(0, low);
    high = Math.min(1, high);
  }
  return { estimate: p, low, high, level, continuityCorrection };
}
