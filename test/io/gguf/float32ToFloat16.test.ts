// float32 → float16 rounding against numpy's astype(np.float16) bits (test/fixtures/gguf/gen.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { float32ToFloat16 } from "../../../lib/io/gguf/float32ToFloat16.js";

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "gguf", "float16.json"), "utf8")) as {
  float32_bits: number[];
  float16_bits: number[];
};

test("float32ToFloat16 gives numpy's binary16 bits (ties to even, overflow, subnormals, ±0, ±Infinity)", () => {
  const values = new Float32Array(new Uint32Array(fixture.float32_bits).buffer);
  const bits = float32ToFloat16(values);
  const mismatches = fixture.float16_bits.flatMap((expected, i) => (bits[i] === expected ? [] : [`${values[i]}: ${bits[i]} != ${expected}`]));
  assert.deepEqual(mismatches, [], "every value matches numpy");
  assert.ok(fixture.float16_bits.length > 2000);
});

test("float32ToFloat16 keeps NaN a NaN", () => {
  const [bits] = float32ToFloat16([NaN]);
  assert.equal(bits & 0x7c00, 0x7c00);
  assert.notEqual(bits & 0x3ff, 0);
});
