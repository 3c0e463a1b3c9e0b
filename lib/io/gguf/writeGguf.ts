/**
 * writeGguf: write a GGUF (version 3) file — the single-file model format of llama.cpp / ggml.
 *
 * Layout (ggml docs/gguf.md, https://github.com/ggml-org/ggml/blob/master/docs/gguf.md), all
 * little-endian:
 *   u32 magic "GGUF" · u32 version 3 · u64 tensor count · u64 metadata count
 *   metadata: string key · u32 value type · value   (string = u64 byte length + UTF-8 bytes;
 *             array = u32 element type · u64 count · elements)
 *   tensor infos: string name · u32 n_dims · u64 ne[n_dims] · u32 ggml type · u64 offset
 *   padding to `general.alignment` (32), then the tensor data, each tensor starting at a multiple of
 *   the alignment (offsets are relative to the start of the data section).
 * ggml's `ne` lists dimensions fastest-varying first, so a row-major (numpy/safetensors) shape
 * [rows, cols] is written as ne = [cols, rows]; the bytes are the same.
 *
 * Why our own writer: on npm we found GGUF *readers* (`@huggingface/gguf`, used by our tests to read
 * back what this writes) but no maintained writer; llama.cpp's writer is Python (gguf-py). This one
 * streams one tensor at a time (each `tensor.values()` is called once, when its bytes are written),
 * so a conversion never holds more than one tensor. The file is written to a temporary file beside
 * the target and renamed over it; a target that exists and is not a regular file is refused.
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { LogitlabError } from "../../util/errors.js";
import { float32ToFloat16 } from "./float32ToFloat16.js";

/** GGUF metadata value types (gguf.md `gguf_metadata_value_type`). */
const VALUE_TYPE = { u8: 0, i8: 1, u16: 2, i16: 3, u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9, u64: 10, i64: 11, f64: 12 } as const;
/** ggml tensor types we write (ggml.h `enum ggml_type`). */
const GGML_TYPE = { F32: 0, F16: 1 } as const;
const ALIGNMENT = 32;

type ScalarType = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "bool" | "u64" | "i64" | "f64";
/** One metadata key/value pair, typed as GGUF stores it. */
export type GgufMetadataEntry =
  | { key: string; type: ScalarType; value: number | boolean }
  | { key: string; type: "string"; value: string }
  | { key: string; type: "array"; elementType: ScalarType | "string"; values: ArrayLike<number | boolean | string> };

/** One tensor: its row-major shape (numpy order), the stored type, and a callback for its values. */
export interface GgufTensorSpec {
  name: string;
  /** Row-major shape as numpy/safetensors write it; written reversed as ggml's `ne`. */
  shape: number[];
  type: "F32" | "F16";
  /** Row-major float32 values, `prod(shape)` of them; called once, when the tensor is written. */
  values: () => Float32Array;
}

export interface GgufContents {
  metadata: GgufMetadataEntry[];
  tensors: GgufTensorSpec[];
}

/**
 * writeGguf: metadata + tensors → one GGUF v3 file at `path`, written atomically (format above).
 *
 * @example
 * const path = (await import("node:fs")).mkdtempSync("/tmp/logitlab-gguf-") + "/m.gguf";
 * writeGguf(path, {
 *   metadata: [{ key: "general.architecture", type: "string", value: "llama" }],
 *   tensors: [{ name: "w", shape: [2, 3], type: "F32", values: () => new Float32Array(6) }],
 * });
 * (await import("node:fs")).statSync(path).size // => 160
 */
