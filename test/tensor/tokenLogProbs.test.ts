import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { tokenLogProbs } from "../../lib/tensor/tokenLogProbs.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { assertLogitlabError, assertNoLeak, reference, values, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.logits) {
  test(`tokenLogProbs(logits, ids) matches the float64 reference within FLOAT32: ${c.name}`, () => {
    withTensor(c.logits, (x) => {
      const out = tokenLogProbs(x, c.ids as number[]);
      assert.deepEqual(out.shape, c.shape.slice(0, -1));
      assertAllClose(values(() => out), c.tokenLogProbs, FLOAT32, c.name);
    });
  });
}

test("tokenLogProbs(logits, ids) takes ids as arrays, Int32Array or an int32 tensor", () => {
  const logits = [[0, 0], [0, Math.log(3)]];
  const expected = [-Math.LN2, Math.log(0.75)];
  assertAllClose(values(() => tokenLogProbs(logits, [0, 1])), expected, FLOAT32);
  assertAllClose(values(() => tokenLogProbs(logits, Int32Array.from([0, 1]))), expected, FLOAT32);
  withTensor(tf.tensor1d([0, 1], "int32"), (ids) => assertAllClose(values(() => tokenLogProbs(logits, ids)), expected, FLOAT32));
  assertAllClose(values(() => tokenLogProbs([0, Math.log(3)], 1)), Math.log(0.75), FLOAT32);
});

test("tokenLogProbs(logits, ids) is stable for logits of ±1e4", () => {
  assertAllClose(values(() => tokenLogProbs([[-1e4, 1e4], [-1e4, 1e4]], [0, 1])), [-2e4, 0], FLOAT32);
});

test("tokenLogProbs(logits, ids) is -Infinity for a masked target and NaN for a row with NaN or only -Infinity", () => {
  const out = values(() => tokenLogProbs([[0, -Infinity], [0, NaN], [-Infinity, -Infinity], [0, 0]], [1, 0, 0, 0]));
  assertAllClose(out, [-Infinity, NaN, NaN, -Math.LN2], FLOAT32);
});

test("tokenLogProbs(logits, ids) of a vocabulary of 1 is 0", () => {
  assert.deepEqual(values(() => tokenLogProbs([[4], [-1e4]], [0, 0])), [0, 0]);
});

test("tokenLogProbs(logits, ids) rejects ids out of range, not integer or of the wrong shape, naming the step", () => {
  assertLogitlabError(() => tokenLogProbs([[0, 0], [0, 0]], [0, 2]), /tokenLogProbs: step 1 field "ids": ids\[1\] = 2 is not a token id in \[0, 2\)/);
  assertLogitlabError(() => tokenLogProbs([[0, 0], [0, 0]], [0.5, 1]), /step 0 .*ids\[0\] = 0.5/);
  assertLogitlabError(() => tokenLogProbs([[0, 0], [0, 0]], [-1, 1]), /ids\[0\] = -1/);
  assertLogitlabError(() => tokenLogProbs([[[0, 0], [0, 0]], [[0, 0], [0, 0]]], [[0, 1], [0, 9]]), /step \[1, 1\]/);
  assertLogitlabError(() => tokenLogProbs([[0, 0], [0, 0]], [0]), /ids has shape \[1\] but .* shape \[2\]/);
});

test("tokenLogProbs(logits, ids) leaks no tensors", () => {
  withTensor([[1, 2, 3], [0, -Infinity, 1]], (x) => {
    assertNoLeak("tokenLogProbs", () => tokenLogProbs(x, [2, 0]));
    withTensor(tf.tensor1d([2, 0], "int32"), (ids) => assertNoLeak("tokenLogProbs with tensor ids", () => tokenLogProbs(x, ids)));
    assert.equal(x.isDisposed, false);
  });
});
