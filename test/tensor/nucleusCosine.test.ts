import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { meanPairwiseCosine } from "../../lib/tensor/meanPairwiseCosine.js";
import { nucleus } from "../../lib/tensor/nucleus.js";
import { nucleusCosine } from "../../lib/tensor/nucleusCosine.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { exact, exactEmbeddings, exactRow } from "./exactRows.js";
import { assertLogitlabError, assertNoLeak, reference, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.logits) {
  for (const ref of c.nucleusCosine ?? []) {
    test(`nucleusCosine(logits, embeddings, ${ref.p}) matches the float64 reference within FLOAT32: ${c.name}`, () => {
      withTensor(c.logits, (x) =>
        withTensor(c.embeddings as number[][], (e) => {
          const out = nucleusCosine(x, e, ref.p);
          assert.deepEqual(out.sizes, ref.sizes, `${c.name} sizes`);
          assertAllClose(out.meanCosine, ref.meanCosine, FLOAT32, `${c.name} meanCosine`);
          // a tiny budget splits every nucleus over many chunks; the result must not change
          const chunked = nucleusCosine(x, e, ref.p, { elementBudget: 3 * e.shape[e.rank - 1] });
          assertAllClose(chunked.meanCosine, ref.meanCosine, FLOAT32, `${c.name} meanCosine in chunks of 3 rows`);
        }),
      );
    });
  }
}

test("nucleusCosine(logits, embeddings, p) is meanPairwiseCosine of each step's nucleus rows, in any chunking", () => {
  const logits = tf.randomNormal([6, 700], 0, 1.5, "float32", 11);
  const embeddings = tf.randomNormal([700, 9], 0, 1, "float32", 12);
  try {
    const whole = nucleusCosine(logits, embeddings, 0.7);
    const { ids } = nucleus(logits, 0.7);
    const expected = ids.map((rows) => {
      const m = tf.tidy(() => meanPairwiseCosine(tf.gather(embeddings, rows)));
      const value = m.dataSync()[0];
      m.dispose();
      return value;
    });
    assert.deepEqual(whole.sizes, ids.map((r) => r.length));
    assertAllClose(whole.meanCosine, expected, FLOAT32);
    for (const rows of [1, 2, 7, 64, 1000]) {
      const chunked = nucleusCosine(logits, embeddings, 0.7, { elementBudget: rows * 9 });
      assertAllClose(chunked.meanCosine, whole.meanCosine, FLOAT32, `chunks of ${rows} rows`);
    }
  } finally {
    tf.dispose([logits, embeddings]);
  }
});

test("nucleusCosine(logits, embeddings, p) is 1 for a nucleus of one token", () => {
  const out = nucleusCosine([[1e4, 0, 0], [0, 0, 0]], [[1, 0], [0, 1], [1, 1]], 0.5);
  assert.deepEqual(out.sizes, [1, 2]);
  assert.equal(out.meanCosine[0], 1);
  assertAllClose(out.meanCosine[1], 0, FLOAT32);
});

test("nucleusCosine(logits, embeddings, p) is NaN for a step whose nucleus holds a zero embedding row", () => {
  const out = nucleusCosine([[0, 0, -Infinity], [5, -Infinity, 0], [-Infinity, 0, 0]], [[0, 0], [1, 1], [1, 0]], 1);
  assertAllClose(out.meanCosine, [NaN, NaN, Math.SQRT1_2], FLOAT32);
  assert.ok(Number.isNaN(nucleusCosine([[1e4, 0, 0]], [[0, 0], [1, 1], [1, 0]], 0.5).meanCosine[0]));
});

test("nucleusCosine(logits, embeddings, p) checks embeddings, p and elementBudget", () => {
  assertLogitlabError(() => nucleusCosine([[0, 1, 2]], [[1, 0], [0, 1]], 0.9), /nucleusCosine: field "embeddings": .*\[2, 2\] .*V = 3/);
  assertLogitlabError(() => nucleusCosine([[0, 1]], [[1, 0], [0, 1]], 1.5), /nucleusCosine: field "p": p = 1.5/);
  assertLogitlabError(() => nucleusCosine([[0, 1]], [[1, 0], [0, 1]], 0.5, { elementBudget: 0 }), /elementBudget = 0/);
  assertLogitlabError(() => nucleusCosine([[0, NaN]], [[1, 0], [0, 1]], 0.5), /nucleusCosine: step 0/);
});

test("nucleusCosine(logits, embeddings, p) leaks no tensors, also when it works in chunks", () => {
  const logits = tf.randomNormal([4, 500], 0, 1, "float32", 5);
  const embeddings = tf.randomNormal([500, 6], 0, 1, "float32", 6);
  assertNoLeak("nucleusCosine", () => nucleusCosine(logits, embeddings, 0.8));
  assertNoLeak("nucleusCosine in chunks", () => nucleusCosine(logits, embeddings, 0.8, { elementBudget: 6 * 5 }));
  assertNoLeak("nucleusCosine of arrays", () => nucleusCosine([[0, 1]], [[1, 0], [0, 1]], 0.9));
  assert.equal(logits.isDisposed || embeddings.isDisposed, false);
  tf.dispose([logits, embeddings]);
});

test("nucleusCosine(peaked row of 50,000, embeddings, 1) averages over all 50,000 tokens, not over the top one", () => {
  const c = exact.cases.find((e) => e.nucleusCosine !== undefined);
  assert.ok(c && c.embeddings && c.nucleusCosine);
  const vocab = c.recipe.vocab;
  const x = tf.tensor2d(exactRow(c.recipe), [1, vocab]);
  const e = tf.tensor2d(exactEmbeddings(vocab, c.embeddings), [vocab, c.embeddings.dim]);
  try {
    assert.ok(c.nucleusCosine.some((r) => r.p === 1 && r.size === vocab), "the fixture needs p = 1 over the whole row");
    for (const ref of c.nucleusCosine) {
      const out = nucleusCosine(x, e, ref.p);
      assert.deepEqual(out.sizes, [ref.size], `p=${ref.p} size`);
      assertAllClose(out.meanCosine, [ref.meanCosine], FLOAT32, `p=${ref.p} meanCosine`);
    }
  } finally {
    tf.dispose([x, e]);
  }
});
