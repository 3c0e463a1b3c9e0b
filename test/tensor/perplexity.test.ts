import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { perplexity } from "../../lib/tensor/perplexity.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { assertLogitlabError, assertNoLeak, reference, values, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.logits) {
  test(`perplexity(logits, ids) matches the float64 reference within FLOAT32: ${c.name}`, () => {
    withTensor(c.logits, (x) => {
      const out = perplexity(x, c.ids as number[]);
      assert.deepEqual(out.shape, c.shape.slice(0, -2));
      assertAllClose(values(() => out), c.perplexity, FLOAT32, c.name);
    });
  });
}

test("perplexity(logits, ids) of a uniform distribution is V, whatever the ids", () => {
  assertAllClose(values(() => perplexity([[0, 0, 0], [5, 5, 5]], [0, 2])), 3, FLOAT32);
});

test("perplexity(logits, ids) of a batch [B, T, V] is [B]", () => {
  const out = values(() => perplexity([[[0, 0], [0, 0]], [[0, -1e4], [0, -1e4]]], [[0, 1], [0, 0]]));
  assertAllClose(out, [2, 1], FLOAT32);
});

test("perplexity(logits, ids) is +Infinity when a target is masked and NaN when a row holds NaN", () => {
  assert.equal(values(() => perplexity([[0, -Infinity], [0, 0]], [1, 0])), Infinity);
  assertAllClose(values(() => perplexity([[0, NaN], [0, 0]], [0, 0])), NaN, FLOAT32);
});

test("perplexity(logits, ids) needs at least one token", () => {
  withTensor(tf.zeros([0, 3]), (empty) => assertLogitlabError(() => perplexity(empty, []), /perplexity: .*at least 1 token, got T = 0/));
});

test("perplexity(logits, ids) leaks no tensors", () => {
  withTensor([[1, 2, 3], [0, -Infinity, 1]], (x) => {
    assertNoLeak("perplexity", () => perplexity(x, [2, 0]));
    assert.equal(x.isDisposed, false);
  });
});
