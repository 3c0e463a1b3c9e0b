import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../../lib/backend/backend.js";
import { softmax } from "../../lib/tensor/softmax.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { assertLogitlabError, assertNoLeak, mapNested, reference, values, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.logits) {
  // gen.py stores the float64 log-probabilities; exp of them is the float64 softmax.
  test(`softmax(logits) matches the float64 reference within FLOAT32: ${c.name}`, () => {
    withTensor(c.logits, (x) => {
      const out = softmax(x);
      assert.deepEqual(out.shape, c.shape);
      assertAllClose(values(() => out), mapNested(c.logSoftmax, Math.exp), FLOAT32, c.name);
    });
  });
}

test("softmax(logits) is stable for logits of ±1e4", () => {
  assertAllClose(values(() => softmax([[-1e4, 1e4], [1e4, 1e4]])), [[0, 1], [0.5, 0.5]], FLOAT32);
});

test("softmax(logits) gives masked (-Infinity) logits probability 0", () => {
  assert.deepEqual(values(() => softmax([[0, -Infinity, 0]])), [[0.5, 0, 0.5]]);
});

test("softmax(logits) gives NaN for a row that is all -Infinity, and only for that row", () => {
  assertAllClose(values(() => softmax([[-Infinity, -Infinity], [0, 0]])), [[NaN, NaN], [0.5, 0.5]], FLOAT32);
});

test("softmax(logits) turns a row holding NaN or +Infinity into NaN, and only that row", () => {
  assertAllClose(values(() => softmax([[0, NaN], [Infinity, 0], [0, 0]])), [[NaN, NaN], [NaN, NaN], [0.5, 0.5]], FLOAT32);
});

test("softmax(logits) of a vocabulary of 1 is 1", () => {
  assert.deepEqual(values(() => softmax([[5], [-1e4]])), [[1], [1]]);
});

test("softmax(logits) gives constant logits the uniform distribution, ties exactly equal", () => {
  const [row] = values(() => softmax([[3, 3, 3, 3]])) as number[][];
  assert.deepEqual(row, [0.25, 0.25, 0.25, 0.25]);
});

test("softmax(logits) rejects a scalar and an empty vocabulary with LogitlabError", () => {
  assertLogitlabError(() => softmax(1 as unknown as number[]), /softmax: .*got a scalar/);
  assertLogitlabError(() => softmax([[]]), /softmax: .*vocabulary of at least 1/);
});

test("softmax(logits) leaks no tensors and leaves its input alive", () => {
  withTensor([[1, 2, 3], [0, -Infinity, 1]], (x) => {
    assertNoLeak("softmax", () => softmax(x));
    assert.equal(x.isDisposed, false);
  });
});
