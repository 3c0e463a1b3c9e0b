import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../../lib/backend/backend.js";
import { entropy } from "../../lib/tensor/entropy.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { assertLogitlabError, assertNoLeak, reference, values, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.logits) {
  test(`entropy(logits) in nats and bits matches the float64 reference within FLOAT32: ${c.name}`, () => {
    withTensor(c.logits, (x) => {
      const nats = entropy(x);
      assert.deepEqual(nats.shape, c.shape.slice(0, -1));
      assertAllClose(values(() => nats), c.entropyNats, FLOAT32, `${c.name} nats`);
      assertAllClose(values(() => entropy(x, { unit: "bits" })), c.entropyBits, FLOAT32, `${c.name} bits`);
    });
  });
}

test("entropy(logits) of constant logits is log V", () => {
  assertAllClose(values(() => entropy([[0, 0, 0, 0], [7, 7, 7, 7]])), [Math.log(4), Math.log(4)], FLOAT32);
  assertAllClose(values(() => entropy([[1e4, 1e4]], { unit: "bits" })), [1], FLOAT32);
});

test("entropy(logits) is 0 for a logit gap of 1e4 and for a vocabulary of 1, not NaN", () => {
  assert.deepEqual(values(() => entropy([[-1e4, 1e4], [1e4, -1e4], [5, 5 - 2e4]])), [0, 0, 0]);
  assert.deepEqual(values(() => entropy([[3], [-1e4]])), [0, 0]);
});

test("entropy(logits) lets masked (-Infinity) entries contribute 0, never 0 · (−∞) = NaN", () => {
  assertAllClose(values(() => entropy([[0, -Infinity, 0, -Infinity], [-Infinity, 2, -Infinity, -Infinity]])), [Math.LN2, 0], FLOAT32);
});

test("entropy(logits) gives NaN for a row that is all -Infinity or holds NaN or +Infinity, and only for it", () => {
  assertAllClose(values(() => entropy([[-Infinity, -Infinity], [0, NaN], [Infinity, 0], [0, 0]])), [NaN, NaN, NaN, Math.LN2], FLOAT32);
});

test("entropy(logits) of a step [V] is a scalar", () => {
  const out = values(() => entropy([0, 0]));
  assertAllClose(out, Math.LN2, FLOAT32);
});

test("entropy(logits, {unit}) rejects a unit other than nats or bits", () => {
  assertLogitlabError(() => entropy([[0, 0]], { unit: "bans" as "bits" }), /entropy: .*unit "bans"/);
});

test("entropy(logits) leaks no tensors", () => {
  withTensor([[1, 2, 3], [0, -Infinity, 1]], (x) => {
    assertNoLeak("entropy", () => entropy(x));
    assertNoLeak("entropy in bits", () => entropy(x, { unit: "bits" }));
    assert.equal(x.isDisposed, false);
  });
});
