import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { generate } from "../../lib/models/generate.js";
import { assertClose, FLOAT32 } from "../tolerances.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");

before(async () => {
  await ready();
});

for (const name of ["gpt2-f32", "llama3-f32", "mistral-f32", "qwen3-bf16"]) {
  test(`generate(${name}) greedy gives identical tokens with and without the KV cache`, async () => {
    const model = await loadModel(join(fixtures, name));
    const before = tf.memory().numTensors;
    const cached = generate(model, [3, 1, 4, 1, 5], { maxNewTokens: 12, temperature: 0 });
    const uncached = generate(model, [3, 1, 4, 1, 5], { maxNewTokens: 12, temperature: 0, useCache: false });
    assert.deepEqual(cached.ids, uncached.ids);
    assert.equal(cached.ids.length, 12);
    cached.steps.forEach((s, i) => {
      assertClose(s.prob, uncached.steps[i].prob, { rtol: 1e-4, atol: 1e-6 }, `step ${i} prob`);
      assertClose(s.entropy, uncached.steps[i].entropy, { rtol: 1e-4, atol: 1e-6 }, `step ${i} entropy`);
    });
    assert.equal(tf.memory().numTensors, before, "generate leaks no tensors");
    model.dispose();
  });
}

test("generate records the chosen id's probability, the entropy and the nucleus of the full distribution", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32"));
  const result = generate(model, [1, 2, 3], { maxNewTokens: 3, temperature: 0, keepLogits: true, recordTopP: 0.5 });
  for (const step of result.steps) {
    const logits = Array.from(step.logits!);
    const max = Math.max(...logits);
    const z = logits.map((x) => Math.exp(x - max));
    const total = z.reduce((a, b) => a + b, 0);
    const p = z.map((x) => x / total);
    assert.equal(step.id, logits.indexOf(max), "greedy picks the argmax");
    assertClose(step.prob, p[step.id], FLOAT32, "prob");
    assertClose(step.logProb, Math.log(p[step.id]), { rtol: 1e-5, atol: 1e-6 }, "logProb");
    assertClose(step.entropy, -p.reduce((s, q) => s + (q > 0 ? q * Math.log(q) : 0), 0), { rtol: 1e-5, atol: 1e-6 }, "entropy");
    const sorted = p.map((q, i) => [q, i]).sort((a, b) => b[0] - a[0]);
    let cumulative = 0;
    const expectedIds: number[] = [];
    for (const [q, i] of sorted) {
      expectedIds.push(i);
      cumulative += q;
      if (cumulative >= 0.5) break;
    }
    assert.deepEqual(step.nucleus.ids, expectedIds);
    assert.equal(step.samplingProb, 1);
  }
  model.dispose();
});

test("generate with a seed is reproducible and different seeds differ", async () => {
  const model = await loadModel(join(fixtures, "llama-f32"));
  const a = generate(model, [5, 6], { maxNewTokens: 16, temperature: 1.5, seed: 7 });
  const b = generate(model, [5, 6], { maxNewTokens: 16, temperature: 1.5, seed: 7 });
  const c = generate(model, [5, 6], { maxNewTokens: 16, temperature: 1.5, seed: 8 });
  assert.deepEqual(a.ids, b.ids);
  assert.notDeepEqual(a.ids, c.ids);
  model.dispose();
});

test("generate with topK 1 equals greedy, and topP keeps sampled tokens inside the nucleus", async () => {
  const model = await loadModel(join(fixtures, "qwen2-f32"));
  const greedy = generate(model, [9, 8, 7], { maxNewTokens: 8, temperature: 0 });
  const topOne = generate(model, [9, 8, 7], { maxNewTokens: 8, temperature: 2, topK: 1, seed: 3 });
  assert.deepEqual(topOne.ids, greedy.ids);
  const nucleusOnly = generate(model, [9, 8, 7], { maxNewTokens: 8, temperature: 1, topP: 0.3, recordTopP: 0.3, seed: 3 });
  for (const step of nucleusOnly.steps) assert.ok(step.nucleus.ids.includes(step.id), `id ${step.id} in ${step.nucleus.ids}`);
  model.dispose();
});

test("generate stops at a stop id and rejects bad options", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32"));
  const free = generate(model, [1, 2, 3], { maxNewTokens: 6, temperature: 0 });
  const stopped = generate(model, [1, 2, 3], { maxNewTokens: 6, temperature: 0, stop: [free.ids[1]] });
  assert.deepEqual(stopped.ids, free.ids.slice(0, free.ids.indexOf(free.ids[1]) + 1));
  assert.equal(stopped.stopReason, "stop");
  assert.throws(() => generate(model, [1], { topP: 0 }), /topP 0 is not in \(0, 1\]/);
  assert.throws(() => generate(model, [1], { temperature: -1 }), /temperature -1/);
  assert.throws(() => generate(model, "text"), /no tokenizer.json/);
  model.dispose();
});
