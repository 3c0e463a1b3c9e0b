import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeNpy } from "../../lib/io/writeNpy.js";

const dir = mkdtempSync(join(tmpdir(), "logitlab-npy-"));

test("writeNpy writes a version 1.0 header padded to 64 bytes and little-endian float32 data", () => {
  const path = join(dir, "a.npy");
  writeNpy(path, new Float32Array([1.5, -2, 3, 4, 5, 6]), [2, 3]);
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const headerLength = bytes.readUInt16LE(8);
  assert.equal((10 + headerLength) % 64, 0);
  const header = bytes.subarray(10, 10 + headerLength).toString("latin1");
  assert.match(header, /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length));
  assert.deepEqual(Array.from(data), [1.5, -2, 3, 4, 5, 6]);
});

test("writeNpy writes a 1-D shape as a one-element tuple and rejects a wrong count", () => {
  const path = join(dir, "b.npy");
  writeNpy(path, [7], [1]);
  assert.match(readFileSync(path).toString("latin1"), /'shape': \(1,\)/);
  assert.throws(() => writeNpy(path, [1, 2], [3]), /shape \[3\] needs 3 values, got 2/);
});

test("writeNpy writes the same bytes as numpy.save (test/fixtures/npy/gen.py)", () => {
  const fixtures = join(import.meta.dirname, "..", "fixtures", "npy");
  writeNpy(join(dir, "matrix.npy"), new Float32Array([1.5, -2, 3, 4, 5, 6]), [2, 3]);
  writeNpy(join(dir, "vector.npy"), [7], [1]);
  for (const name of ["matrix.npy", "vector.npy"]) {
    assert.deepEqual(readFileSync(join(dir, name)), readFileSync(join(fixtures, name)), name);
  }
});
