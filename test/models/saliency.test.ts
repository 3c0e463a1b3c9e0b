import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { saliency } from "../../lib/models/saliency.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");

before(async () => {
  await ready();
});

/** f(E) = log softmax(logits(E)[position])[target], evaluated directly (float32 forward). */
function logProbAt(model: Awaited<ReturnType<typeof loadModel>>, embeds: tf.Tensor2D, position: number, target: number): number {
  return tf.tidy(() => tf.logSoftmax(model.forwardEmbeddings(embeds)).arraySync() as number[][])[position][target];
}

for (const name of ["gpt2-f32", "llama3-f32", "qwen3-f32"]) {
  test(`saliency(${name}) matches central finite differences of the log-probability`, async () => {
    const model = await loadModel(join(fixtures, name));
    const ids = [4, 8, 15, 16, 23];
    const target = 42;
    const position = 3;
    const before = tf.memory().numTensors;
    const result = saliency(model, ids, target, { position, gradients: true });
    assert.equal(tf.memory().numTensors, before, "saliency leaks no tensors");
    const E = model.embed(ids);
    const base = E.arraySync();
    assert.ok(Math.abs(result.logProb - logProbAt(model, E, position, target)) < 1e-5);
    // Directional derivative along a fixed pseudo-random direction u: (f(E + hu) − f(E − hu)) / 2h ≈ <G, u>.
    const u = base.map((row, t) => row.map((_, d) => Math.sin(1 + 7 * t + 13 * d)));
    const h = 2e-3; // truncation error O(h²) vs float32 rounding O(eps·|f|/h): both ≈ 1e-4 here
    const shifted = (sign: number): number => {
      const x = tf.tensor2d(base.map((row, t) => row.map((v, d) => v + sign * h * u[t][d])));
      const value = logProbAt(model, x, position, target);
      x.dispose();
      return value;
    };
    const numeric = (shifted(1) - shifted(-1)) / (2 * h);
    const analytic = result.gradients!.reduce((s, row, t) => s + row.reduce((r, g, d) => r + g * u[t][d], 0), 0);
    assert.ok(Math.abs(numeric - analytic) <= 2e-3 * Math.max(1, Math.abs(analytic)), `finite difference ${numeric} vs gradient ${analytic}`);
    // Tokens after the position cannot influence it (causal mask): zero gradient.
    assert.equal(result.gradNorm[4], 0);
    assert.ok(result.gradNorm[3] > 0);
    result.gradNorm.forEach((n, t) => assert.ok(Math.abs(n - Math.hypot(...result.gradients![t])) < 1e-5));
    result.inputXGradient.forEach((v, t) => assert.ok(Math.abs(v - base[t].reduce((s, e, d) => s + e * result.gradients![t][d], 0)) < 1e-5));
    E.dispose();
    model.dispose();
  });
}

test("saliency rejects a position or target outside range", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32"));
  assert.throws(() => saliency(model, [1, 2], 3, { position: 2 }), /position 2 is outside \[0, 2\)/);
  assert.throws(() => saliency(model, [1, 2], 64), /target id 64 is not in \[0, 64\)/);
  model.dispose();
});
