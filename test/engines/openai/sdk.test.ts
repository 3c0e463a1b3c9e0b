// The official `openai` npm SDK as a client of `logitlab serve` (in-process, loopback, port 0) parses
// its answers: models, completions with logprobs (text and token-id prompts, echo), chat with
// logprobs/top_logprobs, and errors (a 400 becomes the SDK's BadRequestError with our message). The
// values are checked against the tfjs engine run directly.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { engineGenerate, openEngine, rowStepRecord, serveEngine, type Engine, type EngineRow, type OpenAiServer } from "logitlab";

const dir = "data/models/tiny-gpt2-small";
let tfjs: Engine;
let server: OpenAiServer;
let client: OpenAI;

before(async () => {
  tfjs = await openEngine(dir);
  server = await serveEngine(await openEngine(dir), { port: 0, modelId: "tiny" });
  client = new OpenAI({ baseURL: server.url, apiKey: "not-needed", maxRetries: 0 });
});
after(async () => {
  await server.close();
  await tfjs.dispose();
});

test("SDK: models.list and completions.create with logprobs (greedy, checked against the tfjs engine)", async () => {
  const models = await client.models.list();
  assert.deepEqual(models.data.map((m) => m.id), ["tiny"]);
  const completion = await client.completions.create({ model: "tiny", prompt: "And God said", max_tokens: 4, temperature: 0, logprobs: 5 });
  const greedy = await engineGenerate(tfjs, "And God said", { maxNewTokens: 4, temperature: 0 });
  const choice = completion.choices[0];
  assert.equal(choice.text, tfjs.tokenizer.decode(greedy.ids));
  assert.equal(choice.finish_reason, "length");
  assert.equal(completion.usage?.completion_tokens, 4);
  const logprobs = choice.logprobs!;
  assert.deepEqual(logprobs.tokens, greedy.ids.map((id) => tfjs.tokenizer.decode([id])));
  logprobs.token_logprobs!.forEach((lp, i) => assert.ok(Math.abs(lp - greedy.steps[i].logProb) < 1e-5));
  logprobs.top_logprobs!.forEach((top) => assert.ok(Object.keys(top).length >= 5 && Object.keys(top).length <= 6));
  assert.equal(logprobs.text_offset![0], "And God said".length);
});

test("SDK: a token-id prompt with echo gives the prompt's teacher-forced logprobs", async () => {
  const ids = tfjs.tokenizer.encode("In the beginning God created", { addSpecialTokens: false });
  const completion = await client.completions.create({ model: "tiny", prompt: ids, max_tokens: 0, echo: true, logprobs: 1 });
  const logprobs = completion.choices[0].logprobs!;
  assert.equal(logprobs.tokens!.length, ids.length);
  assert.equal(logprobs.token_logprobs![0], null);
  const rows: EngineRow[] = [];
  for await (const row of tfjs.score(ids)) rows.push(row);
  ids.slice(1).forEach((id, t) => assert.ok(Math.abs(logprobs.token_logprobs![t + 1] - rowStepRecord(rows[t], id).logProb) < 1e-9));
});

test("SDK: chat.completions.create with logprobs and top_logprobs", async () => {
  const chat = await client.chat.completions.create({ model: "tiny", messages: [{ role: "user", content: "And God said" }], max_tokens: 3, temperature: 0, logprobs: true, top_logprobs: 3 });
  const greedy = await engineGenerate(tfjs, "And God said", { maxNewTokens: 3, temperature: 0 });
  const choice = chat.choices[0];
  assert.equal(choice.message.role, "assistant");
  assert.equal(choice.message.content, tfjs.tokenizer.decode(greedy.ids, { skipSpecialTokens: true }));
  const content = choice.logprobs!.content!;
  assert.equal(content.length, 3);
  content.forEach((entry, i) => {
    assert.equal(entry.token, tfjs.tokenizer.decode([greedy.ids[i]]));
    assert.ok(Math.abs(entry.logprob - greedy.steps[i].logProb) < 1e-5);
    assert.equal(entry.top_logprobs.length, 3);
    assert.equal(entry.top_logprobs[0].token, entry.token);
    assert.deepEqual(entry.bytes, [...Buffer.from(entry.token, "utf8")]);
  });
});

test("SDK: a bad request is the SDK's BadRequestError carrying our one-line message; an unknown model is NotFoundError", async () => {
  await assert.rejects(client.completions.create({ model: "tiny", prompt: "x", logprobs: 50 }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.match(error.message, /field "logprobs": 50 is not an integer in 0\.\.20/);
    return true;
  });
  await assert.rejects(client.completions.create({ model: "other", prompt: "x" }), (error: unknown) => error instanceof OpenAI.NotFoundError);
});
