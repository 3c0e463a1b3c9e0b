/**
 * float16Table: IEEE 754 binary16 → float32 for all 65,536 bit patterns (subnormals, ±Infinity and NaN
 * included), built once and shared by every reader of half-precision data (safetensors F16, GGUF F16 /
 * Q8_0 scales, .npy `<f2`). Every binary16 value is exact in float32.
 *
 * @example
 * const table = float16Table();
 * [table[0x3c00], table[0xc000], table[0x0001] === 2 ** -24, table[0x7c00] === Infinity]
 * // => [1, -2, true, true]
 */
let table: Float32Array | undefined;

export function float16Table(): Float32Array {
  if (table) return table;
  table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) table[h] = sign * fraction * 2 ** -24;
    else if (exponent === 31) table[h] = fraction ? NaN : sign * Infinity;
    else table[h] = sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
  }
  return table;
}
