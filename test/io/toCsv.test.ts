// toCsv / csvField: logitlab's one CSV dialect, against Python's csv module (test/fixtures/io/gen.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toCsv } from "../../lib/io/toCsv.js";
import { csvField } from "../../lib/io/csvField.js";

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "io", "csv-dialect.json"), "utf8"));
const revive = (v: unknown) => (v !== null && typeof v === "object" && "float" in v ? Number((v as { float: string }).float) : v);

test("toCsv writes byte for byte what Python's csv module writes in the dialect (RFC 4180 quoting, LF, inf/-inf/nan, 1/0)", () => {
  const rows = (fixture.rows as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, revive(v)])));
  assert.equal(toCsv(rows, { columns: fixture.columns }), fixture.csv);
});

test("toCsv follows `columns`, leaves missing keys empty and writes objects as quoted JSON", () => {
  assert.equal(toCsv([{ a: 1, b: 2 }], { columns: ["b"] }), "b\n2\n");
  assert.equal(toCsv([{ a: 1 }, { b: 2 }]), "a,b\n1,\n,2\n");
  assert.equal(toCsv([{ d: [1, 2] }]), 'd\n"[1,2]"\n');
});

test("csvField spells non-finite numbers one way (inf, -inf, nan) and a missing value as empty", () => {
  assert.deepEqual([Infinity, -Infinity, NaN, null, undefined].map(csvField), ["inf", "-inf", "nan", "", ""]);
});

test("toCsv rejects rows that are not objects", () => {
  assert.throws(() => toCsv([1 as never]), /row 0 is not an object/);
  assert.throws(() => toCsv("a,b" as never), /rows must be an array of objects/);
});

test("csvField quotes a lone CR too (readers may take it for a line end)", () => {
  assert.equal(csvField("a\rb"), '"a\rb"');
});
