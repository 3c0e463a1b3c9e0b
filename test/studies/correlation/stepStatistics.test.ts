// Per-step quantities of the correlation study against the float64 numpy reference of
// test/fixtures/correlation/gen.py (independent forward of test/fixtures/models/gen.py):
//   - host pass alone: float32 logits given exactly, float64 tolerance;
//   - through the tfjs engine (float32 forward): the engine's rows, forward tolerance;
//   - truncated rows; the generation loop (steps = the statistics of the teacher-forced rows; EOS and
//     context stops).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openEngine } from "../../../lib/engines/openEngine.js";
import type { Engine, EngineRow } from "../../../lib/engines/Engine.js";
import { EmbeddingRowCache } from "../../../lib/studies/correlation/EmbeddingRowCache.js";
import { generateSteps } from "../../../lib/studies/correlation/generateSteps.js";
import { meanPairwiseCosineRows } from "../../../lib/studies/correlation/meanPairwiseCosineRows.js";
import { stepStatistics } from "../../../lib/studies/correlation/stepStatistics.js";
import { assertClose, type Tolerance } from "../../tolerances.js";

const root = join(import.meta.dirname, "..", "..", "..");
interface RefStep { nucleusIds: number[]; size: number; nucleusEntropy: number; fullEntropy: number; cosine: number; margin: number }
interface RefModel { model: string; ids: number[]; steps: RefStep[]; hostRows: (RefStep & { step: number; logits: number[] })[] }
const fixture = JSON.parse(readFileSync(join(root, "test/fixtures/correlation/steps.json"), "utf8")) as { topP: number; models: RefModel[] };

/**
 * The engine's float32 forward against the float64 forward: logits agree to about 1e-5 relative, so
 * probabilities, entropies and cosine means to about 1e-5; 1e-4 relative + 1e-5 absolute leaves room
 * without hiding a wrong formula (a missing 1e-12 term or a diagonal counted changes them by > 1e-3).
 */
const FORWARD: Tolerance = { rtol: 1e-4, atol: 1e-5 };
/** Host float64 arithmetic on identical inputs: sums of ~10^3 terms, so ~1e-13 relative. */
const HOST: Tolerance = { rtol: 1e-12, atol: 1e-14 };

async function withEngine<T>(model: string, body: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await openEngine(join(root, model));
  try {
    return await body(engine);
  } finally {
    await engine.dispose();
  }
}

test("host pass on float32 logits matches the float64 reference to float64 precision", async () => {
  for (const ref of fixture.models) {
    await withEngine(ref.model, async (engine) => {
      const cache = new EmbeddingRowCache((ids) => engine.embeddingRows(ids));
      for (const host of ref.hostRows) {
        const stats = await stepStatistics({ kind: "logits", logits: Float32Array.from(host.logits) }, (ids) => cache.rows(ids), { topP: fixture.topP });
        const what = `${ref.model} host step ${host.step}`;
        assert.deepEqual(Array.from(stats.ids), host.nucleusIds, `${what}: nucleus`);
        assertClose(stats.nucleusEntropy, host.nucleusEntropy, HOST, `${what}: nucleus entropy`);
        assertClose(stats.fullEntropy, host.fullEntropy, HOST, `${what}: full entropy`);
        assertClose(stats.cosine, host.cosine, HOST, `${what}: cosine`);
        assert.equal(stats.nucleusSize, host.size);
        assert.equal(stats.truncated, false);
        assert.equal(stats.coveredMass, 1);
      }
    });
  }
});

test("the engine's rows give the reference's per-step quantities (float32 forward)", async () => {
  for (const ref of fixture.models) {
    await withEngine(ref.model, async (engine) => {
      const cache = new EmbeddingRowCache((ids) => engine.embeddingRows(ids));
      let t = 0;
      for await (const row of engine.score(ref.ids.slice(0, ref.steps.length), { from: 1 })) {
        const expected = ref.steps[t];
        const stats = await stepStatistics(row, (ids) => cache.rows(ids), { topP: fixture.topP, step: t });
        const what = `${ref.model} step ${t}`;
        assertClose(stats.fullEntropy, expected.fullEntropy, FORWARD, `${what}: full entropy`);
        if (expected.margin > 1e-5) {
          // The boundary is clear of float32 rounding: the same nucleus, the same quantities.
          assert.deepEqual(Array.from(stats.ids), expected.nucleusIds, `${what}: nucleus`);
          assertClose(stats.nucleusEntropy, expected.nucleusEntropy, FORWARD, `${what}: nucleus entropy`);
          assertClose(stats.cosine, expected.cosine, FORWARD, `${what}: cosine`);
        } else {
          // Within 1e-5 of p: float32 may put the crossing token on either side (one token more or less).
          assert.ok(Math.abs(stats.nucleusSize - expected.size) <= 1, `${what}: nucleus size ${stats.nucleusSize} vs ${expected.size}`);
        }
        t++;
      }
      assert.equal(t, ref.steps.length);
    });
  }
});

