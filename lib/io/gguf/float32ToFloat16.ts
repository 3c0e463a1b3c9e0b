/**
 * float32ToFloat16: IEEE 754 binary32 → binary16 bit patterns, rounding to nearest, ties to even
 * (the rounding numpy's `astype(np.float16)` and ggml's `ggml_fp32_to_fp16` use).
 *
 * Contract: Float32Array (or numbers) of length n → Uint16Array of length n. Values beyond the
 * largest half (65504, after rounding) become ±Infinity; values below the smallest half subnormal
 * (2^-24) round to a subnormal or ±0; NaN stays NaN (quiet); the sign of zero is kept.
 */
const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/**
 * float32ToFloat16: binary16 bits of each value, round to nearest even.
 *
 * @example
 * Array.from(float32ToFloat16([1, -2, 65504, 1e6, 2 ** -24, 1 + 2 ** -11]))
 * // => [15360, 49152, 31743, 31744, 1, 15360]
 */
export function float32ToFloat16(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = halfBits(values[i]);
  return out;
}

function halfBits(value: number): number {
  scratch[0] = value;
  const bits = scratchBits[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Infinity or NaN
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00; // overflow → Infinity
  if (halfExponent <= 0) {
    // Half subnormal: value = m · 2^-24 with m = (1.mantissa) · 2^(exponent − 126), so drop 14 − halfExponent bits.
    if (halfExponent < -10) return sign; // below half the smallest subnormal → ±0
    mantissa |= 0x800000;
    const shift = 14 - halfExponent;
    const kept = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    return sign | (rest > halfway || (rest === halfway && (kept & 1)) ? kept + 1 : kept);
  }
  // Normal: keep 10 of 23 mantissa bits; a carry out of the mantissa correctly bumps the exponent.
  const kept = (halfExponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  return sign | (rest > 0x1000 || (rest === 0x1000 && (kept & 1)) ? kept + 1 : kept);
}
