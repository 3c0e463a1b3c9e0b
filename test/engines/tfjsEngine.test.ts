// The tfjs engine and the engine-generic generation: engineGenerate on the tfjs engine must pick the
// same tokens and write the same step records as `generate` on the same model (the engine contract:
// same logits, same tokens), score() rows must be the forward pass's rows, and the failure paths
// (context, bad ids, a model that is no model) must be one LogitlabError line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineGenerate, engineKindOf, generate, loadModel, LogitlabError, openEngine, rowStepRecord } from "logitlab";

const dir = "test/fixtures/models/gpt2-f32";

test("engineGenerate on the tfjs engine picks the same tokens with the same records as generate", async () => {
  const model = await loadModel(dir);
  const engine = await openEngine(dir);
  try {
    for (const options of [{ temperature: 0 }, { temperature: 1, seed: 7 }, { temperature: 0.8, topK: 5, topP: 0.9, seed: 3 }]) {
      const direct = generate(model, [1, 2, 3], { maxNewTokens: 6, ...options });
      const viaEngine = await engineGenerate(engine, [1, 2, 3], { maxNewTokens: 6, ...options });
      assert.deepEqual(viaEngine.ids, direct.ids, JSON.stringify(options));
      assert.equal(viaEngine.stopReason, direct.stopReason);
      viaEngine.steps.forEach((step, i) => {
        const other = direct.steps[i];
        assert.equal(step.id, other.id);
        assert.ok(Math.abs(step.logProb - other.logProb) < 1e-9, `logProb step ${i}`);
        assert.ok(Math.abs(step.entropy - other.entropy) < 1e-9, `entropy step ${i}`);
        assert.deepEqual(Array.from(step.topIds), Array.from(other.topIds));
        assert.ok(Math.abs(step.samplingProb - other.samplingProb) < 1e-12);
      });
    }
  } finally {
    model.dispose();
    await engine.dispose();
  }
});

test("tfjs engine: score() yields the forward pass's rows from `from` on, and session() continues the cache", async () => {
  const engine = await openEngine(dir);
  const model = await loadModel(dir);
  try {
    const ids = [5, 9, 2, 7];
    const rows: Float32Array[] = [];
    for await (const row of engine.score(ids, { from: 2 })) {
      assert.equal(row.kind, "logits");
      if (row.kind === "logits") rows.push(row.logits);
    }
    assert.equal(rows.length, 3);
    const full = model.forward(ids).logits.arraySync() as number[][];
    rows.forEach((row, i) => row.forEach((z, v) => assert.ok(Math.abs(z - full[i + 1][v]) < 1e-4)));
    const session = await engine.session();
    await session.append([5, 9]);
    const last = await session.append([2, 7]);
    assert.equal(session.length, 4);
    assert.ok(last.kind === "logits" && last.logits.every((z, v) => Math.abs(z - full[3][v]) < 1e-4));
    await session.dispose();
  } finally {
    model.dispose();
    await engine.dispose();
  }
});

test("tfjs engine: embeddingRows are rows of the input embedding matrix; bad ids and overlong input are one-line errors", async () => {
  const engine = await openEngine(dir);
  const model = await loadModel(dir);
  try {
    const rows = await engine.embeddingRows([3, 0]);
    const matrix = model.embeddings();
    const expected = matrix.arraySync() as number[][];
    matrix.dispose();
    assert.deepEqual(Array.from(rows[0]), Array.from(Float32Array.from(expected[3])));
    await assert.rejects(engine.embeddingRows([engine.info.vocabSize]), LogitlabError);
    const tooLong = Array.from({ length: engine.info.contextLength + 1 }, () => 1);
    await assert.rejects(async () => {
      for await (const row of engine.score(tooLong)) void row;
    }, /do not fit the model's context/);
    await assert.rejects(engineGenerate(engine, tooLong), /shorten the prompt/);
  } finally {
    model.dispose();
    await engine.dispose();
  }
});

test("engineKindOf chooses by --model and rejects what no engine runs", () => {
  assert.equal(engineKindOf("https://example.org/v1"), "openai");
  assert.equal(engineKindOf("x.GGUF"), "llama.cpp");
  assert.equal(engineKindOf(dir), "tfjs");
  assert.equal(engineKindOf(dir, "dump"), "dump");
  assert.throws(() => engineKindOf(dir, "torch"), /--engine torch is not one of/);
  assert.throws(() => engineKindOf("no/such/model"), /no such file or folder/);
  const tmp = mkdtempSync(join(tmpdir(), "logitlab-kind-"));
  try {
    writeFileSync(join(tmp, "notes.txt"), "x");
    assert.throws(() => engineKindOf(tmp), /not a model logitlab can run/);
    writeFileSync(join(tmp, "logits.npy"), "x");
    assert.equal(engineKindOf(tmp), "dump");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("rowStepRecord on a truncated row: covered mass, nucleus when the list reaches p, NaN for an unlisted id", () => {
  const row = { kind: "top" as const, ids: Int32Array.from([4, 1, 7]), logProbs: Float64Array.from([Math.log(0.6), Math.log(0.35), Math.log(0.03)]) };
  const step = rowStepRecord(row, 1, { recordTopP: 0.9 });
  assert.equal(step.truncated, true);
  assert.ok(Math.abs(step.coveredMass - 0.98) < 1e-12);
  assert.deepEqual(Array.from(step.topIds), [4, 1]);
  assert.deepEqual(step.top, { kind: "nucleus", p: 0.9 });
  assert.equal(step.entropy, null);
  assert.ok(Math.abs(step.prob - 0.35) < 1e-12);
  const short = rowStepRecord(row, 9, { recordTopP: 0.99 });
  assert.deepEqual(short.top, { kind: "given" });
  assert.ok(Number.isNaN(short.logProb));
  assert.throws(() => rowStepRecord({ kind: "logits", logits: Float32Array.from([0, 1]) }, 2), /outside the vocabulary/);
});