test("a truncated list that reaches p gives the nucleus of the list; one that does not is reported, not guessed", async () => {
  const embed = async (ids: Int32Array) => Array.from(ids, (id) => Float64Array.of(1, id));
  const row: EngineRow = { kind: "top", ids: Int32Array.of(4, 2, 7), logProbs: Float64Array.from([0.6, 0.35, 0.04], Math.log) };
  const stats = await stepStatistics(row, embed);
  assert.deepEqual(Array.from(stats.ids), [4, 2]);
  const q = [0.6, 0.35].map((p) => p / (0.95 + 1e-12));
  assertClose(stats.nucleusEntropy, -q.reduce((s, x) => s + x * Math.log(x + 1e-12), 0), HOST, "nucleus entropy");
  assertClose(stats.cosine, meanPairwiseCosineRows([[1, 4], [1, 2]]), HOST, "cosine");
  assert.ok(Number.isNaN(stats.fullEntropy));
  assert.equal(stats.truncated, true);
  assertClose(stats.coveredMass, 0.99, HOST, "covered mass");
  const short = await stepStatistics({ kind: "top", ids: Int32Array.of(4, 2), logProbs: Float64Array.from([0.5, 0.3], Math.log) }, embed);
  assert.equal(short.nucleusCovered, false);
  assert.ok([short.nucleusEntropy, short.cosine, short.nucleusSize].every(Number.isNaN));
  assert.deepEqual(Array.from(short.ids), [4, 2]);
  const one = await stepStatistics({ kind: "logits", logits: Float32Array.of(30, 0, 0) }, embed);
  assert.deepEqual([one.nucleusSize, one.nucleusEntropy, one.cosine], [1, 0, 1]);
});

test("generation records the statistics of the rows it sampled from; EOS is not recorded; context stops warn", async () => {
  await withEngine("data/models/tiny-llama", async (engine) => {
    const cache = new EmbeddingRowCache((ids) => engine.embeddingRows(ids));
    const prompt = engine.tokenizer.encode("And God said, Let there be");
    const run = await generateSteps(engine, prompt, { maxTokens: 12, seed: 7, cache, stopAtEos: false });
    assert.equal(run.steps.length, 12);
    assert.equal(run.stopReason, "maxTokens");
    const again = await generateSteps(engine, prompt, { maxTokens: 12, seed: 7, cache, stopAtEos: false });
    assert.deepEqual(again.steps, run.steps, "same seed, same steps");
    const ids = [...prompt, ...run.steps.map((s) => s.tokenId)];
    let t = 0;
    for await (const row of engine.score(ids.slice(0, -1), { from: prompt.length })) {
      const stats = await stepStatistics(row, (x) => cache.rows(x));
      const step = run.steps[t++];
      assert.ok(Array.from(stats.ids).includes(step.tokenId), `step ${t - 1}: the token is in the nucleus`);
      assertClose(step.fullEntropy, stats.fullEntropy, FORWARD, "full entropy (KV cache vs full forward: float32 sums in another order)");
    }
    // Context: a prompt of L tokens in a context of C gives C − L + 1 steps, and says so.
    const long = Array.from({ length: engine.info.contextLength - 3 }, (_, i) => ids[i % ids.length]);
    const cut = await generateSteps(engine, long, { maxTokens: 10, seed: 1, cache, stopAtEos: false });
    assert.equal(cut.stopReason, "context");
    assert.equal(cut.steps.length, 4);
    assert.match(cut.warnings[0], /stopped after 4 of 10 steps/);
    // EOS: with every token an end-of-sequence token, the first draw stops and nothing is recorded.
    const allEos = { ...engine, info: engine.info, tokenizer: { ...engine.tokenizer, eosIds: new Set(Array.from({ length: engine.info.vocabSize }, (_, i) => i)) }, session: () => engine.session(), score: engine.score.bind(engine), embeddingRows: engine.embeddingRows.bind(engine), dispose: engine.dispose.bind(engine) } as Engine;
    const eos = await generateSteps(allEos, prompt, { maxTokens: 5, seed: 1, cache });
    assert.equal(eos.stopReason, "eos");
    assert.equal(eos.steps.length, 0);
  });
});
