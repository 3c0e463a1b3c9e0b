/**
 * ggmlRowBytes: bytes of `n` values of a ggml type the llama.cpp engine reads itself (F32 = 0, F16 = 1,
 * Q8_0 = 8: blocks of 32 values in 34 bytes, BF16 = 30); undefined for any other type or a Q8_0 row
 * that is not whole blocks.
 *
 * @example
 * [ggmlRowBytes(0, 64), ggmlRowBytes(8, 64), ggmlRowBytes(12, 256) === undefined]
 * // => [256, 68, true]
 */
/** ggml type ids this file reads. */
export const GGML_F32 = 0;
export const GGML_F16 = 1;
export const GGML_Q8_0 = 8;
export const GGML_BF16 = 30;

export function ggmlRowBytes(type: number, n: number): number | undefined {
  switch (type) {
    case GGML_F32:
      return 4 * n;
    case GGML_F16:
    case GGML_BF16:
      return 2 * n;
    case GGML_Q8_0:
      return n % 32 === 0 ? (n / 32) * 34 : undefined;
    default:
      return undefined;
  }
}
