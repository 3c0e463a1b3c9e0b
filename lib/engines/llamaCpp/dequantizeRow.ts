/**
 * dequantizeRow: one row of a GGUF tensor, as stored on disk, to float32, for the ggml types the
 * engine reads itself: F32 (0), F16 (1), Q8_0 (8) and BF16 (30). Q8_0 is blocks of 32 values, each
 * block an F16 scale d followed by 32 int8 q: x = d · q (ggml-quants.c `dequantize_row_q8_0`).
 * Written here rather than taken from a package: the only npm GGUF readers parse headers, and these
 * four formats are a few lines each. Returns undefined for any other type (the caller says what to do).
 *
 * @example
 * const q8 = new Uint8Array(34); q8[0] = 0x00; q8[1] = 0x38; q8[2] = 2; q8[3] = 0xfe; // d = 0.5, q = [2, −2, 0, …]
 * Array.from(dequantizeRow(q8, 8, 32)!.subarray(0, 3))
 * // => [1, -1, 0]
 */
import { endianness } from "node:os";

import { GGML_BF16, GGML_F16, GGML_F32, GGML_Q8_0, ggmlRowBytes } from "./ggmlRowBytes.js";
import { float16Table } from "../../util/float16Table.js";

export function dequantizeRow(bytes: Uint8Array, type: number, n: number): Float32Array | undefined {
  const half = float16Table();
  if (endianness() !== "LE") return undefined;
  const size = ggmlRowBytes(type, n);
  if (size === undefined || bytes.length < size) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, size);
  const out = new Float32Array(n);
  switch (type) {
    case GGML_F32:
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
      return out;
    case GGML_F16:
      for (let i = 0; i < n; i++) out[i] = half[view.getUint16(2 * i, true)];
      return out;
    case GGML_BF16: {
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < n; i++) bits[i] = view.getUint16(2 * i, true) << 16;
      return out;
    }
    case GGML_Q8_0:
      for (let block = 0; block < n / 32; block++) {
        const d = half[view.getUint16(34 * block, true)];
        for (let i = 0; i < 32; i++) out[32 * block + i] = d * view.getInt8(34 * block + 2 + i);
      }
      return out;
    default:
      return undefined;
  }
}
