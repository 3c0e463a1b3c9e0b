import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { topK } from "../../lib/tensor/topK.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { assertLogitlabError, assertNoLeak, reference, withTensor } from "./support.js";

before(async () => {
  await ready();
});

function run(logits: tf.TensorLike | tf.Tensor, k: number): { ids: unknown; probs: unknown; logProbs: unknown; shape: number[] } {
  const { ids, probs, logProbs } = topK(logits, k);
  try {
    return { ids: ids.arraySync(), probs: probs.arraySync(), logProbs: logProbs.arraySync(), shape: ids.shape };
  } finally {
    tf.dispose([ids, probs, logProbs]);
  }
}

for (const c of reference.logits) {
  test(`topK(logits, k) matches the float64 reference: ${c.name}`, () => {
    withTensor(c.logits, (x) => {
      const out = run(x, c.topK.k);
      assert.deepEqual(out.shape, [...c.shape.slice(0, -1), c.topK.k]);
      assert.deepEqual(out.ids, c.topK.ids, `${c.name} ids`);
      assertAllClose(out.probs, c.topK.probs, FLOAT32, `${c.name} probs`);
      assertAllClose(out.logProbs, c.topK.logProbs, FLOAT32, `${c.name} logProbs`);
    });
  });
}

test("topK(logits, k) breaks exact ties by ascending id (tf.topk's order, checked here)", () => {
  const logits = [[1, 3, 3, 0, 3, 1], [5, 5, 5, 5, 5, 5]];
  assert.deepEqual(run(logits, 4).ids, [[1, 2, 4, 0], [0, 1, 2, 3]]);
  assert.deepEqual(run(logits, 2).ids, [[1, 2], [0, 1]]);
  // a long row, where a top-k implementation may switch from a sort to a selection
  const row = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 2 : i % 3 === 0 ? -Infinity : 1));
  const ids = (run([row], 300).ids as number[][])[0];
  const expected = [...row.keys()].sort((a, b) => row[b] - row[a] || a - b);
  assert.deepEqual(ids, expected);
  assert.deepEqual((run([row], 50).ids as number[][])[0], expected.slice(0, 50));
});

test("topK(logits, k) ranks masked (-Infinity) tokens last, by id, with probability 0", () => {
  const out = run([[-Infinity, 0, -Infinity, Math.log(3)]], 4);
  assert.deepEqual(out.ids, [[3, 1, 0, 2]]);
  assertAllClose(out.probs, [[0.75, 0.25, 0, 0]], FLOAT32);
  assertAllClose(out.logProbs, [[Math.log(0.75), Math.log(0.25), -Infinity, -Infinity]], FLOAT32);
});

test("topK(logits, k) orders masked (-Infinity) ties by id also when k < V cuts through them", () => {
  const row = Array.from({ length: 1000 }, (_, i) => (i === 500 ? 1 : i % 2 === 0 ? -Infinity : 0));
  const expected = [500, ...[...row.keys()].filter((i) => i % 2 === 1), ...[...row.keys()].filter((i) => i % 2 === 0 && i !== 500)];
  for (const k of [10, 499, 501, 700, 1000]) {
    assert.deepEqual((run([row], k).ids as number[][])[0], expected.slice(0, k), `k = ${k}`);
  }
  const probs = (run([row], 700).probs as number[][])[0];
  assert.equal(probs[699], 0);
  assert.equal((run([row], 700).logProbs as number[][])[0][699], -Infinity);
});

test("topK(logits, k) orders by logit when probabilities underflow (logits of ±1e4)", () => {
  const out = run([[-1e4, 1e4, -2e4, -5e3]], 4);
  assert.deepEqual(out.ids, [[1, 3, 0, 2]]);
  assertAllClose(out.probs, [[1, 0, 0, 0]], FLOAT32);
  assertAllClose(out.logProbs, [[0, -1.5e4, -2e4, -3e4]], FLOAT32);
});

test("topK(logits, k) of a vocabulary of 1 is that token with probability 1", () => {
  const out = run([[7], [-3]], 1);
  assert.deepEqual(out.ids, [[0], [0]]);
  assert.deepEqual(out.probs, [[1], [1]]);
});

test("topK(logits, k) gives NaN probabilities for a row holding NaN or only -Infinity", () => {
  const out = run([[0, NaN, 1], [-Infinity, -Infinity, -Infinity], [0, 0, 0]], 2);
  assertAllClose(out.probs, [[NaN, NaN], [NaN, NaN], [1 / 3, 1 / 3]], FLOAT32);
});

test("topK(logits, k) rejects k outside 1..V with LogitlabError", () => {
  assertLogitlabError(() => topK([[0, 1, 2]], 4), /topK: field "k": k = 4 must be an integer from 1 to the vocabulary size 3/);
  assertLogitlabError(() => topK([[0, 1, 2]], 0), /k = 0/);
  assertLogitlabError(() => topK([[0, 1, 2]], 1.5), /k = 1.5/);
});

test("topK(logits, k) leaks no tensors", () => {
  withTensor([[1, 2, 3], [0, -Infinity, 1]], (x) => {
    assertNoLeak("topK", () => topK(x, 2));
    assert.equal(x.isDisposed, false);
  });
});
