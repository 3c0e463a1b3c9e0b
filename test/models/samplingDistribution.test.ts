// samplingDistribution against Hugging Face's warpers re-implemented in numpy (test/fixtures/sampling/gen.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { samplingDistribution } from "../../lib/models/samplingDistribution.js";
import { assertClose } from "../tolerances.js";

const reference = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "sampling", "reference.json"), "utf8")) as {
  cases: { logits: number[]; temperature: number; topK: number; topP: number; ids: number[]; probs: number[] }[];
};

test("samplingDistribution keeps the tokens Hugging Face's temperature → top-k → top-p warpers keep, with their probabilities", () => {
  assert.ok(reference.cases.length >= 20);
  for (const [i, c] of reference.cases.entries()) {
    const got = samplingDistribution(Float32Array.from(c.logits), c);
    assert.deepEqual(got.ids, c.ids, `case ${i}`);
    got.probs.forEach((p, j) => assertClose(p, c.probs[j], { rtol: 1e-12, atol: 1e-15 }, `case ${i} prob ${j}`));
  }
});

test("samplingDistribution(topK) keeps every token tied with the k-th, as HF's TopKLogitsWarper", () => {
  // HF: indices_to_remove = scores < torch.topk(scores, top_k)[0][..., -1, None]; the 2nd largest is 2,
  // so scores 3, 2, 2, 2 stay (4 tokens for k = 2), and a tie at the top survives k = 1.
  const logits = Float32Array.of(3, 2, 2, 2, 1, 0);
  assert.deepEqual(samplingDistribution(logits, { temperature: 1, topK: 2, topP: 1 }).ids, [0, 1, 2, 3]);
  assert.deepEqual(samplingDistribution(Float32Array.of(5, 5, 1), { temperature: 2, topK: 1, topP: 1 }).ids, [0, 1]);
  assert.deepEqual(samplingDistribution(logits, { temperature: 1, topK: 4, topP: 1 }).ids, [0, 1, 2, 3]);
  assert.deepEqual(samplingDistribution(logits, { temperature: 1, topK: 5, topP: 1 }).ids, [0, 1, 2, 3, 4]);
  assert.deepEqual(samplingDistribution(logits, { temperature: 1, topK: 99, topP: 1 }).ids, [0, 1, 2, 3, 4, 5]);
});

test("samplingDistribution(topP) keeps the lower ids where tied tokens straddle the boundary (HF: sort order)", () => {
  // Four equal logits, p = 0.6: the smallest prefix reaching 0.6 is 3 of the 4 (0.75); HF keeps three
  // of them too, but which three depends on its unstable torch.sort.
  const got = samplingDistribution(Float32Array.of(2, 2, 2, 2, 0, -1), { temperature: 1, topK: 3, topP: 0.6 });
  assert.deepEqual(got.ids, [0, 1, 2]);
  got.probs.forEach((p) => assertClose(p, 1 / 3, { rtol: 1e-15, atol: 0 }, "renormalised"));
});

test("samplingDistribution at temperature 0 is the argmax, ties to the lowest id", () => {
  assert.deepEqual(samplingDistribution(Float32Array.of(1, 4, 4, 2), { temperature: 0, topK: 0, topP: 1 }), { ids: [1], weights: [1], probs: [1] });
});
