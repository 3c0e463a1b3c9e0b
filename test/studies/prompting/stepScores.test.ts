// The prompting study's per-sample uncertainty scores (original entropy H/ln K, nucleus entropy, full
// entropy, nucleus cosine) on the bundled tiny-llama against an independent float64 numpy forward and
// sampler (test/fixtures/prompting/gen.py → reference.json): the answers the reference sampled are
// teacher-forced through the tfjs engine, each row becomes a step record (rowStepRecord, p = 0.95), and
// stepScores must give the reference's per-step values and per-sample means within float32 tolerance;
// the nucleus of every step must be the reference's, token for token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openEngine } from "../../../lib/engines/openEngine.js";
import { rowStepRecord } from "../../../lib/engines/rowStepRecord.js";
import type { StepRecord } from "../../../lib/io/stepRecord.js";
import { buildPrompt } from "../../../lib/studies/prompting/buildPrompt.js";
import { readPromptsFile } from "../../../lib/studies/prompting/readPromptsFile.js";
import { stepScores } from "../../../lib/studies/prompting/stepScores.js";

interface RefStep { k: number; nucleus: number[]; original: number; nucleus_entropy: number; full_entropy: number; cosine: number; id: number }
const reference = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "prompting", "reference.json"), "utf8")) as {
  model: string; top_p: number; prompt_ids: number[];
  samples: { ids: number[]; steps: RefStep[]; means: { original: number; nucleus_entropy: number; full_entropy: number; cosine: number; k: number } }[];
};
// float32 forward against float64 (about 3e-6 nats on these models); the cosine of float32 rows, summed in float64.
const TOL = { rtol: 1e-5, atol: 2e-5 };
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= TOL.atol + TOL.rtol * Math.abs(expected), `${what}: ${actual} vs ${expected}`);

test("the reference's prompt is the bundled miniature cot prompt as the study builds and tokenizes it", async () => {
  const engine = await openEngine(reference.model);
  try {
    const prompts = readPromptsFile("data/prompts/prompting/techniques-mini.json");
    const text = buildPrompt(prompts.exemplars, prompts.techniques.cot, "What is 7 * 8?");
    assert.deepEqual(engine.tokenizer.encode(text, { addSpecialTokens: true }), reference.prompt_ids);
  } finally {
    await engine.dispose();
  }
});

test("stepScores on teacher-forced rows equals the float64 reference per step and per sample", { timeout: 120_000 }, async () => {
  assert.ok(reference.samples.length >= 3);
  const engine = await openEngine(reference.model);
  try {
    for (const [s, sample] of reference.samples.entries()) {
      const ids = [...reference.prompt_ids, ...sample.ids];
      const records: StepRecord[] = [];
      let t = reference.prompt_ids.length;
      for await (const row of engine.score(ids, { from: reference.prompt_ids.length })) {
        if (t >= ids.length) break; // the last row predicts past the answer
        records.push(rowStepRecord(row, ids[t], { recordTopP: reference.top_p, step: t }));
        t++;
      }
      assert.equal(records.length, sample.steps.length);
      const embed = (ids: readonly number[]) => engine.embeddingRows(ids);
      for (const [i, step] of sample.steps.entries()) {
        assert.deepEqual(Array.from(records[i].topIds), step.nucleus, `sample ${s} step ${i}: nucleus`);
        const one = await stepScores([records[i]], embed);
        close(one.originalEntropy, step.original, `sample ${s} step ${i}: H/ln K`);
        close(one.nucleusEntropy, step.nucleus_entropy, `sample ${s} step ${i}: nucleus entropy`);
        close(one.fullEntropy, step.full_entropy, `sample ${s} step ${i}: full entropy`);
        close(one.cosine, step.cosine, `sample ${s} step ${i}: cosine`);
        assert.equal(one.nucleusSize, step.k);
      }
      const all = await stepScores(records, embed);
      close(all.originalEntropy, sample.means.original, `sample ${s}: mean H/ln K`);
      close(all.nucleusEntropy, sample.means.nucleus_entropy, `sample ${s}: mean nucleus entropy`);
      close(all.fullEntropy, sample.means.full_entropy, `sample ${s}: mean full entropy`);
      close(all.cosine, sample.means.cosine, `sample ${s}: mean cosine`);
      close(all.nucleusSize, sample.means.k, `sample ${s}: mean K`);
      assert.equal(all.truncatedSteps, 0);
    }
  } finally {
    await engine.dispose();
  }
});

test("stepScores of no step is NaN everywhere; a one-token nucleus scores entropy 0 and cosine 1", async () => {
  const none = await stepScores([], async () => []);
  assert.ok([none.originalEntropy, none.fullEntropy, none.cosine, none.nucleusSize].every(Number.isNaN));
  const one = await stepScores([{ topIds: Int32Array.of(5), topProbs: Float64Array.of(0.97), entropy: 0.2, truncated: false }], async () => assert.fail("no rows needed"));
  assert.deepEqual([one.originalEntropy, one.cosine, one.nucleusSize], [0, 1, 1]);
  assert.ok(Math.abs(one.nucleusEntropy) < 1e-11);
});
