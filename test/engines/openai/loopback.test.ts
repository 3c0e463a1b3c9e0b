// The openai engine against `logitlab serve` on loopback (started in-process on port 0) gives the same
// records as the tfjs engine run directly, up to the top-N truncation: the top-N ids are the N largest
// logits of the tfjs row (sorted here independently), their log-probabilities are the float64
// log-softmax of those logits, the teacher-forced token's probability is exact even outside the
// top-N, and generation picks the same tokens (greedy at N = 20; seeded sampling when N is the whole
// vocabulary, where the truncated row is the full distribution). What is tested is the HTTP path, the
// JSON and the truncation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { engineGenerate, openEngine, OpenAiEngine, rowStepRecord, serveEngine, type Engine, type EngineRow, type OpenAiServer } from "logitlab";

const dir = "data/models/tiny-gpt2-small";
let tfjs: Engine;
let server: OpenAiServer;

before(async () => {
  tfjs = await openEngine(dir);
  server = await serveEngine(await openEngine(dir), { port: 0, maxLogprobs: -1, root: dir });
});
after(async () => {
  await server.close();
  await tfjs.dispose();
});

/** Independent reference: float64 log-softmax and the ids by logit descending, ties by id. */
function reference(logits: Float32Array): { logProbs: Float64Array; order: number[] } {
  let max = -Infinity;
  for (const z of logits) max = Math.max(max, z);
  let sum = 0;
  for (const z of logits) sum += Math.exp(z - max);
  const logProbs = Float64Array.from(logits, (z) => z - max - Math.log(sum));
  const order = Array.from(logits.keys()).sort((a, b) => logits[b] - logits[a] || a - b);
  return { logProbs, order };
}

test("score(): the same step records as the tfjs engine up to the top-20 truncation", async () => {
  const engine = await OpenAiEngine.open(server.url, { cacheDir: false });
  assert.equal(engine.info.engine, "openai");
  assert.equal(engine.info.topN, 20);
  assert.equal(engine.info.vocabSize, tfjs.info.vocabSize);
  assert.equal(engine.info.contextLength, tfjs.info.contextLength);
  const ids = tfjs.tokenizer.encode("And God said unto Moses, I am that I am: and he said", { addSpecialTokens: false });
  assert.deepEqual(engine.tokenizer.encode("And God said unto Moses, I am that I am: and he said", { addSpecialTokens: false }), ids);
  const direct: EngineRow[] = [];
  for await (const row of tfjs.score(ids)) direct.push(row);
  const viaHttp: EngineRow[] = [];
  for await (const row of engine.score(ids)) viaHttp.push(row);
  assert.equal(viaHttp.length, ids.length);
  let outsideTop = 0;
  viaHttp.forEach((row, t) => {
    const full = direct[t];
    assert.ok(row.kind === "top" && full.kind === "logits");
    const { logProbs, order } = reference(full.logits);
    assert.deepEqual(Array.from(row.ids), order.slice(0, 20), `position ${t}: top-20 ids`);
    row.logProbs.forEach((lp, i) => assert.ok(Math.abs(lp - logProbs[order[i]]) < 1e-9, `position ${t} rank ${i}`));
    if (t + 1 < ids.length) {
      const next = ids[t + 1];
      const truncated = rowStepRecord(row, next);
      const exact = rowStepRecord(full, next);
      assert.ok(Math.abs(truncated.logProb - exact.logProb) < 1e-9, `position ${t}: teacher-forced logProb`);
      if (!row.ids.includes(next)) outsideTop++;
      assert.equal(truncated.truncated, true);
      const covered = order.slice(0, 20).reduce((s, v) => s + Math.exp(logProbs[v]), 0);
      assert.ok(Math.abs(truncated.coveredMass - covered) < 1e-12);
      if (exact.topIds.length <= 20) assert.deepEqual(Array.from(truncated.topIds), Array.from(exact.topIds), `position ${t}: nucleus inside the top-20`);
      else assert.deepEqual(truncated.top, { kind: "given" });
    }
  });
  assert.ok(outsideTop > 0, "some teacher-forced token lies outside the top-20 (its prob comes from prompt_logprobs' extra entry)");
  // echo (for servers without prompt_logprobs) gives the same rows.
  const echo = await OpenAiEngine.open(server.url, { cacheDir: false, teacherForcing: "echo" });
  const viaEcho: EngineRow[] = [];
  for await (const row of echo.score(ids)) viaEcho.push(row);
  assert.deepEqual(viaEcho, viaHttp);
  // `from` skips the first rows without another model pass on the server's side of the contract.
  const tail: EngineRow[] = [];
  for await (const row of engine.score(ids, { from: ids.length - 1 })) tail.push(row);
  assert.equal(tail.length, 2);
  const [lastTail, lastFull] = [tail[1], viaHttp[viaHttp.length - 1]];
  assert.ok(lastTail.kind === "top" && lastFull.kind === "top");
  assert.deepEqual(Array.from(lastTail.ids), Array.from(lastFull.ids));
});

