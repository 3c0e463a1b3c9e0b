// nucleusAsync and nucleusCosineAsync (the reads of the webgpu backend) against the float64
// reference of test/fixtures/tensor/gen.py, the same fixtures the synchronous ops are held to; here
// they run on wasm, and test/gpu/webgpu.test.ts runs them on webgpu.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { nucleusAsync } from "../../lib/tensor/nucleusAsync.js";
import { nucleusCosineAsync } from "../../lib/tensor/nucleusCosineAsync.js";
import { LogitlabError } from "../../lib/util/errors.js";
import { FLOAT32, assertAllClose } from "../tolerances.js";
import { reference } from "./support.js";

before(async () => {
  await ready();
});

test("nucleusAsync(logits, p) matches the float64 reference on every fixture", async () => {
  for (const c of reference.logits) {
    for (const ref of c.nucleus ?? []) {
      const x = tf.tensor(c.logits as number[][]);
      try {
        const out = await nucleusAsync(x, ref.p);
        assert.deepEqual(out.sizes, ref.sizes, `${c.name} p=${ref.p} sizes`);
        assert.deepEqual(out.ids, ref.ids, `${c.name} p=${ref.p} ids`);
        assertAllClose(out.probs, ref.probs, FLOAT32, `${c.name} probs`);
        assertAllClose(out.renormalized, ref.renormalized, FLOAT32, `${c.name} renormalized`);
        assertAllClose(out.entropy, ref.entropy, FLOAT32, `${c.name} entropy`);
      } finally {
        x.dispose();
      }
    }
  }
});

test("nucleusCosineAsync(logits, embeddings, p) matches the float64 reference within FLOAT32, also in chunks", async () => {
  let checked = 0;
  for (const c of reference.logits) {
    for (const ref of c.nucleusCosine ?? []) {
      const x = tf.tensor(c.logits as number[][]);
      const e = tf.tensor2d(c.embeddings as number[][]);
      try {
        const out = await nucleusCosineAsync(x, e, ref.p);
        assert.deepEqual(out.sizes, ref.sizes, `${c.name} sizes`);
        assertAllClose(out.meanCosine, ref.meanCosine, FLOAT32, `${c.name} meanCosine`);
        const chunked = await nucleusCosineAsync(x, e, ref.p, { elementBudget: 3 * e.shape[1] });
        assertAllClose(chunked.meanCosine, ref.meanCosine, FLOAT32, `${c.name} meanCosine in chunks of 3 rows`);
        checked++;
      } finally {
        tf.dispose([x, e]);
      }
    }
  }
  assert.ok(checked > 0, "the fixtures hold nucleusCosine references");
});

test("nucleusAsync and nucleusCosineAsync reject bad input with LogitlabError and leak no tensors", async () => {
  const before = tf.memory().numTensors;
  await assert.rejects(nucleusAsync([[0, 1], [NaN, 1]], 0.9), (e: unknown) => e instanceof LogitlabError && /step 1/.test(e.message));
  await assert.rejects(nucleusAsync([[0, 1]], 1.5), (e: unknown) => e instanceof LogitlabError && /outside \(0, 1\]/.test(e.message));
  await assert.rejects(nucleusCosineAsync([[0, 1]], [[1, 0, 0]], 0.9), (e: unknown) => e instanceof LogitlabError && /embeddings/.test(e.message));
  const x = tf.randomNormal([4, 900], 0, 1, "float32", 3);
  const e = tf.randomNormal([900, 5], 0, 1, "float32", 4);
  await nucleusAsync(x, 0.95);
  await nucleusCosineAsync(x, e, 0.95, { elementBudget: 7 * 5 });
  tf.dispose([x, e]);
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
});
