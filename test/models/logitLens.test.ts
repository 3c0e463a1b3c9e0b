import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { logitLens } from "../../lib/models/logitLens.js";
import { logitLensFigure } from "../../lib/plot/index.js";

// Float64 numpy logit lens of the fixture checkpoints: test/fixtures/interpret/gen.py.
const fixtures = join(import.meta.dirname, "..", "fixtures");
const reference = JSON.parse(readFileSync(join(fixtures, "interpret", "reference.json"), "utf8")) as {
  logitLens: { dir: string; ids: number[]; layers: { logProbs: number[][]; topIds: number[]; topProbs: number[] }[] }[];
};

before(async () => {
  await ready();
});

for (const expected of reference.logitLens) {
  test(`logitLens(${expected.dir}) matches a float64 numpy logit lens at every layer`, async () => {
    const model = await loadModel(join(fixtures, "models", expected.dir));
    const next = expected.ids.map((_, t) => expected.ids[t + 1] ?? -1);
    const before = tf.memory().numTensors;
    const lens = logitLens(model, expected.ids, { targets: next, logProbs: true });
    assert.equal(tf.memory().numTensors, before, "logitLens leaks no tensors");
    assert.deepEqual(lens.layers, expected.layers.map((_, l) => l));
    expected.layers.forEach((layer, l) => {
      layer.logProbs.forEach((row, t) => row.forEach((v, j) => assert.ok(Math.abs(v - lens.logProbs![l][t][j]) < 1e-4, `layer ${l} [${t}, ${j}]: ${lens.logProbs![l][t][j]} vs ${v}`)));
      assert.deepEqual(lens.topIds[l], layer.topIds, `layer ${l} top tokens`);
      layer.topProbs.forEach((p, t) => assert.ok(Math.abs(p - lens.topProbs[l][t]) < 1e-5));
      next.forEach((id, t) => (id < 0 ? assert.ok(Number.isNaN(lens.targetLogProbs![l][t])) : assert.ok(Math.abs(lens.targetLogProbs![l][t] - layer.logProbs[t][id]) < 1e-4)));
    });
    // The last layer is the model's own distribution.
    const logits = model.forward(expected.ids).logits;
    const own = tf.tidy(() => tf.logSoftmax(logits).arraySync() as number[][]);
    own.forEach((row, t) => row.forEach((v, j) => assert.ok(Math.abs(v - lens.logProbs![lens.layers.length - 1][t][j]) < 1e-5)));
    logits.dispose();
    model.dispose();
  });
}

test("logitLens on the bundled tiny GPT-2 names its top tokens as text, ready for logitLensFigure", async () => {
  const model = await loadModel(join(import.meta.dirname, "..", "..", "data", "models", "tiny-gpt2-small"));
  const ids = model.encode("And God said, Let there be");
  const lens = logitLens(model, ids);
  assert.deepEqual(lens.topTokens, lens.topIds.map((row) => row.map((id) => model.decode([id]))));
  const fig = logitLensFigure({ topProbs: lens.topProbs, topTokens: lens.topTokens!, inputTokens: ids.map((id) => model.decode([id])), layerLabels: lens.layers });
  assert.equal((fig.data[0].text as string[][]).length, model.config.numLayers);
  model.dispose();
});

test("logitLens rejects a layer or target outside range", async () => {
  const model = await loadModel(join(fixtures, "models", "gpt2-f32"));
  assert.throws(() => logitLens(model, [1, 2], { layers: [2] }), /logitLens: .*layer 2 is not in \[0, 2\)/);
  assert.throws(() => logitLens(model, [1, 2], { targets: [3] }), /targets has 1 ids for 2 tokens/);
  assert.throws(() => logitLens(model, [1, 2], { targets: [3, 64] }), /target 64 is not a token id/);
  model.dispose();
});
