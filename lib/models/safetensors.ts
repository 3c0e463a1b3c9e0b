/**
 * safetensors: a small, validating reader for the Hugging Face safetensors format.
 *
 * Format (https://huggingface.co/docs/safetensors/index#format): 8 bytes little-endian u64 N, then N
 * bytes of UTF-8 JSON `{ "<name>": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {string: string} }`, then the byte buffer; offsets are relative to the buffer start.
 *
 * Why our own reader instead of a package: the npm readers we found either read the whole file into
 * one Buffer (twice the checkpoint in memory once converted to float32) or skip validation. This one
 * checks the whole header before it touches any tensor data — header size limit, known dtypes,
 * integer shapes, offsets inside the file and non-overlapping, shape × dtype size = byte length — and
 * then reads one tensor at a time with positioned reads (`fs.readSync` at an offset), so loading never
 * holds more than the tensors already converted plus one tensor in flight.
 *
 * F32, F16, BF16 and F64 are converted to float32 (F16 through a 65,536-entry table; BF16 by shifting
 * into the high half of a float32). Integer dtypes are validated but cannot be read as floats here.
 */
import { float16Table } from "../util/float16Table.js";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { endianness } from "node:os";
import { LogitlabError } from "../util/errors.js";
import { escapeControl } from "../util/escapeControl.js";
import { readErrorReason } from "../util/readRegularFile.js";

/** Bytes per element of every dtype the format defines. */
const DTYPE_BYTES: Record<string, number> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, F8_E4M3: 1, F8_E5M2: 1,
  I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1,
};
/** Most elements one read returns: 2^30 float32 = 4 GiB, the whole wasm32 heap (larger is never loadable). */
const MAX_READ_ELEMENTS = 2 ** 30;
/** Dtypes `read` converts to float32. */
const FLOAT_DTYPES = new Set(["F32", "F16", "BF16", "F64"]);

/** One tensor's header entry, with offsets made absolute in the file. */
export interface SafetensorsEntry {
  name: string;
  dtype: string;
  shape: number[];
  /** Absolute byte offsets in the file: [begin, end). */
  begin: number;
  end: number;
}

/** An open, validated safetensors file. Call `close()` when done. */
export interface SafetensorsFile {
  path: string;
  /** Header entries by tensor name, in file order. */
  tensors: Map<string, SafetensorsEntry>;
  /** The optional `__metadata__` map. */
  metadata: Record<string, string>;
  /** Reads one tensor and converts it to float32 (row-major, like the file). */
  read(name: string): Float32Array;
  /** Reads `count` elements from element `start` of one tensor (row-major) as float32. */
  readRange(name: string, start: number, count: number): Float32Array;
  close(): void;
}

/** Options for {@link openSafetensors}. */
export interface SafetensorsOptions {
  /** Largest accepted JSON header in bytes (default 100 MB, as in the reference implementation). */
  maxHeaderBytes?: number;
}

/**
 * openSafetensors: open a `.safetensors` file and validate its header before any data is read.
 *
 * Contract: path → {@link SafetensorsFile}; `read(name)` → Float32Array of `prod(shape)` values.
 * Every validation failure is a LogitlabError naming the file and the tensor.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-st-");
 * const header = Buffer.from(JSON.stringify({ w: { dtype: "F32", shape: [2], data_offsets: [0, 8] } }));
 * const size = Buffer.alloc(8); size.writeBigUInt64LE(BigInt(header.length));
 * (await import("node:fs")).writeFileSync(dir + "/m.safetensors", Buffer.concat([size, header, Buffer.from(new Float32Array([1.5, -2]).buffer)]));
 * Array.from(openSafetensors(dir + "/m.safetensors").read("w")) // => [1.5, -2]
 */
