// numberText(x) is String(x), without V8's number-string cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { numberText, writeNumberText } from "../../lib/io/numberText.js";

test("numberText(x) equals String(x) on edge values", () => {
  const values = [0, -0, 1, -1, 0.1, 0.5, 1e-7, 1.5e-7, 9.99e-8, 1e-6, 0.000001234, 123.25, 1e20, 1e21, 2e21, -2e21, 1.7976931348623157e308,
    5e-324, 2 ** 53, 2 ** 53 + 2, 0.30000000000000004, 1.5e20, 2 ** 67, Number("1.2345678901234567e-5"), 100, 1e-300, -3.5e-9];
  for (const x of values) assert.equal(numberText(x), String(x), String(x));
  for (const x of [Infinity, -Infinity, NaN]) assert.equal(numberText(x), String(x));
});

test("numberText(x) equals String(x) on 200,000 random doubles across magnitudes", () => {
  let seed = 99;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 200_000; i++) {
    const x = (next() - 0.5) * 10 ** Math.floor(next() * 60 - 30);
    assert.equal(numberText(x), String(x), String(x));
    const f = Math.fround(next()); // float32 values, as model probabilities often are
    assert.equal(numberText(f), String(f));
  }
});

test("writeNumberText writes numberText's bytes at an offset, returns the end, and touches nothing else", () => {
  let seed = 7;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const bytes = Buffer.alloc(64);
  for (let i = 0; i < 20_000; i++) {
    const x = i < 5 ? [-1e21, 1.7976931348623157e308, -5e-324, -0.000001234, 2 ** 67][i] : (next() - 0.5) * 10 ** Math.floor(next() * 60 - 30);
    bytes.fill(0x7e);
    const end = writeNumberText(x, bytes, 3);
    assert.equal(bytes.toString("latin1", 3, end), String(x));
    assert.ok(end - 3 <= 25, String(x));
    assert.ok(bytes.subarray(0, 3).every((b) => b === 0x7e) && bytes.subarray(end).every((b) => b === 0x7e), String(x));
  }
});
