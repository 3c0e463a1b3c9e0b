/**
 * minMaxScale: values mapped linearly onto [0, 1] by their finite minimum and maximum,
 *
 *     s_i = (x_i − min x) / (max x − min x)
 *
 * NaN stays NaN (a token without a prediction); ±Infinity is left out of the range and clamped to 0 or
 * 1. When every finite value is equal (max = min) each finite value maps to 0.5, not 0/0. No finite
 * value at all gives all NaN. Type: ArrayLike<number> → Float64Array of the same length.
 *
 * @example
 * Array.from(minMaxScale([NaN, -4, -2, 0]), String)
 * // => ["NaN", "0", "0.5", "1"]
 */
export function minMaxScale(values: ArrayLike<number>): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const out = new Float64Array(values.length);
  const span = max - min;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v) || min > max) out[i] = NaN;
    else if (v === Infinity) out[i] = 1;
    else if (v === -Infinity) out[i] = 0;
    else out[i] = span === 0 ? 0.5 : (v - min) / span;
  }
  return out;
}
