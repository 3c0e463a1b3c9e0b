import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../../lib/backend/backend.js";
import { meanPairwiseCosine } from "../../lib/tensor/meanPairwiseCosine.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { assertLogitlabError, assertNoLeak, reference, values, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.meanPairwiseCosine) {
  test(`meanPairwiseCosine(vectors) matches the float64 cosine matrix within FLOAT32: ${c.name}`, () => {
    withTensor(c.vectors, (v) => assertAllClose(values(() => meanPairwiseCosine(v)), c.mean, FLOAT32, c.name));
  });
}

test("meanPairwiseCosine(vectors) is 1 for a single vector and for parallel vectors", () => {
  assert.equal(values(() => meanPairwiseCosine([[3, -4]])), 1);
  assertAllClose(values(() => meanPairwiseCosine([[1, 2, 3], [2, 4, 6], [0.5, 1, 1.5]])), 1, FLOAT32);
});

test("meanPairwiseCosine(vectors) is -1 for opposite vectors and 0 for orthogonal ones", () => {
  assertAllClose(values(() => meanPairwiseCosine([[1, 2], [-2, -4]])), -1, FLOAT32);
  assertAllClose(values(() => meanPairwiseCosine([[1, 0, 0], [0, 2, 0], [0, 0, 3]])), 0, FLOAT32);
});

test("meanPairwiseCosine(vectors) averages the upper triangle of the cosine matrix", () => {
  // cosines: (a, b) 0, (a, c) 1/√2, (b, c) 1/√2
  assertAllClose(values(() => meanPairwiseCosine([[1, 0], [0, 1], [1, 1]])), Math.SQRT2 / 3, FLOAT32);
});

test("meanPairwiseCosine(vectors) neither overflows nor underflows for huge or tiny vectors", () => {
  assertAllClose(values(() => meanPairwiseCosine([[1e30, 0], [1e-30, 1e-30]])), Math.SQRT1_2, FLOAT32);
});

test("meanPairwiseCosine(vectors) is NaN when a vector is zero or holds NaN (a zero vector has no direction)", () => {
  assertAllClose(values(() => meanPairwiseCosine([[1, 0], [0, 0]])), NaN, FLOAT32);
  assertAllClose(values(() => meanPairwiseCosine([[0, 0]])), NaN, FLOAT32);
  assertAllClose(values(() => meanPairwiseCosine([[1, NaN], [1, 0]])), NaN, FLOAT32);
});

test("meanPairwiseCosine(vectors) needs [n, D] with n, D ≥ 1", () => {
  assertLogitlabError(() => meanPairwiseCosine([1, 2, 3]), /meanPairwiseCosine: .*\[n, D\].*got \[3\]/);
  withTensor([[], []], (v) => assertLogitlabError(() => meanPairwiseCosine(v), /got \[2, 0\]/));
});

test("meanPairwiseCosine(vectors) leaks no tensors", () => {
  withTensor([[1, 2], [3, 4], [5, -6]], (v) => {
    assertNoLeak("meanPairwiseCosine", () => meanPairwiseCosine(v));
    assertNoLeak("meanPairwiseCosine of one vector", () => meanPairwiseCosine([[1, 2]]));
    assert.equal(v.isDisposed, false);
  });
});
