import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { tokenSaliency } from "../../lib/interpret/tokenSaliency.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");

before(async () => {
  await ready();
});

type Model = Awaited<ReturnType<typeof loadModel>>;

/** Central finite differences of each f along one coordinate E[t][d] (float32 forward, h = 2e-3; one pair of forwards for all f). */
function partials(model: Model, base: number[][], t: number, d: number, fs: ((logits: number[]) => number)[]): number[] {
  const h = 2e-3;
  const at = (sign: number): number[] => {
    const shifted = base.map((row, i) => row.map((v, j) => (i === t && j === d ? v + sign * h : v)));
    return tf.tidy(() => (tf.slice(model.forwardEmbeddings(tf.tensor2d(shifted)), [base.length - 1, 0], [1, -1]).arraySync() as number[][]))[0];
  };
  const [plus, minus] = [at(1), at(-1)];
  return fs.map((f) => (f(plus) - f(minus)) / (2 * h));
}

const logSoftmaxAt = (logits: number[], id: number): number => {
  const m = Math.max(...logits);
  return logits[id] - m - Math.log(logits.reduce((s, v) => s + Math.exp(v - m), 0));
};

for (const name of ["gpt2-f32", "llama3-f32"]) {
  test(`tokenSaliency(${name}) matches finite differences: |∂Σlogits/∂E| mean, ‖∂log p/∂E‖, input × gradient`, async () => {
    const model = await loadModel(join(fixtures, name));
    const ids = [4, 8, 15, 16];
    const before = tf.memory().numTensors;
    const s = tokenSaliency(model, ids);
    assert.equal(tf.memory().numTensors, before, "tokenSaliency leaks no tensors");
    const E = model.embed(ids);
    const base = E.arraySync();
    E.dispose();
    const lastLogits = tf.tidy(() => (model.forwardEmbeddings(tf.tensor2d(base)).arraySync() as number[][]))[ids.length - 1];
    assert.equal(s.predictedId, lastLogits.indexOf(Math.max(...lastLogits)));
    const D = base[0].length;
    // Full finite-difference gradients over every coordinate of E (T · D = 128 pairs of forwards on the tiny model).
    for (let t = 0; t < ids.length; t++) {
      const both = base[t].map((_, d) => partials(model, base, t, d, [(z) => z.reduce((a, b) => a + b, 0), (z) => logSoftmaxAt(z, s.predictedId)]));
      const gSum = both.map((g) => g[0]);
      const gLog = both.map((g) => g[1]);
      const logitSum = gSum.reduce((a, g) => a + Math.abs(g), 0) / D;
      const gradNorm = Math.hypot(...gLog);
      const inputXGradient = gLog.reduce((a, g, d) => a + g * base[t][d], 0);
      const close = (got: number, want: number, what: string): void =>
        assert.ok(Math.abs(got - want) <= 5e-3 * Math.max(1, Math.abs(want)), `${what} at token ${t}: gradient ${got}, finite difference ${want}`);
      close(s.logitSum[t], logitSum, "logitSum");
      close(s.gradNorm[t], gradNorm, "gradNorm");
      close(s.inputXGradient[t], inputXGradient, "inputXGradient");
    }
    model.dispose();
  });
}

test("tokenSaliency rejects an empty prompt", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32"));
  assert.throws(() => tokenSaliency(model, []), /tokenSaliency: .*needs at least one token/);
  model.dispose();
});
