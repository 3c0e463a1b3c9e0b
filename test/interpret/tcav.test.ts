import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { hookNames } from "../../lib/models/hookNames.js";
import { tcav } from "../../lib/interpret/tcav.js";

const root = join(import.meta.dirname, "..", "..");

before(async () => {
  await ready();
});

test("tcav: directional derivatives match finite differences of log p(target) along the CAV; score is the positive fraction", async () => {
  const model = await loadModel(join(root, "test", "fixtures", "models", "gpt2-f32"));
  const inputs = [[1, 2, 3], [4, 5, 6], [7, 8, 9, 10], [11, 3]];
  const target = 7;
  const before = tf.memory().numTensors;
  const r = tcav(model, { concept: [[1, 2], [1, 3], [1, 4], [1, 5], [1, 6]], random: [[9, 8], [7, 6], [5, 9], [8, 7], [6, 5]], inputs, target, heldOutFraction: 0 });
  assert.equal(tf.memory().numTensors, before, "tcav leaks no tensors");
  assert.equal(r.layer, model.config.numLayers - 1);
  assert.equal(r.probeTrainAccuracy, 1);
  const name = hookNames.block(r.layer).residPost;
  inputs.forEach((ids, i) => {
    const { logits, activations } = model.forward(ids, { activations: [name] });
    const resid = (activations!.get(name)!.arraySync() as number[][]).at(-1)!;
    tf.dispose([logits, ...activations!.values()]);
    const h = 1e-2;
    const logProb = (sign: number): number =>
      tf.tidy(() => (tf.logSoftmax(model.unembedResidual(tf.tensor2d([resid.map((v, d) => v + sign * h * r.cav[d])]))).arraySync() as number[][])[0][target]);
    const numeric = (logProb(1) - logProb(-1)) / (2 * h);
    assert.ok(Math.abs(numeric - r.directional[i]) <= 2e-3 * Math.max(1, Math.abs(numeric)), `input ${i}: finite difference ${numeric}, gradient ${r.directional[i]}`);
  });
  assert.equal(r.score, r.directional.filter((s) => s > 0).length / inputs.length);
  assert.equal(r.randomScores.length, 20);
  assert.ok(r.pValue >= 0 && r.pValue <= 1);
  model.dispose();
});

test("tcav on the bundled tiny GPT-2: an arithmetic concept against scripture is linearly separable in the last residual stream", async () => {
  const model = await loadModel(join(root, "data", "models", "tiny-gpt2-small"));
  const enc = (texts: string[]): number[][] => texts.map((t) => model.encode(t));
  const concept = enc(["3 + 4 = 7", "12 - 5 = 7", "6 * 2 = 12", "9 + 9 = 18", "20 - 8 = 12", "5 * 5 = 25", "14 + 3 = 17", "8 - 2 = 6"]);
  const random = enc(["And God said", "In the beginning", "the earth was without form", "and darkness was upon", "Let there be light", "and it was good", "the waters under the heaven", "and the evening and the morning"]);
  const r = tcav(model, { concept, random, inputs: enc(["7 + 1 =", "4 * 3 =", "10 - 6 ="]), target: model.encode(" 8")[0], heldOutFraction: 0.25, seed: 2 });
  assert.equal(r.probeTrainAccuracy, 1);
  assert.equal(r.probeHeldOutAccuracy, 1);
  model.dispose();
});

test("tcav rejects fewer than 20 random directions, a bad target and an empty sentence", async () => {
  const model = await loadModel(join(root, "test", "fixtures", "models", "gpt2-f32"));
  const base = { concept: [[1]], random: [[2]], inputs: [[3]], target: 1, heldOutFraction: 0 };
  assert.throws(() => tcav(model, { ...base, randomDirections: 10 }), /tcav: .*randomDirections must be an integer ≥ 20, got 10/);
  assert.throws(() => tcav(model, { ...base, target: 64 }), /target id 64 is not in \[0, 64\)/);
  assert.throws(() => tcav(model, { ...base, inputs: [[]] }), /inputs sentence 0 is empty/);
  model.dispose();
});

