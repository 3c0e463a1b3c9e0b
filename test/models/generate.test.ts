import { test, before } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { generate } from "../../lib/models/generate.js";
import { assertClose, FLOAT64_BOUNDED } from "../tolerances.js";

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

test("generate emits StepRecords: the chosen id's probability, the entropy and the nucleus of the full distribution, in float64", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32"));
  const result = generate(model, [1, 2, 3], { maxNewTokens: 3, temperature: 0, keepLogits: true, recordTopP: 0.5 });
  for (const step of result.steps) {
    const logits = Array.from(step.logits!);
    const max = Math.max(...logits);
    const z = logits.map((x) => Math.exp(x - max));
    const total = z.reduce((a, b) => a + b, 0);
    const p = z.map((x) => x / total);
    assert.equal(step.id, logits.indexOf(max), "greedy picks the argmax");
    assertClose(step.prob, p[step.id], FLOAT64_BOUNDED, "prob");
    assertClose(step.logProb, Math.log(p[step.id]), FLOAT64_BOUNDED, "logProb");
    assertClose(step.entropy, -p.reduce((s, q) => s + (q > 0 ? q * Math.log(q) : 0), 0), { rtol: 1e-12, atol: 1e-15 }, "entropy");
    const sorted = p.map((q, i) => [q, i]).sort((a, b) => b[0] - a[0]);
    let cumulative = 0;
    const expectedIds: number[] = [];
    for (const [q, i] of sorted) {
      expectedIds.push(i);
      cumulative += q;
      if (cumulative >= 0.5) break;
    }
    assert.deepEqual(Array.from(step.topIds), expectedIds);
    assert.ok(step.topIds instanceof Int32Array && step.topProbs instanceof Float64Array);
    step.topProbs.forEach((q, i) => assertClose(q, p[expectedIds[i]], FLOAT64_BOUNDED, `topProbs[${i}]`));
    assert.deepEqual(step.top, { kind: "nucleus", p: 0.5 });
    assert.equal(step.truncated, false);
    assert.equal(step.coveredMass, 1);
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
  for (const step of nucleusOnly.steps) assert.ok(step.topIds.includes(step.id), `id ${step.id} in ${step.topIds}`);
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

test("generate with maxNewTokens 0 returns an empty generation", async () => {
  const model = await loadModel(join(import.meta.dirname, "..", "..", "data", "models", "tiny-gpt2-small"));
  const result = generate(model, "And God said", { maxNewTokens: 0 });
  assert.deepEqual([result.ids, result.steps, result.text, result.stopReason, result.warnings], [[], [], "", "maxNewTokens", []]);
  assert.ok(result.promptIds.length > 0);
  model.dispose();
});

test("generate stops at the context length with the tokens so far, and rejects a longer prompt in one error", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32")); // n_positions 32
  const before = tf.memory().numTensors;
  const prompt = Array.from({ length: 28 }, (_, i) => (i * 7) % 64);
  const result = generate(model, prompt, { maxNewTokens: 10, temperature: 0 });
  assert.equal(result.ids.length, 4);
  assert.equal(result.steps.length, 4);
  assert.equal(result.stopReason, "context");
  assert.match(result.warnings[0], /stopped after 4 of 10 new tokens: .* context of 32/);
  assert.deepEqual(result.ids, generate(model, prompt, { maxNewTokens: 4, temperature: 0 }).ids, "the tokens so far are the ones an unhindered run gives");
  const full = generate(model, Array.from({ length: 32 }, () => 1), { maxNewTokens: 3 });
  assert.deepEqual([full.ids, full.stopReason], [[], "context"]);
  assert.throws(() => generate(model, Array.from({ length: 33 }, () => 1)), /^LogitlabError: generate: field "prompt": the prompt has 33 tokens but the model's context holds 32 \(config.json's n_positions\)/);
  assert.equal(tf.memory().numTensors, before, "generate leaks no tensors");
  model.dispose();
});

test("generate stops exactly at generation_config.json's eos_token_id (int or list), not config.json's", async () => {
  const source = join(fixtures, "llama-f32");
  const free = generate(await loadModel(source), [1, 2, 3], { maxNewTokens: 8, temperature: 0 });
  const firstIndex = (id: number): number => free.ids.indexOf(id);
  const later = free.ids.find((id, i) => i >= 2 && firstIndex(id) === i)!;
  const earlier = free.ids.find((id) => firstIndex(id) < firstIndex(later))!;
  const dir = mkdtempSync(join(tmpdir(), "logitlab-eos-"));
  cpSync(source, dir, { recursive: true });
  const config = JSON.parse(readFileSync(join(source, "config.json"), "utf8")) as Record<string, unknown>;
  writeFileSync(join(dir, "config.json"), JSON.stringify({ ...config, eos_token_id: earlier }));
  const withConfig = generate(await loadModel(dir), [1, 2, 3], { maxNewTokens: 8, temperature: 0 });
  assert.deepEqual([withConfig.ids, withConfig.stopReason], [free.ids.slice(0, firstIndex(earlier) + 1), "eos"], "config.json's eos when there is no generation_config.json");
  writeFileSync(join(dir, "generation_config.json"), JSON.stringify({ eos_token_id: [63, later] }));
  const withGeneration = generate(await loadModel(dir), [1, 2, 3], { maxNewTokens: 8, temperature: 0 });
  assert.deepEqual([withGeneration.ids, withGeneration.stopReason], [free.ids.slice(0, firstIndex(later) + 1), "eos"], "generation_config.json's list only");
  assert.equal(generate(await loadModel(dir), [1, 2, 3], { maxNewTokens: 8, temperature: 0, stopAtEos: false }).ids.length, 8);
});
