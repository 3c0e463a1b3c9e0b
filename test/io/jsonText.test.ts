import { test } from "node:test";
import assert from "node:assert/strict";
import { jsonText } from "../../lib/io/jsonText.js";

test("jsonText writes typed arrays as plain JSON arrays at any depth and leaves other values alone", () => {
  const value = {
    steps: [{ id: 3, topIds: Int32Array.of(3, 1), topProbs: Float64Array.of(0.5, 0.25), logits: Float32Array.of(0.1, -Infinity), top: { kind: "nucleus", p: 0.9 } }],
    bytes: Uint8Array.of(255),
    plain: [1, "a", null],
  };
  const parsed = JSON.parse(jsonText(value));
  assert.deepEqual(parsed, {
    steps: [{ id: 3, topIds: [3, 1], topProbs: [0.5, 0.25], logits: [Math.fround(0.1), null], top: { kind: "nucleus", p: 0.9 } }],
    bytes: [255],
    plain: [1, "a", null],
  });
  assert.ok(jsonText([]).endsWith("\n"));
  assert.equal(jsonText(Float64Array.of(1.5), 0), "[1.5]\n");
  // Without the replacer a typed array would come out as an object keyed by index.
  assert.equal(JSON.stringify(Int32Array.of(7)), '{"0":7}');
});
