import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { hookNames } from "../../lib/models/hookNames.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");

before(async () => {
  await ready();
});

for (const name of ["gpt2-f32", "llama3-f32", "qwen3-f32"]) {
  test(`model.unembedResidual(${name}) of the last hook_resid_post gives the model's logits`, async () => {
    const model = await loadModel(join(fixtures, name));
    const last = hookNames.block(model.config.numLayers - 1).residPost;
    const { logits, activations } = model.forward([3, 1, 4, 1, 5], { activations: [last] });
    const before = tf.memory().numTensors;
    const lens = tf.tidy(() => model.unembedResidual(activations!.get(last) as tf.Tensor2D)); // not tidy itself, so it runs inside tf.grad
    assert.equal(tf.memory().numTensors, before + 1, "only the result is new");
    const got = lens.arraySync();
    const want = logits.arraySync() as number[][];
    want.forEach((row, t) => row.forEach((v, j) => assert.ok(Math.abs(v - got[t][j]) < 1e-5, `[${t}, ${j}] ${got[t][j]} vs ${v}`)));
    tf.dispose([lens, logits, ...activations!.values()]);
    assert.throws(() => model.unembedResidual(tf.zeros([2, 3]) as tf.Tensor2D), /residual stream must be \[T, \d+\], got \[2, 3\]/);
    model.dispose();
  });
}