test("forwardEmbeddings' patch: a shift of the last block's output gives unembedResidual's logits; tcav at layer 0 matches finite differences through it", async () => {
  const model = await loadModel(join(root, "test", "fixtures", "models", "gpt2-f32"));
  const L = model.config.numLayers;
  const D = model.config.hiddenSize;
  const ids = [4, 8, 15];
  const lastName = hookNames.block(L - 1).residPost;
  const shift = Array.from({ length: D }, (_, d) => Math.sin(d + 1) * 0.5);
  const shifted = (name: string, scale: number) => (hook: string, resid: tf.Tensor2D): tf.Tensor2D =>
    hook === name ? tf.add(resid, tf.concat([tf.zeros([ids.length - 1, D]), tf.mul(tf.tensor2d([shift]), scale)], 0)) as tf.Tensor2D : resid;
  // (1) Against an independent path: the runtime's recorded last residual stream, shifted, through the final norm and head.
  const { logits, activations } = model.forward(ids, { activations: [lastName] });
  const resid = activations!.get(lastName)! as tf.Tensor2D;
  const expected = tf.tidy(() => model.unembedResidual(tf.add(resid, tf.concat([tf.zeros([ids.length - 1, D]), tf.tensor2d([shift])], 0)) as tf.Tensor2D).arraySync() as number[][]);
  const plain = logits.arraySync() as number[][];
  tf.dispose([logits, resid]);
  const got = tf.tidy(() => model.forwardEmbeddings(model.embed(ids), { patch: shifted(lastName, 1) }).arraySync() as number[][]);
  const same = tf.tidy(() => model.forwardEmbeddings(model.embed(ids), { patch: (_h, r) => r }).arraySync() as number[][]);
  got.forEach((row, t) => row.forEach((v, k) => assert.ok(Math.abs(v - expected[t][k]) < 1e-4, `patched logit [${t}][${k}]: ${v} vs ${expected[t][k]}`)));
  same.forEach((row, t) => row.forEach((v, k) => assert.ok(Math.abs(v - plain[t][k]) < 1e-4, "the identity patch changes nothing")));
  // (2) tcav at block 0: S_i = directional derivative of log p(target) along the CAV, by central differences.
  const inputs = [[1, 2, 3], [4, 5, 6], [7, 8, 9, 10]];
  const target = 7;
  const before = tf.memory().numTensors;
  const r = tcav(model, { concept: [[1, 2], [1, 3], [1, 4], [1, 5], [1, 6]], random: [[9, 8], [7, 6], [5, 9], [8, 7], [6, 5]], inputs, target, heldOutFraction: 0, layer: 0 });
  assert.equal(tf.memory().numTensors, before, "tcav at an earlier layer leaks no tensors");
  assert.equal(r.layer, 0);
  const name0 = hookNames.block(0).residPost;
  inputs.forEach((x, i) => {
    const h = 1e-2;
    const logProb = (sign: number): number => tf.tidy(() => {
      const T = x.length;
      const patch = (hook: string, res: tf.Tensor2D): tf.Tensor2D =>
        hook === name0 ? tf.add(res, tf.concat([tf.zeros([T - 1, D]), tf.tensor2d([r.cav.map((c) => sign * h * c)])], 0)) as tf.Tensor2D : res;
      return (tf.logSoftmax(model.forwardEmbeddings(model.embed(x), { patch })).arraySync() as number[][])[T - 1][target];
    });
    const numeric = (logProb(1) - logProb(-1)) / (2 * h);
    assert.ok(Math.abs(numeric - r.directional[i]) <= 2e-3 * Math.max(1, Math.abs(numeric)), `input ${i}: finite difference ${numeric}, gradient ${r.directional[i]}`);
  });
  assert.throws(() => tcav(model, { concept: [[1]], random: [[2]], inputs: [[3]], target: 1, layer: L }), new RegExp(`layer ${L} is not in \\[0, ${L}\\)`));
  model.dispose();
});
