// Word probabilities against a direct float64 numpy computation (test/fixtures/reasoningWords/gen.py)
// on the random tiny checkpoints of test/fixtures/models, where a "word" is a set of id sequences:
// a two-token, a one-token and a three-token variant. The reference's propensity runs a separate full
// forward pass for every extended prefix, so the KV-cache branches of sequenceBranches are checked too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tf } from "../../../lib/backend/backend.js";
import { loadModel } from "../../../lib/models/load.js";
import { findOccurrences } from "../../../lib/studies/reasoningWords/findOccurrences.js";
import { forkingPositions } from "../../../lib/studies/reasoningWords/forkingPositions.js";
import { forkingSplit } from "../../../lib/studies/reasoningWords/forkingSplit.js";
import { occurrenceProbabilities } from "../../../lib/studies/reasoningWords/occurrenceProbabilities.js";
import { propensity } from "../../../lib/studies/reasoningWords/propensity.js";
import { sequenceBranches } from "../../../lib/studies/reasoningWords/sequenceBranches.js";
import type { WordVariant } from "../../../lib/studies/reasoningWords/types.js";
import { assertAllClose, assertClose, type Tolerance } from "../../tolerances.js";

const root = join(import.meta.dirname, "..", "..", "..");
interface Case {
  nextTokenLogProbs: number[];
  entropies: number[];
  occurrences: { start: number; variant: number; logProb: number; offByOneLogProb: number }[];
  propensityExact: number[];
  propensityFirstToken: number[];
  forkingThreshold: number;
  forking: boolean[];
  meanPropensityForking: number;
  meanPropensityRest: number;
}
const reference = JSON.parse(readFileSync(join(root, "test", "fixtures", "reasoningWords", "reference.json"), "utf8")) as {
  ids: number[]; answerStart: number; variants: { spelling: string; ids: number[]; leadingSpace: boolean }[]; cases: Record<string, Case>;
};
const variants: WordVariant[] = reference.variants.map((v) => ({ ...v, tokens: v.ids.map(String) }));
const { ids, answerStart } = reference;
const N = ids.length;

// float32 runtime against float64: log-probabilities to 2e-4 absolute (≈ relative error of a probability).
const LOG_PROB: Tolerance = { rtol: 1e-5, atol: 2e-4 };
const PROBABILITY: Tolerance = { rtol: 2e-4, atol: 1e-9 };

for (const [folder, expected] of Object.entries(reference.cases)) {
  test(`word probabilities on ${folder} match the float64 reference (t − 1 alignment, multi-token words, cached branches)`, async () => {
    const model = await loadModel(join(root, "test", "fixtures", "models", folder));
    const before = tf.memory().numTensors;
    const branches = sequenceBranches(model, ids, variants.map((v) => v.ids[0]));
    try {
      assertAllClose(branches.entropies, expected.entropies, LOG_PROB, "entropies");
      assertAllClose(branches.nextTokenLogProbs, expected.nextTokenLogProbs, LOG_PROB, "nextTokenLogProbs");

      const occurrences = findOccurrences(ids, variants, { from: answerStart });
      assert.deepEqual(occurrences.map((o) => [o.start, variants.indexOf(o.variant)]), expected.occurrences.map((o) => [o.start, o.variant]));
      const scored = occurrenceProbabilities(branches.nextTokenLogProbs, occurrences);
      scored.forEach((s, i) => {
        const want = expected.occurrences[i];
        assertClose(s.logProb, want.logProb, LOG_PROB, `occurrence at ${s.start}`);
        assertClose(s.probability, Math.exp(want.logProb), PROBABILITY, `occurrence at ${s.start}`);
        // The reference is far from what reading the logits at the word's own index would give,
        // so this test fails if the alignment is off by one.
        assert.ok(Math.abs(want.logProb - want.offByOneLogProb) > 0.5, `off-by-one distinguishable at ${s.start}`);
      });

      const positions = Array.from({ length: N }, (_, i) => i + 1);
      const exact = propensity(ids, positions, variants, branches.nextLogProbs);
      assert.equal(exact.mode, "exact");
      assertAllClose(exact.probabilities, expected.propensityExact, PROBABILITY, "exact propensity");
      assert.ok(branches.branchRuns() > 0, "multi-token variants ran branches");
      const first = propensity(ids, positions, variants, branches.nextLogProbs, { mode: "firstTokenOnly" });
      assert.equal(first.mode, "firstTokenOnly");
      assertAllClose(first.probabilities, expected.propensityFirstToken, PROBABILITY, "first-token propensity");

      // Answer positions t ∈ [answerStart, N): distribution row t − 1.
      const answerEntropies = branches.entropies.slice(answerStart - 1, N - 1);
      const forking = forkingPositions(answerEntropies);
      assertClose(forking.threshold, expected.forkingThreshold, LOG_PROB, "threshold");
      assert.deepEqual(forking.forking, expected.forking);
      const split = forkingSplit(exact.probabilities.slice(answerStart - 1, N - 1), forking.forking);
      assertClose(split.forking.mean, expected.meanPropensityForking, PROBABILITY, "mean at forking positions");
      assertClose(split.rest.mean, expected.meanPropensityRest, PROBABILITY, "mean at the rest");
    } finally {
      branches.dispose();
    }
    assert.equal(tf.memory().numTensors, before, "no tensor leaks");
    model.dispose();
  });
}

test("sequenceBranches rejects an empty sequence, bad ids, an empty prefix and use after dispose, without leaking tensors", async () => {
  const model = await loadModel(join(root, "test", "fixtures", "models", "llama-f32"));
  const before = tf.memory().numTensors;
  assert.throws(() => sequenceBranches(model, []), /sequenceBranches: field "ids": the sequence is empty/);
  assert.throws(() => sequenceBranches(model, [1, 2], [64]), /gather id 64 is not an integer in \[0, 64\)/);
  const branches = sequenceBranches(model, [1, 2, 3]);
  assert.throws(() => branches.nextLogProbs([{ prefix: [], ids: [1] }]), /request 0 field "prefix": a prefix needs at least one token/);
  assert.throws(() => branches.nextLogProbs([{ prefix: [1], ids: [-1] }]), /request 0 field "ids": id -1 is not an integer in \[0, 64\)/);
  branches.dispose();
  assert.throws(() => branches.nextLogProbs([{ prefix: [1], ids: [1] }]), /sequenceBranches: used after dispose\(\)/);
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});
