/**
 * openNpy: a NumPy `.npy` file (format versions 1–3) opened for positioned reads of rows, with the
 * header checked first: magic, header length (at most 64 KiB), `descr` one of the little-endian float
 * (<f2, <f4, <f8) or integer (<i4, <i8, <u4, <u8, |u1… as ids) types, C order, a shape whose bytes
 * fill the file exactly. Own code rather than a package: the npm .npy readers read the whole file into
 * memory, and a dump reads one row at a time. `rows(start, count)` gives `count` rows as float64.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-npy-");
 * writeNpy(dir + "/x.npy", Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
 * const npy = openNpy(dir + "/x.npy");
 * const row = Array.from(npy.rows(1, 1));
 * npy.close();
 * [npy.shape, row]
 * // => [[2, 3], [4, 5, 6]]
 */
import { closeSync, readSync } from "node:fs";
import { LogitlabError } from "../../util/errors.js";
import { openRegularFile } from "./openRegularFile.js";
import { float16Table } from "../../util/float16Table.js";

const TYPES: Record<string, { bytes: number; read: (view: DataView, at: number) => number; float: boolean }> = {
  "<f2": { bytes: 2, read: (v, at) => float16Table()[v.getUint16(at, true)], float: true },
  "<f4": { bytes: 4, read: (v, at) => v.getFloat32(at, true), float: true },
  "<f8": { bytes: 8, read: (v, at) => v.getFloat64(at, true), float: true },
  "<i4": { bytes: 4, read: (v, at) => v.getInt32(at, true), float: false },
  "<i8": { bytes: 8, read: (v, at) => Number(v.getBigInt64(at, true)), float: false },
  "<u4": { bytes: 4, read: (v, at) => v.getUint32(at, true), float: false },
  "<u8": { bytes: 8, read: (v, at) => Number(v.getBigUint64(at, true)), float: false },
  "<i2": { bytes: 2, read: (v, at) => v.getInt16(at, true), float: false },
  "<u2": { bytes: 2, read: (v, at) => v.getUint16(at, true), float: false },
  "|u1": { bytes: 1, read: (v, at) => v.getUint8(at), float: false },
  "|i1": { bytes: 1, read: (v, at) => v.getInt8(at), float: false },
};

export interface NpyFile {
  path: string;
  descr: string;
  /** Floating-point data (else integers). */
  float: boolean;
  shape: number[];
  /** Reads rows [start, start + count) of the array seen as [shape[0], rest] (a 1-D array: elements). */
  rows(start: number, count: number): Float64Array;
  close(): void;
}

export function openNpy(path: string, maxBytes = 64 * 2 ** 30): NpyFile {
  const { fd, size } = openRegularFile(path, maxBytes, "dump");
  const fail = (reason: string, field?: string): never => {
    closeSync(fd);
    throw new LogitlabError(reason, { context: ".npy", file: path, field, kind: "data" });
  };
  const head = Buffer.alloc(12);
  const got = readSync(fd, head, 0, 12, 0);
  if (got < 10 || head.readUInt8(0) !== 0x93 || head.toString("latin1", 1, 6) !== "NUMPY") fail("is not a .npy file (no \\x93NUMPY magic)");
  const major = head.readUInt8(6);
  if (major < 1 || major > 3) fail(`format version ${major} is not 1, 2 or 3`);
  const headerLength = major === 1 ? head.readUInt16LE(8) : head.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  if (headerLength > 65536) fail(`header length ${headerLength} is over the limit of 65536 bytes`);
  if (headerStart + headerLength > size) fail(`header length ${headerLength} runs past the end of the ${size}-byte file`);
  const headerBytes = Buffer.alloc(headerLength);
  readSync(fd, headerBytes, 0, headerLength, headerStart);
  const header = headerBytes.toString(major === 3 ? "utf8" : "latin1");
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) return fail("header has no descr, fortran_order and shape", "header");
  const type = TYPES[descr];
  if (!type) return fail(`dtype ${descr} is not one of ${Object.keys(TYPES).join(", ")} (little-endian numbers)`, "descr");
  if (fortran === "True") fail("is in Fortran order; save a C-ordered array (np.ascontiguousarray)", "fortran_order");
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`shape (${shapeText}) is not a tuple of sizes`, "shape");
  const dataStart = headerStart + headerLength;
  const elements = shape.reduce((a, b) => a * b, 1);
  if (dataStart + elements * type.bytes !== size) fail(`shape (${shape.join(", ")}) × ${descr} needs ${elements * type.bytes} data bytes, the file has ${size - dataStart}`, "shape");
  const width = shape.length <= 1 ? 1 : elements / shape[0];
  return {
    path,
    descr,
    float: type.float,
    shape,
    rows(start: number, count: number): Float64Array {
      const bytes = Buffer.alloc(count * width * type.bytes);
      readSync(fd, bytes, 0, bytes.length, dataStart + start * width * type.bytes);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
      const out = new Float64Array(count * width);
      for (let i = 0; i < out.length; i++) out[i] = type.read(view, i * type.bytes);
      return out;
    },
    close: () => closeSync(fd),
  };
}
