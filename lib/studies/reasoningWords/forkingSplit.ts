import { LogitlabError } from "../../util/errors.js";

/** Count and mean of one group of positions. */
export interface GroupMean {
  count: number;
  /** Arithmetic mean; NaN when the group is empty. */
  mean: number;
}

/**
 * forkingSplit: a per-position value (a word's propensity, a token's probability) averaged at forking
 * positions and at the rest.
 *
 *     mean_forking = Σ_{t: forking_t} x_t / #forking,   mean_rest = Σ_{t: ¬forking_t} x_t / #rest
 *
 * Type: (values [n], forking [n] booleans, from `forkingPositions`) → { forking, rest } with count and mean.
 * Throws LogitlabError when the lengths differ or a value is not finite (naming its index).
 *
 * @example
 * forkingSplit([0.5, 0.1, 0.3], [true, false, false])
 * // => { "forking": { "count": 1, "mean": 0.5 }, "rest": { "count": 2, "mean": 0.2 } }
 */
export function forkingSplit(values: ArrayLike<number>, forking: ArrayLike<boolean>): { forking: GroupMean; rest: GroupMean } {
  if (values.length !== forking.length) {
    throw new LogitlabError(`${values.length} values but ${forking.length} forking flags`, { context: "forkingSplit" });
  }
  const sums = [0, 0];
  const counts = [0, 0];
  for (let t = 0; t < values.length; t++) {
    const x = values[t];
    if (typeof x !== "number" || !Number.isFinite(x)) throw new LogitlabError(`value ${x} is not finite`, { context: "forkingSplit", position: `index ${t}` });
    const group = forking[t] ? 0 : 1;
    sums[group] += x;
    counts[group]++;
  }
  const group = (g: number): GroupMean => ({ count: counts[g], mean: counts[g] > 0 ? sums[g] / counts[g] : NaN });
  return { forking: group(0), rest: group(1) };
}
