import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { nucleus } from "../../lib/tensor/nucleus.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { assertLogitlabError, assertNoLeak, reference, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.logits) {
  for (const ref of c.nucleus ?? []) {
    test(`nucleus(logits, ${ref.p}) matches the float64 reference: ${c.name}`, () => {
      withTensor(c.logits, (x) => {
        const out = nucleus(x, ref.p);
        assert.deepEqual(out.sizes, ref.sizes, `${c.name} sizes`);
        assert.deepEqual(out.ids, ref.ids, `${c.name} ids`);
        assertAllClose(out.probs, ref.probs, FLOAT32, `${c.name} probs`);
        assertAllClose(out.renormalized, ref.renormalized, FLOAT32, `${c.name} renormalized`);
        assertAllClose(out.entropy, ref.entropy, FLOAT32, `${c.name} entropy`);
        const bits = nucleus(x, ref.p, { unit: "bits" }).entropy;
        assertAllClose(bits, ref.entropy.map((h) => h / Math.LN2), FLOAT32, `${c.name} entropy in bits`);
      });
    });
  }
}

test("nucleus(logits, p) takes the smallest prefix whose cumulative probability reaches p", () => {
  // probabilities 0.5, 0.25, 0.125, 0.125: cumulative 0.5, 0.75, 0.875, 1
  const logits = [[Math.log(4), Math.log(2), 0, 0]];
  assert.deepEqual(nucleus(logits, 0.4).ids, [[0]]);
  assert.deepEqual(nucleus(logits, 0.6).ids, [[0, 1]]);
  assert.deepEqual(nucleus(logits, 0.8).ids, [[0, 1, 2]]);
  assert.deepEqual(nucleus(logits, 0.9).ids, [[0, 1, 2, 3]]);
});

test("nucleus(logits, p) counts reaching p exactly as enough (searchsorted side=\"left\")", () => {
  // uniform over 4: float32 probabilities exactly 0.25, cumulative exactly 0.25, 0.5, 0.75, 1
  const uniform = [[0, 0, 0, 0]];
  assert.deepEqual(nucleus(uniform, 0.25).sizes, [1]);
  assert.deepEqual(nucleus(uniform, 0.5).sizes, [2]);
  assert.deepEqual(nucleus(uniform, 0.51).sizes, [3]);
  assert.deepEqual(nucleus(uniform, 1).sizes, [4]);
});

test("nucleus(logits, p) breaks exact ties by ascending id", () => {
  const out = nucleus([[0, 1, 1, 1, 0]], 0.5);
  assert.deepEqual(out.ids, [[1, 2]]);
  assertAllClose(out.renormalized, [[0.5, 0.5]], FLOAT32);
});

test("nucleus(logits, 1) keeps masked (-Infinity) and underflowed tokens out", () => {
  const out = nucleus([[0, -Infinity, 0, -1e4, -Infinity]], 1);
  assert.deepEqual(out.ids, [[0, 2]]);
  assertAllClose(out.entropy, [Math.LN2], FLOAT32);
});

test("nucleus(logits, p) of logits of ±1e4 and of a vocabulary of 1 is one token of entropy 0", () => {
  const wide = nucleus([[-1e4, 1e4, 0]], 0.99);
  assert.deepEqual(wide.ids, [[1]]);
  assert.deepEqual(wide.probs, [[1]]);
  assert.deepEqual(wide.entropy, [0]);
  const single = nucleus([[3], [-1e4]], 0.9);
  assert.deepEqual(single, { sizes: [1, 1], ids: [[0], [0]], probs: [[1], [1]], renormalized: [[1], [1]], entropy: [0, 0] });
});

test("nucleus(logits, p) on a step [V] gives one entry", () => {
  const out = nucleus([Math.log(3), 0], 0.6);
  assert.deepEqual(out.sizes, [1]);
  assertAllClose(out.probs, [[0.75]], FLOAT32);
});

test("nucleus(logits, p) finds nuclei larger than its first top-k round, row by row", () => {
  // a flat row (nucleus of ~hundreds) beside a peaked one (nucleus of 1): the flat row needs a second round
  const vocab = 3000;
  const flat = Array.from({ length: vocab }, (_, i) => Math.log(1 + (i % 10)));
  const peaked = Array.from({ length: vocab }, (_, i) => (i === 17 ? 20 : 0));
  const out = nucleus([flat, peaked], 0.5);
  const order = [...flat.keys()].sort((a, b) => flat[b] - flat[a] || a - b);
  const total = flat.reduce((s, v) => s + Math.exp(v), 0);
  let cumulative = 0;
  let size = 0;
  while (cumulative < 0.5) cumulative += Math.exp(flat[order[size++]]) / total;
  assert.ok(size > 256, `test needs a nucleus beyond the first round, got ${size}`);
  assert.deepEqual(out.sizes, [size, 1]);
  assert.deepEqual(out.ids[0], order.slice(0, size));
  assert.deepEqual(out.ids[1], [17]);
});

test("nucleus(logits, p) rejects p outside (0, 1] with LogitlabError", () => {
  for (const p of [0, -0.1, 1.01, NaN]) {
    assertLogitlabError(() => nucleus([[0, 1]], p), /nucleus: field "p": p = .* is outside \(0, 1\]/);
  }
});

test("nucleus(logits, p) throws naming the step whose logits hold NaN, +Infinity or only -Infinity", () => {
  assertLogitlabError(() => nucleus([[0, 1], [0, NaN]], 0.9), /nucleus: step 1 field "logits": .*NaN/);
  assertLogitlabError(() => nucleus([[Infinity, 1]], 0.9), /step 0/);
  assertLogitlabError(() => nucleus([[0, 1], [0, 1], [-Infinity, -Infinity]], 0.9), /step 2/);
});

test("nucleus(logits, p) takes [T, V] or [V] logits only", () => {
  assertLogitlabError(() => nucleus([[[0, 1]]], 0.9), /nucleus: .*takes logits \[T, V\] or \[V\], got \[1, 1, 2\]/);
});

test("nucleus(logits, p) leaks no tensors", () => {
  withTensor([[1, 2, 3], [0, -Infinity, 1]], (x) => {
    assertNoLeak("nucleus", () => nucleus(x, 0.9));
    assertNoLeak("nucleus of arrays", () => nucleus([[1, 2, 3]], 0.5));
    const big = tf.randomNormal([3, 3000], 0, 0.5, "float32", 7);
    assertNoLeak("nucleus over several rounds", () => nucleus(big, 0.95));
    big.dispose();
    assert.equal(x.isDisposed, false);
  });
});
