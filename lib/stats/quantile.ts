/**
 * Sample quantiles with numpy's default ("linear", Hyndman & Fan type 7) interpolation.
 */
import { LogitlabError } from "../util/errors.js";
import { finiteValues } from "./finiteValues.js";
import { quantileSorted } from "./quantileSorted.js";

/**
 * quantile: the q-th sample quantile, numpy's default (`np.quantile(values, q)`, method="linear",
 * Hyndman & Fan type 7): with the values sorted, h = (n − 1)·q and
 *   Q(q) = v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋ + 1] − v[⌊h⌋]).
 * quantile(values, 0.5) is the median.
 *
 * Type: (values: ArrayLike<number> with n ≥ 1 finite values, q ∈ [0, 1]) → number, or
 * (values, q: number[]) → number[] (sorting once).
 * Throws LogitlabError for empty input, non-finite values (naming the index) and q outside [0, 1].
 *
 * Stability: the interpolation is evaluated from the nearer neighbour, as numpy's `_lerp` does, so
 * results agree with numpy bit for bit in the tests. O(n log n) for the sort of a float64 copy (the
 * input is left as it is); for values already sorted, `quantileSorted` reads them in place.
 * Algorithm: https://numpy.org/doc/stable/reference/generated/numpy.quantile.html and
 * Hyndman & Fan (1996), https://doi.org/10.1080/00031305.1996.10473566.
 *
 * @example
 * quantile([1, 2, 3, 4], [0.25, 0.5])
 * // => [1.75, 2.5]
 */
export function quantile(values: ArrayLike<number>, q: number): number;
export function quantile(values: ArrayLike<number>, q: readonly number[]): number[];
export function quantile(values: ArrayLike<number>, q: number | readonly number[]): number | number[] {
  const qs = typeof q === "number" ? [q] : q;
  qs.forEach((p, i) => {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new LogitlabError(`q${typeof q === "number" ? "" : `[${i}]`} = ${p} is outside [0, 1]`, { context: "quantile" });
    }
  });
  const sorted = Float64Array.from(finiteValues("quantile", "values", values, 1)).sort();
  return quantileSorted(sorted, q);
}
