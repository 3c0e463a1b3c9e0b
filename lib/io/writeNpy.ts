/**
 * writeNpy: write a float32 array as a NumPy `.npy` file (format version 1.0), atomically.
 *
 * Layout (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the magic
 * `\x93NUMPY`, version 1.0, a little-endian u16 header length, then an ASCII dict
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (T, V), }` padded with spaces and ending in "\n"
 * so that the data starts at a multiple of 64 bytes, then the values in C (row-major) order.
 * Contract: values of length prod(shape) → file; readable with `numpy.load(path)`.
 *
 * @example
 * writeNpy("/tmp/logitlab-example.npy", new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * (await import("node:fs")).readFileSync("/tmp/logitlab-example.npy").length // => 152
 */
import { LogitlabError } from "../util/errors.js";
import { writeFileAtomicSync } from "./atomicWrite.js";

export function writeNpy(path: string, values: Float32Array | number[], shape: number[]): void {
  const count = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0) || count !== values.length) {
    throw new LogitlabError(`shape [${shape.join(", ")}] needs ${count} values, got ${values.length}`, { context: "writeNpy", file: path });
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += " ".repeat((64 - (unpadded % 64)) % 64) + "\n";
  const out = new Uint8Array(10 + header.length + count * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY v1.0
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, "latin1"), 10);
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  writeFileAtomicSync(path, out);
}
