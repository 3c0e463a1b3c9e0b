/**
 * writeSafetensors: write named float tensors as a `.safetensors` file (atomically).
 *
 * Layout: u64 little-endian header length, JSON header (padded with spaces to a multiple of 8 bytes,
 * as the reference writer does), then the tensors back to back in the given order. Values are stored
 * as F32, F16 (round to nearest even) or BF16 (round to nearest even).
 *
 * Contract: { name: { shape, values: Float32Array | number[] } } → file; values are row-major.
 *
 * @example
 * const path = "/tmp/logitlab-write-example.safetensors";
 * writeSafetensors(path, { w: { shape: [2], values: [0.5, 3] } }, { dtype: "BF16" });
 * Array.from(openSafetensors(path).read("w")) // => [0.5, 3]
 */
import { writeFileAtomicSync } from "../io/atomicWrite.js";
import { LogitlabError } from "../util/errors.js";

/** One tensor to write. */
export interface TensorToWrite {
  shape: number[];
  values: Float32Array | number[];
}

export function writeSafetensors(
  path: string,
  tensors: Record<string, TensorToWrite>,
  options: { dtype?: "F32" | "F16" | "BF16"; metadata?: Record<string, string> } = {},
): void {
  const dtype = options.dtype ?? "F32";
  const size = dtype === "F32" ? 4 : 2;
  const header: Record<string, unknown> = {};
  if (options.metadata) header.__metadata__ = options.metadata;
  let offset = 0;
  for (const [name, tensor] of Object.entries(tensors)) {
    const count = tensor.shape.reduce((a, b) => a * b, 1);
    if (count !== tensor.values.length) {
      throw new LogitlabError(`shape [${tensor.shape.join(", ")}] needs ${count} values, got ${tensor.values.length}`, {
        context: "writeSafetensors", file: path, position: `tensor "${name}"`,
      });
    }
    header[name] = { dtype, shape: tensor.shape, data_offsets: [offset, offset + count * size] };
    offset += count * size;
  }
  let json = JSON.stringify(header);
  const jsonBytes = Buffer.byteLength(json, "utf8");
  json += " ".repeat((8 - (jsonBytes % 8)) % 8);
  const headerBytes = Buffer.from(json, "utf8");
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (const tensor of Object.values(tensors)) {
    const values = tensor.values;
    const n = values.length;
    if (dtype === "F32") {
      out.set(new Uint8Array(Float32Array.from(values).buffer), position);
    } else {
      const view = new DataView(out.buffer, position, n * 2);
      for (let i = 0; i < n; i++) {
        f32[0] = values[i];
        view.setUint16(i * 2, dtype === "BF16" ? bfloat16Bits(u32[0]) : halfBits(values[i]), true);
      }
    }
    position += n * size;
  }
  writeFileAtomicSync(path, out);
}

/** float32 bits → bfloat16 bits, round to nearest even (NaN stays NaN). */
function bfloat16Bits(bits: number): number {
  if ((bits & 0x7fffffff) > 0x7f800000) return ((bits >>> 16) | 0x40) & 0xffff;
  const rounded = bits + 0x7fff + ((bits >>> 16) & 1);
  return (rounded >>> 16) & 0xffff;
}

/** number → IEEE binary16 bits, round to nearest even. */
function halfBits(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  let x = Math.abs(value);
  if (x >= 65520) return sign | 0x7c00; // rounds to Infinity
  if (x < 2 ** -14) {
    // subnormal: units of 2^-24
    return sign | roundEven(x * 2 ** 24);
  }
  let exponent = Math.floor(Math.log2(x));
  if (2 ** exponent > x) exponent -= 1;
  if (2 ** (exponent + 1) <= x) exponent += 1;
  x = x / 2 ** exponent - 1; // fraction in [0, 1)
  let fraction = roundEven(x * 1024);
  if (fraction === 1024) {
    fraction = 0;
    exponent += 1;
  }
  if (exponent > 15) return sign | 0x7c00;
  return sign | ((exponent + 15) << 10) | fraction;
}

function roundEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