export function writeGguf(path: string, contents: GgufContents): void {
  const fail = (reason: string, position?: string): never => {
    throw new LogitlabError(reason, { context: "gguf", file: path, position });
  };
  refuseNonRegular(path, fail);
  const keys = new Set<string>();
  for (const entry of contents.metadata) {
    if (keys.has(entry.key)) fail(`metadata key "${entry.key}" appears twice`);
    keys.add(entry.key);
  }
  const names = new Set<string>();
  for (const tensor of contents.tensors) {
    const where = `tensor "${tensor.name}"`;
    if (names.has(tensor.name)) fail("tensor name appears twice", where);
    names.add(tensor.name);
    if (Buffer.byteLength(tensor.name) >= 64) fail("tensor name is 64 bytes or longer (ggml's GGML_MAX_NAME)", where);
    if (tensor.shape.length < 1 || tensor.shape.length > 4 || !tensor.shape.every((d) => Number.isSafeInteger(d) && d > 0)) {
      fail(`shape [${tensor.shape.join(", ")}] is not 1 to 4 positive integers`, where);
    }
    if (!(tensor.type in GGML_TYPE)) fail(`type ${JSON.stringify(tensor.type)} is not F32 or F16`, where);
  }

  const header = new ByteWriter();
  header.u32(0x46554747); // "GGUF" read as a little-endian u32
  header.u32(3);
  header.u64(contents.tensors.length);
  header.u64(contents.metadata.length);
  for (const entry of contents.metadata) {
    header.string(entry.key);
    header.u32(VALUE_TYPE[entry.type]);
    if (entry.type === "array") {
      header.u32(VALUE_TYPE[entry.elementType]);
      header.u64(entry.values.length);
      for (let i = 0; i < entry.values.length; i++) header.value(entry.elementType, entry.values[i], fail, `metadata "${entry.key}"[${i}]`);
    } else {
      header.value(entry.type, entry.value, fail, `metadata "${entry.key}"`);
    }
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const tensor of contents.tensors) {
    header.string(tensor.name);
    header.u32(tensor.shape.length);
    for (const d of [...tensor.shape].reverse()) header.u64(d);
    header.u32(GGML_TYPE[tensor.type]);
    header.u64(offset);
    offsets.push(offset);
    offset += padTo(byteSize(tensor), ALIGNMENT);
  }
  const headerBytes = header.finish();

  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${Date.now()}`;
  let fd: number | undefined = openSync(temp, "w");
  try {
    writeAll(fd, headerBytes);
    writeAll(fd, new Uint8Array(padTo(headerBytes.length, ALIGNMENT) - headerBytes.length));
    contents.tensors.forEach((tensor) => {
      const elements = tensor.shape.reduce((a, b) => a * b, 1);
      const values = tensor.values();
      if (values.length !== elements) fail(`got ${values.length} values for shape [${tensor.shape.join(", ")}] (${elements} elements)`, `tensor "${tensor.name}"`);
      const data = tensor.type === "F32" ? new Uint8Array(values.buffer, values.byteOffset, values.byteLength) : new Uint8Array(float32ToFloat16(values).buffer);
      writeAll(fd!, data);
      writeAll(fd!, new Uint8Array(padTo(data.length, ALIGNMENT) - data.length));
    });
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    refuseNonRegular(path, fail);
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}

function refuseNonRegular(path: string, fail: (reason: string) => never): void {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return; // does not exist yet
  }
  if (!stats.isFile()) fail("exists and is not a regular file (a folder, link or device); refusing to replace it");
}

function byteSize(tensor: GgufTensorSpec): number {
  return tensor.shape.reduce((a, b) => a * b, 1) * (tensor.type === "F32" ? 4 : 2);
}

function padTo(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** A growable little-endian byte buffer for the header. */
class ByteWriter {
  private buffer = Buffer.alloc(1 << 16);
  private length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const next = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  u32(v: number): void {
    this.reserve(4);
    this.buffer.writeUInt32LE(v, this.length);
    this.length += 4;
  }

  u64(v: number): void {
    this.reserve(8);
    this.buffer.writeBigUInt64LE(BigInt(v), this.length);
    this.length += 8;
  }

  string(s: string): void {
    const bytes = Buffer.from(s, "utf8");
    this.u64(bytes.length);
    this.reserve(bytes.length);
    bytes.copy(this.buffer, this.length);
    this.length += bytes.length;
  }

  value(type: ScalarType | "string", v: number | boolean | string, fail: (reason: string, position?: string) => never, where: string): void {
    if (type === "string") {
      if (typeof v !== "string") fail(`expected a string, got ${JSON.stringify(v)}`, where);
      return this.string(v as string);
    }
    if (type === "bool") {
      if (typeof v !== "boolean") fail(`expected a boolean, got ${JSON.stringify(v)}`, where);
      this.reserve(1);
      this.buffer.writeUInt8(v ? 1 : 0, this.length++);
      return;
    }
    if (typeof v !== "number" || Number.isNaN(v)) return fail(`expected a number, got ${JSON.stringify(v)}`, where);
    const integer = type !== "f32" && type !== "f64";
    if (integer && !Number.isSafeInteger(v)) fail(`${v} is not an integer for type ${type}`, where);
    const sizes = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, u64: 8, i64: 8, f64: 8 } as const;
    this.reserve(sizes[type]);
    try {
      const b = this.buffer;
      const at = this.length;
      if (type === "u8") b.writeUInt8(v, at);
      else if (type === "i8") b.writeInt8(v, at);
      else if (type === "u16") b.writeUInt16LE(v, at);
      else if (type === "i16") b.writeInt16LE(v, at);
      else if (type === "u32") b.writeUInt32LE(v, at);
      else if (type === "i32") b.writeInt32LE(v, at);
      else if (type === "f32") b.writeFloatLE(v, at);
      else if (type === "u64") b.writeBigUInt64LE(BigInt(v), at);
      else if (type === "i64") b.writeBigInt64LE(BigInt(v), at);
      else b.writeDoubleLE(v, at);
    } catch {
      fail(`${v} is out of range for type ${type}`, where);
    }
    this.length += sizes[type];
  }

  finish(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
