/**
 * parseLogprobValue: one log-probability from a server response, checked: a finite number ≤ 0 (a
 * rounding excess up to 1e-4 is clamped to 0). Anything else is a {@link responseError} naming the field.
 *
 * @example
 * [parseLogprobValue(-0.25, "u", "logprob"), parseLogprobValue(0.00001, "u", "logprob")]
 * // => [-0.25, 0]
 */
import { responseError } from "./responseError.js";

export function parseLogprobValue(value: unknown, endpoint: string, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value > 1e-4) {
    throw responseError(endpoint, field, `${JSON.stringify(value)?.slice(0, 40)} is not a log-probability (a finite number ≤ 0)`);
  }
  return Math.min(0, value);
}
