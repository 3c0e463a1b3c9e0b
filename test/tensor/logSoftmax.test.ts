import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { logSoftmax } from "../../lib/tensor/logSoftmax.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { assertLogitlabError, assertNoLeak, reference, values, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.logits) {
  test(`logSoftmax(logits) matches the float64 reference within FLOAT32: ${c.name}`, () => {
    withTensor(c.logits, (x) => {
      const out = logSoftmax(x);
      assert.deepEqual(out.shape, c.shape);
      assertAllClose(values(() => out), c.logSoftmax, FLOAT32, c.name);
    });
  });
}

test("logSoftmax(logits) is stable for logits of ±1e4", () => {
  const out = values(() => logSoftmax([[-1e4, 1e4], [1e4, 1e4], [1e4 + 1, 1e4]]));
  assertAllClose(out, [[-2e4, 0], [-Math.LN2, -Math.LN2], [-Math.log1p(Math.exp(-1)), -1 - Math.log1p(Math.exp(-1))]], FLOAT32);
});

test("logSoftmax(logits) gives -Infinity to masked (-Infinity) logits", () => {
  assertAllClose(values(() => logSoftmax([[0, -Infinity, 0]])), [[-Math.LN2, -Infinity, -Math.LN2]], FLOAT32);
});

test("logSoftmax(logits) gives NaN for a row that is all -Infinity, and only for that row", () => {
  assertAllClose(values(() => logSoftmax([[-Infinity, -Infinity], [0, 0]])), [[NaN, NaN], [-Math.LN2, -Math.LN2]], FLOAT32);
});

test("logSoftmax(logits) turns a row holding NaN or +Infinity into NaN, and only that row", () => {
  const out = values(() => logSoftmax([[0, NaN, 1], [0, Infinity, 1], [NaN, 0, 0], [0, 0, 0]]));
  const ln3 = Math.log(3);
  assertAllClose(out, [[NaN, NaN, NaN], [NaN, NaN, NaN], [NaN, NaN, NaN], [-ln3, -ln3, -ln3]], FLOAT32);
});

test("logSoftmax(logits) of a vocabulary of 1 is 0", () => {
  assert.deepEqual(values(() => logSoftmax([[5], [-1e4], [0]])), [[0], [0], [0]]);
});

test("logSoftmax(logits) gives exactly tied logits exactly equal log-probabilities", () => {
  const [row] = values(() => logSoftmax([[2, 7, 2, 2, 7]])) as number[][];
  assert.equal(row[0], row[2]);
  assert.equal(row[0], row[3]);
  assert.equal(row[1], row[4]);
});

test("logSoftmax(logits) accepts a step [V], nested arrays and int32 tensors", () => {
  assertAllClose(values(() => logSoftmax([0, 0])), [-Math.LN2, -Math.LN2], FLOAT32);
  withTensor(tf.tensor1d([1, 1], "int32"), (x) => {
    assertAllClose(values(() => logSoftmax(x)), [-Math.LN2, -Math.LN2], FLOAT32);
  });
});

test("logSoftmax(logits) rejects a scalar and an empty vocabulary with LogitlabError", () => {
  assertLogitlabError(() => logSoftmax(3 as unknown as number[]), /logSoftmax: .*got a scalar/);
  assertLogitlabError(() => logSoftmax([[], []]), /logSoftmax: .*vocabulary of at least 1/);
});

test("logSoftmax(logits) leaks no tensors and leaves its input alive", () => {
  withTensor([[1, 2, 3], [0, -Infinity, 1]], (x) => {
    assertNoLeak("logSoftmax", () => logSoftmax(x));
    assertNoLeak("logSoftmax of arrays", () => logSoftmax([[1, 2]]));
    assert.equal(x.isDisposed, false);
  });
});
