import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../../lib/backend/backend.js";
import { tokenRanks } from "../../lib/tensor/tokenRanks.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { assertLogitlabError, assertNoLeak, reference, values, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.logits) {
  test(`tokenRanks(logits, ids) matches the float64 reference exactly: ${c.name}`, () => {
    withTensor(c.logits, (x) => {
      const out = tokenRanks(x, c.ids as number[]);
      assert.deepEqual(out.shape, c.shape.slice(0, -1));
      assert.deepEqual(values(() => out), c.tokenRanks, c.name);
    });
  });
}

test("tokenRanks(logits, ids) gives tied tokens the best rank of their group (1 + number strictly ahead)", () => {
  const logits = [[1, 3, 3, 0, 3], [1, 3, 3, 0, 3], [1, 3, 3, 0, 3], [1, 3, 3, 0, 3], [2, 2, 2, 2, 2]];
  assert.deepEqual(values(() => tokenRanks(logits, [1, 2, 4, 0, 3])), [1, 1, 1, 4, 1]);
  assert.deepEqual(values(() => tokenRanks([[1, 3, 3, 0, 3]], [3])), [5]);
});

test("tokenRanks(logits, ids) ranks by logit where probabilities underflow (logits of ±1e4)", () => {
  assert.deepEqual(values(() => tokenRanks([[-1e4, 1e4, -2e4], [-1e4, 1e4, -2e4]], [0, 2])), [2, 3]);
});

test("tokenRanks(logits, ids) puts a masked target after every unmasked token, and gives NaN for a row with NaN", () => {
  const out = values(() => tokenRanks([[0, -Infinity, 1, -Infinity], [0, NaN, 1, 2], [NaN, 0, 0, 0]], [3, 2, 1]));
  assertAllClose(out, [3, NaN, NaN], FLOAT32);
});

test("tokenRanks(logits, ids) of a vocabulary of 1 is 1, and of a step [V] is a scalar", () => {
  assert.deepEqual(values(() => tokenRanks([[5], [-1e4]], [0, 0])), [1, 1]);
  assert.equal(values(() => tokenRanks([0, 1, 2], 0)), 3);
});

test("tokenRanks(logits, ids) rejects an id outside the vocabulary", () => {
  assertLogitlabError(() => tokenRanks([[0, 1]], [2]), /tokenRanks: step 0 field "ids": ids\[0\] = 2/);
});

test("tokenRanks(logits, ids) leaks no tensors", () => {
  withTensor([[1, 2, 3], [0, -Infinity, 1]], (x) => {
    assertNoLeak("tokenRanks", () => tokenRanks(x, [2, 1]));
    assert.equal(x.isDisposed, false);
  });
});
