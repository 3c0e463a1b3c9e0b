// dequantizeRow against numpy's float64 values of the same bytes (test/fixtures/engines/gen_dequant.py):
// F32, F16, BF16 and Q8_0 exactly (every value is a float32 exactly); other types, short buffers and a
// Q8_0 row that is not whole blocks are refused (undefined), and ggufEmbeddingRows then returns undefined.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dequantizeRow, ggufEmbeddingRows } from "logitlab";

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "engines", "dequant.json"), "utf8")) as {
  cases: { type: number; name: string; n: number; base64: string; values: number[] }[];
};

for (const { type, name, n, base64, values } of fixture.cases) {
  test(`dequantizeRow ${name}: numpy's values of the same bytes`, () => {
    const bytes = new Uint8Array(Buffer.from(base64, "base64"));
    const row = dequantizeRow(bytes, type, n);
    assert.ok(row);
    assert.deepEqual(Array.from(row), values);
    assert.equal(dequantizeRow(bytes.subarray(0, bytes.length - 1), type, n), undefined, "short buffer");
  });
}

test("dequantizeRow refuses types it does not read and Q8_0 rows that are not whole blocks; ggufEmbeddingRows passes that on", () => {
  assert.equal(dequantizeRow(new Uint8Array(64), 2, 32), undefined); // Q4_0
  assert.equal(dequantizeRow(new Uint8Array(64), 12, 32), undefined); // Q4_K
  assert.equal(dequantizeRow(new Uint8Array(68), 8, 40), undefined);
  const path = join(mkdtempSync(join(tmpdir(), "logitlab-dq-")), "x.bin");
  writeFileSync(path, new Uint8Array(64));
  assert.equal(ggufEmbeddingRows(path, { ggmlType: 12, dimensions: [256, 1], fileOffset: 0 }, [0]), undefined);
  assert.throws(() => ggufEmbeddingRows(path, { ggmlType: 0, dimensions: [4, 4], fileOffset: 0 }, [4]), /outside the vocabulary of 4/);
  assert.throws(() => ggufEmbeddingRows(path, { ggmlType: 0, dimensions: [8, 4], fileOffset: 0 }, [3]), /runs past the end of the file/);
});