test("generation: greedy picks the same tokens at N = 20; seeded sampling the same tokens at N = V", async () => {
  const prompt = tfjs.tokenizer.encode("And God said", { addSpecialTokens: false });
  const top20 = await OpenAiEngine.open(server.url, { cacheDir: false });
  const greedyDirect = await engineGenerate(tfjs, prompt, { maxNewTokens: 8, temperature: 0 });
  const greedyHttp = await engineGenerate(top20, prompt, { maxNewTokens: 8, temperature: 0 });
  assert.deepEqual(greedyHttp.ids, greedyDirect.ids);
  // The server runs each request's whole prefix in one pass; the direct session extends a KV cache:
  // the same float32 logits up to rounding (~1e-7), hence 1e-5 here and exact ids.
  greedyHttp.steps.forEach((step, i) => assert.ok(Math.abs(step.logProb - greedyDirect.steps[i].logProb) < 1e-5));
  const everything = await OpenAiEngine.open(server.url, { cacheDir: false, topLogprobs: tfjs.info.vocabSize });
  for (const seed of [1, 7, 42]) {
    const direct = await engineGenerate(tfjs, prompt, { maxNewTokens: 8, temperature: 1, seed });
    const viaHttp = await engineGenerate(everything, prompt, { maxNewTokens: 8, temperature: 1, seed });
    assert.deepEqual(viaHttp.ids, direct.ids, `seed ${seed}`);
    viaHttp.steps.forEach((step, i) => {
      assert.ok(Math.abs(step.logProb - direct.steps[i].logProb) < 1e-5);
      assert.ok(Math.abs(step.coveredMass - 1) < 1e-9);
    });
  }
});

test("openEngine(URL), the server's /tokenize and /detokenize, and chat rows agree with the tfjs engine", async () => {
  const engine = (await openEngine(server.url, { cacheDir: false, topLogprobs: 5 })) as OpenAiEngine;
  assert.equal(engine.info.model, server.url);
  const text = "In the beginning God created the heaven and the earth.";
  const local = tfjs.tokenizer.encode(text);
  assert.deepEqual(await engine.serverTokenize(text), local);
  assert.equal(await engine.serverDetokenize(local), tfjs.tokenizer.decode(local));
  const chat = await engine.chat([{ role: "user", content: "And God said" }], { maxTokens: 3 });
  const greedy = await engineGenerate(tfjs, "And God said", { maxNewTokens: 3, temperature: 0 });
  assert.deepEqual(chat.ids, greedy.ids);
  chat.logProbs.forEach((lp, i) => assert.ok(Math.abs(lp - greedy.steps[i].logProb) < 1e-5));
  assert.equal(chat.rows[0].kind === "top" ? chat.rows[0].ids.length : 0, 5);
  assert.equal((await engine.embeddingRows([1]))[0].length, (await tfjs.embeddingRows([1]))[0].length); // from the served root
  // The last row is a generated token's, so a sequence may fill the context less one.
  const full = Array.from({ length: engine.info.contextLength }, (_, i) => (i * 37) % 1000);
  await assert.rejects(async () => {
    for await (const row of engine.score(full)) void row;
  }, (error: Error) => /shorten the input to 63$/.test(error.message));
  let count = 0;
  for await (const row of engine.score(full.slice(1))) count += row.kind === "top" ? 1 : 0;
  assert.equal(count, 63);
});

test("embeddingRows(): read from the served model's root folder (logitlab serve reports it) or --embeddings; else one line", async () => {
  const engine = await OpenAiEngine.open(server.url, { cacheDir: false });
  const rows = await engine.embeddingRows([3, 7]);
  const expected = await tfjs.embeddingRows([3, 7]);
  assert.deepEqual(rows.map((r) => Array.from(r)), expected.map((r) => Array.from(r)));
  const explicit = await OpenAiEngine.open(server.url, { cacheDir: false, embeddings: dir });
  assert.deepEqual(Array.from((await explicit.embeddingRows([5]))[0]), Array.from((await tfjs.embeddingRows([5]))[0]));
  const bare = await serveEngine(await openEngine(dir), { port: 0, maxLogprobs: -1, root: "/no/such/checkpoint" });
  try {
    const none = await OpenAiEngine.open(bare.url, { cacheDir: false, tokenizer: dir });
    await assert.rejects(none.embeddingRows([1]), /does not serve the embedding matrix; pass --embeddings DIR/);
  } finally {
    await bare.close();
  }
});
