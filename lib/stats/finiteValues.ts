/**
 * Shared input check for the statistics: a plain float64 copy of `values`, or a LogitlabError
 * naming the statistic, the argument and the index of the first value that is not finite.
 * Internal helper (not re-exported from `lib/stats/index.ts`).
 */
import { LogitlabError } from "../util/errors.js";

/**
 * finiteValues: copies `values` into a `number[]` after checking that there are at least
 * `minimum` of them and that every one is finite (NaN and ±Infinity are rejected, naming the index).
 *
 *     finiteValues("quantile", "values", [1, NaN], 1)
 *     // throws "quantile: values[1] is NaN; every value must be a finite number (drop or impute missing values first)"
 */
export function finiteValues(statistic: string, argument: string, values: ArrayLike<number>, minimum: number): number[] {
  if (values == null || typeof values.length !== "number") {
    throw new LogitlabError(`${argument} must be an array of numbers, got ${values === null ? "null" : typeof values}`, { context: statistic });
  }
  if (values.length < minimum) {
    throw new LogitlabError(`${statistic} needs at least ${minimum} value${minimum === 1 ? "" : "s"} in ${argument}, got ${values.length}`);
  }
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new LogitlabError(
        `${argument}[${i}] is ${typeof v === "number" ? String(v) : typeof v}; every value must be a finite number (drop or impute missing values first)`,
        { context: statistic },
      );
    }
    out[i] = v;
  }
  return out;
}