export function openSafetensors(path: string, options: SafetensorsOptions = {}): SafetensorsFile {
  if (endianness() !== "LE") throw new LogitlabError("safetensors reading needs a little-endian machine", { context: "safetensors", file: path });
  const maxHeaderBytes = options.maxHeaderBytes ?? 100_000_000;
  const fail = (reason: string, position?: string): never => {
    throw new LogitlabError(reason, { context: "safetensors", file: path, position, kind: "data" });
  };
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO named model.safetensors must not block the open.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return fail(readErrorReason(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) fail("is not a regular file; only regular files are read");
    const fileSize = stats.size;
    if (fileSize < 8) fail(`file is ${fileSize} bytes, too short for the 8-byte header length`);
    const lengthBytes = Buffer.alloc(8);
    readFully(fd, lengthBytes, 0, path);
    const headerLength = lengthBytes.readBigUInt64LE(0);
    if (headerLength > BigInt(maxHeaderBytes)) fail(`header length ${headerLength} exceeds the limit of ${maxHeaderBytes} bytes`);
    const headerBytes = Number(headerLength);
    if (8 + headerBytes > fileSize) fail(`header length ${headerBytes} runs past the end of the ${fileSize}-byte file`);
    const headerBuffer = Buffer.alloc(headerBytes);
    readFully(fd, headerBuffer, 8, path);
    let header: unknown;
    try {
      header = JSON.parse(headerBuffer.toString("utf8"));
    } catch (error) {
      return fail(`header is not valid JSON: ${escapeControl((error as Error).message)}`);
    }
    if (header === null || typeof header !== "object" || Array.isArray(header)) return fail("header is not a JSON object");

    const dataStart = 8 + headerBytes;
    const dataLength = fileSize - dataStart;
    const tensors = new Map<string, SafetensorsEntry>();
    let metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
      if (name === "__metadata__") {
        metadata = validateMetadata(value, fail);
        continue;
      }
      const where = `tensor ${short(name)}`;
      if (value === null || typeof value !== "object" || Array.isArray(value)) fail("entry is not an object", where);
      const { dtype, shape, data_offsets: offsets } = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      if (typeof dtype !== "string" || !(dtype in DTYPE_BYTES)) {
        fail(`unknown dtype ${short(dtype)}; known: ${Object.keys(DTYPE_BYTES).join(", ")}`, where);
      }
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
        fail(`shape ${short(shape)} is not a list of non-negative integers`, where);
      }
      if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
        fail(`data_offsets ${short(offsets)} is not a pair of non-negative integers`, where);
      }
      const [begin, end] = offsets as [number, number];
      if (begin > end) fail(`data_offsets [${begin}, ${end}] end before they begin`, where);
      if (end > dataLength) fail(`data_offsets [${begin}, ${end}] run past the ${dataLength}-byte data buffer`, where);
      const elements = (shape as number[]).reduce((a, b) => a * b, 1);
      const expected = elements * DTYPE_BYTES[dtype as string];
      if (expected !== end - begin) {
        fail(`shape [${(shape as number[]).join(", ")}] × ${dtype} needs ${expected} bytes but data_offsets span ${end - begin}`, where);
      }
      tensors.set(name, { name, dtype: dtype as string, shape: shape as number[], begin: dataStart + begin, end: dataStart + end });
    }
    const sorted = [...tensors.values()].sort((a, b) => a.begin - b.begin || a.end - b.end);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (current.begin < previous.end && current.end > current.begin) {
        fail(`tensor ${short(current.name)} overlaps tensor ${short(previous.name)} in the data buffer`);
      }
    }

    let open = true;
    const find = (name: string): SafetensorsEntry => {
      if (!open) throw new LogitlabError(`read "${name}" after close()`, { context: "safetensors", file: path });
      const entry = tensors.get(name);
      if (!entry) throw new LogitlabError(`no tensor named "${name}"`, { context: "safetensors", file: path });
      return entry;
    };
    return {
      path,
      tensors: new Map(sorted.map((e) => [e.name, e])),
      metadata,
      read(name: string): Float32Array {
        const entry = find(name);
        const total = (entry.end - entry.begin) / DTYPE_BYTES[entry.dtype];
        if (total > MAX_READ_ELEMENTS) {
          throw new LogitlabError(`tensor has ${total} elements; at most ${MAX_READ_ELEMENTS} (4 GiB as float32) are read at once; use readRange`, {
            context: "safetensors", file: path, position: `tensor ${JSON.stringify(escapeControl(name))}`, kind: "data",
          });
        }
        return readEntry(fd, entry, path, 0, total);
      },
      readRange(name: string, start: number, count: number): Float32Array {
        const entry = find(name);
        const total = (entry.end - entry.begin) / DTYPE_BYTES[entry.dtype];
        if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > total) {
          throw new LogitlabError(`range [${start}, ${start + count}) is outside the tensor's ${total} elements`, { context: "safetensors", file: path, position: `tensor "${name}"` });
        }
        if (count > MAX_READ_ELEMENTS) {
          throw new LogitlabError(`range of ${count} elements; at most ${MAX_READ_ELEMENTS} (4 GiB as float32) are read at once`, { context: "safetensors", file: path, position: `tensor "${name}"`, kind: "data" });
        }
        return readEntry(fd, entry, path, start, count);
      },
      close(): void {
        if (open) closeSync(fd);
        open = false;
      },
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** A header value as JSON for a message, cut to 80 characters and with control characters escaped. */
function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return escapeControl(text.length > 80 ? text.slice(0, 77) + "..." : text);
}

