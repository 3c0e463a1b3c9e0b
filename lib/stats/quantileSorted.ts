/**
 * quantileSorted: `quantile` of values already sorted ascending, read in place — no copy, no sort,
 * O(1) per q. For large arrays that are sorted once (in place) and asked for several quantiles, such
 * as a study's median, p95 and p99 of 2·10⁶ float64 values, where `quantile` would copy and sort again.
 *
 * Same definition as `quantile` (numpy's default, method="linear", Hyndman & Fan type 7): with
 * h = (n − 1)·q,
 *   Q(q) = v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋ + 1] − v[⌊h⌋]),
 * the interpolation evaluated from the nearer neighbour as numpy's `_lerp` does, so results agree with
 * `np.quantile` bit for bit. `quantile(values, q)` is `quantileSorted` of a sorted copy.
 *
 * Type: (sortedValues: ArrayLike<number>, ascending and finite, n ≥ 1; q ∈ [0, 1]) → number, or
 * (sortedValues, q: number[]) → number[].
 * Throws LogitlabError for empty input and q outside [0, 1]. The order and finiteness of the whole
 * array are not checked (that would cost O(n)); the one or two values a quantile reads are, so NaN or
 * an unsorted pair there throws rather than giving a wrong number.
 * Algorithm: https://numpy.org/doc/stable/reference/generated/numpy.quantile.html and
 * Hyndman & Fan (1996), https://doi.org/10.1080/00031305.1996.10473566.
 *
 * @example
 * quantileSorted([1, 2, 3, 4], [0.25, 0.5])
 * // => [1.75, 2.5]
 */
import { LogitlabError } from "../util/errors.js";

const CONTEXT = "quantileSorted";

export function quantileSorted(sortedValues: ArrayLike<number>, q: number): number;
export function quantileSorted(sortedValues: ArrayLike<number>, q: readonly number[]): number[];
export function quantileSorted(sortedValues: ArrayLike<number>, q: number | readonly number[]): number | number[];
export function quantileSorted(sortedValues: ArrayLike<number>, q: number | readonly number[]): number | number[] {
  if (sortedValues == null || typeof sortedValues.length !== "number") {
    throw new LogitlabError(`sortedValues must be an array of numbers, got ${sortedValues === null ? "null" : typeof sortedValues}`, { context: CONTEXT });
  }
  const n = sortedValues.length;
  if (n === 0) throw new LogitlabError(`${CONTEXT} needs at least 1 value in sortedValues, got 0`);
  const qs = typeof q === "number" ? [q] : q;
  const result = qs.map((p, i) => {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new LogitlabError(`q${typeof q === "number" ? "" : `[${i}]`} = ${p} is outside [0, 1]`, { context: CONTEXT });
    }
    const virtualIndex = (n - 1) * p;
    const below = Math.min(Math.floor(virtualIndex), n - 1);
    const above = Math.min(below + 1, n - 1);
    const low = checked(sortedValues, below);
    const high = checked(sortedValues, above);
    if (high < low) throw new LogitlabError(`sortedValues are not ascending: [${below}] = ${low} > [${above}] = ${high}`, { context: CONTEXT });
    if (virtualIndex >= n - 1) return high;
    // numpy's _lerp: interpolate from the nearer neighbour.
    const weight = virtualIndex - below;
    const difference = high - low;
    return weight >= 0.5 ? high - difference * (1 - weight) : low + difference * weight;
  });
  return typeof q === "number" ? result[0] : result;
}

function checked(values: ArrayLike<number>, index: number): number {
  const v = values[index];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new LogitlabError(`sortedValues[${index}] is ${typeof v === "number" ? String(v) : typeof v}; every value must be a finite number`, { context: CONTEXT });
  }
  return v;
}
