/**
 * Shared input check for the two-sample statistics (pearson, spearman, kendall, linearFit, …).
 * Internal helper (not re-exported from `lib/stats/index.ts`).
 */
import { LogitlabError } from "../util/errors.js";
import { finiteValues } from "./finiteValues.js";

/**
 * finitePairs: checks that `x` and `y` have equal length, at least `minimum` pairs and only finite
 * values, and returns plain `number[]` copies.
 *
 *     finitePairs("pearson", [1, 2], [3, 4], 3)
 *     // throws "pearson needs at least 3 pairs, got 2"
 */
export function finitePairs(
  statistic: string,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  minimum: number,
): { x: number[]; y: number[] } {
  for (const [name, values] of [["x", x], ["y", y]] as const) {
    if (values == null || typeof values.length !== "number") {
      throw new LogitlabError(`${name} must be an array of numbers, got ${values === null ? "null" : typeof values}`, { context: statistic });
    }
  }
  if (x.length !== y.length) {
    throw new LogitlabError(`${statistic} needs x and y of equal length, got ${x.length} and ${y.length}`);
  }
  if (x.length < minimum) {
    throw new LogitlabError(`${statistic} needs at least ${minimum} pair${minimum === 1 ? "" : "s"}, got ${x.length}`);
  }
  return { x: finiteValues(statistic, "x", x, 0), y: finiteValues(statistic, "y", y, 0) };
}