function validateMetadata(value: unknown, fail: (reason: string, position?: string) => never): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) fail("__metadata__ is not an object");
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== "string") fail(`__metadata__ value of ${short(key)} is not a string`);
  }
  return value as Record<string, string>;
}

/** Positioned read of `target.length` bytes at `position`, in chunks (readSync caps one call at 2 GB). */
function readFully(fd: number, target: Uint8Array, position: number, path: string): void {
  const chunk = 1 << 28;
  let done = 0;
  while (done < target.length) {
    let n: number;
    try {
      n = readSync(fd, target, done, Math.min(chunk, target.length - done), position + done);
    } catch (error) {
      throw new LogitlabError(readErrorReason(error), { context: "safetensors", file: path, kind: "data" });
    }
    if (n === 0) throw new LogitlabError(`unexpected end of file at byte ${position + done}; the file was truncated or changed while open`, { context: "safetensors", file: path, kind: "data" });
    done += n;
  }
}

function readEntry(fd: number, entry: SafetensorsEntry, path: string, first: number, count: number): Float32Array {
  if (!FLOAT_DTYPES.has(entry.dtype)) {
    throw new LogitlabError(`dtype ${entry.dtype} cannot be read as float32 (supported: F32, F16, BF16, F64)`, {
      context: "safetensors", file: path, position: `tensor "${entry.name}"`,
    });
  }
  const out = new Float32Array(count);
  const origin = entry.begin + first * DTYPE_BYTES[entry.dtype];
  if (entry.dtype === "F32") {
    // Read straight into the result: no second copy.
    readFully(fd, new Uint8Array(out.buffer), origin, path);
    return out;
  }
  // Half and double precision: convert block by block so the raw bytes never exist all at once.
  const block = 1 << 20; // elements per block
  const elementBytes = DTYPE_BYTES[entry.dtype];
  const raw = new Uint8Array(Math.min(count, block) * elementBytes);
  for (let start = 0; start < count; start += block) {
    const n = Math.min(block, count - start);
    const view = raw.subarray(0, n * elementBytes);
    readFully(fd, view, origin + start * elementBytes, path);
    if (entry.dtype === "F64") {
      const values = new Float64Array(view.buffer, 0, n);
      for (let i = 0; i < n; i++) out[start + i] = values[i];
    } else if (entry.dtype === "BF16") {
      // bfloat16 is the high 16 bits of a float32.
      const halves = new Uint16Array(view.buffer, 0, n);
      const bits = new Uint32Array(out.buffer, start * 4, n);
      for (let i = 0; i < n; i++) bits[i] = halves[i] << 16;
    } else {
      const halves = new Uint16Array(view.buffer, 0, n);
      const table = float16Table();
      for (let i = 0; i < n; i++) out[start + i] = table[halves[i]];
    }
  }
  return out;
}
