// The token-predictions study's token_logprobs.csv equals an independent float64 numpy forward of the
// same bundled models (test/fixtures/predictions/gen.py → reference.json): log p and entropy within
// float32 tolerance, ranks exactly; and a text longer than the context is one error naming the limit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ready, tf } from "../../../lib/backend/backend.js";
import { analyzePredictions } from "../../../lib/studies/predictions/analyzePredictions.js";
import { predictionsStudy } from "../../../lib/studies/predictions/predictionsStudy.js";
import { resolvePredictionsConfig } from "../../../lib/studies/predictions/resolvePredictionsConfig.js";
import { runStudy } from "../../../lib/studies/runStudy.js";
import { LogitlabError } from "../../../lib/util/errors.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "predictions");
const reference = JSON.parse(readFileSync(join(fixtures, "reference.json"), "utf8")) as {
  ids: number[];
  models: Record<string, { logprob: number[]; rank: number[]; entropy: number[] }>;
};
// float32 forward against float64: about 3e-6 nats observed on these models.
const TOL = { rtol: 1e-5, atol: 2e-5 };
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= TOL.atol + TOL.rtol * Math.abs(expected), `${what}: ${actual} vs ${expected}`);

/** A minimal reader for the one CSV dialect (no field here holds a quote). */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const split = (line: string) => (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((f) => f.replace(/,$/, "")).map((f) => (f.startsWith('"') ? f.slice(1, -1).replaceAll('""', '"') : f));
  const columns = split(header);
  return lines.map((line) => Object.fromEntries(split(line).map((v, i) => [columns[i], v])));
}

test("token_logprobs.csv holds the float64 reference's log p, rank and entropy for every token of both bundled models", { timeout: 120_000 }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-predictions-")), "token-predictions");
  await ready();
  const before = tf.memory().numTensors;
  const run = await runStudy(predictionsStudy, resolvePredictionsConfig({ out }), { progress: "silent", figures: false });
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
  assert.ok(run.written.some((p) => p.endsWith("token_logprobs.csv")));
  const rows = readCsv(join(out, "token_logprobs.csv"));
  assert.equal(rows.length, reference.ids.length, "one row per token");
  assert.deepEqual(rows.map((r) => Number(r.id)), reference.ids, "the bundled paragraph tokenizes to the reference ids");
  assert.deepEqual(rows.map((r) => Number(r.index)), reference.ids.map((_, t) => t));
  for (const [name, expected] of Object.entries(reference.models)) {
    assert.equal(rows[0][`${name}_logprob`], "", "the first token has no prediction: an empty field");
    for (let t = 1; t < rows.length; t++) {
      close(Number(rows[t][`${name}_logprob`]), expected.logprob[t - 1], `${name} logprob t=${t}`);
      close(Number(rows[t][`${name}_entropy`]), expected.entropy[t - 1], `${name} entropy t=${t}`);
      assert.equal(Number(rows[t][`${name}_rank`]), expected.rank[t - 1], `${name} rank t=${t}`);
    }
  }
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  assert.equal(summary.provenance.study, "predictions");
  assert.equal(summary.provenance.inputs.tokens, reference.ids.length);
});

test("a text longer than the models' context is one error naming the limit (committed too-long.txt), never truncated", { timeout: 60_000 }, async () => {
  const config = resolvePredictionsConfig({ text: join(fixtures, "too-long.txt"), model: [join("data", "models", "tiny-gpt2-small")] });
  await assert.rejects(analyzePredictions(config), (e: unknown) => e instanceof LogitlabError && /context of 64 tokens/.test(e.message) && /too-long\.txt/.test(e.message));
});

test("a second model without a tokenizer is one error naming its folder", { timeout: 60_000 }, async () => {
  const config = resolvePredictionsConfig({ model: [join("data", "models", "tiny-gpt2-small"), "test/fixtures/models/gpt2-f32"] });
  await assert.rejects(analyzePredictions(config), (e: unknown) => e instanceof LogitlabError && /tokenizer\.json/.test(e.message) && /gpt2-f32/.test(e.message));
});
