// Replays response bodies in vLLM's documented shapes (test/fixtures/openai, written by hand) through
// the openai engine's parsers, and through a node:http server on loopback into the engine itself:
// completions `logprobs.tokens/token_logprobs/top_logprobs/text_offset`, `prompt_logprobs` with its
// leading null, chat `logprobs.content[].top_logprobs`, `"token_id:123"` strings, and token strings
// mapped through a tokenizer. Every body in bad/ must be rejected with one line naming its field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadTokenizer, LogitlabError, OpenAiEngine, parseChatLogprobs, parseCompletionResponse, rowStepRecord } from "logitlab";

const fixtures = "test/fixtures/openai";
const read = (name: string): unknown => JSON.parse(readFileSync(join(fixtures, name), "utf8"));
const promptIds = [128000, 791, 6864, 315, 9822, 374];

test("vLLM completions with token ids: prompt_logprobs (leading null) and the next row, top-3 in order, prompt token beyond the top-3 kept as chosen", () => {
  const rows = parseCompletionResponse(read("vllm-completions-token-ids.json"), promptIds, 3, "replay", { promptLogprobs: true });
  assert.equal(rows.length, promptIds.length);
  // Position 1 predicts 791 ("The" after BOS): rank 2 in the list; the list is sorted by logprob, not by key.
  assert.deepEqual(Array.from(rows[0].ids), [40, 791, 2028]);
  assert.deepEqual(Array.from(rows[0].logProbs), [-2.9094, -3.9719, -4.4719]);
  // Position 2 predicts 6864 (" capital"), rank 412: outside the top-3, so `chosen`, and its record's prob is known.
  assert.deepEqual(Array.from(rows[1].ids), [1176, 1888, 1455]);
  assert.deepEqual(rows[1].chosen, { id: 6864, logProb: -9.0156 });
  const record = rowStepRecord(rows[1], 6864);
  assert.equal(record.logProb, -9.0156);
  assert.equal(record.truncated, true);
  assert.ok(Math.abs(record.coveredMass - (Math.exp(-3.6406) + Math.exp(-3.8906) + Math.exp(-4.0781))) < 1e-15);
  // The last row: the generated token's top_logprobs (the row after the whole prompt).
  assert.deepEqual(Array.from(rows[5].ids), [12366, 264, 279]);
  assert.deepEqual(Array.from(rows[5].logProbs), [-0.3135, -2.4385, -3.0635]);
  // Without prompt logprobs only the last row is read.
  assert.equal(parseCompletionResponse(read("vllm-completions-token-ids.json"), promptIds, 3, "replay").length, 1);
  // A smaller n keeps the best two; the chosen token stays outside the list.
  const two = parseCompletionResponse(read("vllm-completions-token-ids.json"), promptIds, 2, "replay", { promptLogprobs: true });
  assert.deepEqual(Array.from(two[3].ids), [279, 9822]);
});

test("vLLM completions without token ids: token strings become ids through the tokenizer", () => {
  const tokenizer = loadTokenizer("data/models/tiny-gpt2-small");
  const lookup = (s: string): number | undefined => tokenizer.tokenToId(s) ?? (([id]) => id)(tokenizer.encode(s, { addSpecialTokens: false }).ids);
  const [row] = parseCompletionResponse(read("vllm-completions-strings.json"), [1, 2, 3], 4, "replay", { lookup });
  const ids = [" the", ",", " and", " said"].map((s) => tokenizer.encode(s, { addSpecialTokens: false }).ids);
  ids.forEach((list) => assert.equal(list.length, 1));
  assert.deepEqual(Array.from(row.ids), ids.map((list) => list[0]));
  assert.deepEqual(Array.from(row.logProbs), [-1.8125, -2.125, -2.5625, -4.25]);
});

test("vLLM chat logprobs: content[].top_logprobs with token ids", () => {
  const body = read("vllm-chat.json") as { choices: { logprobs: unknown }[] };
  const parsed = parseChatLogprobs(body.choices[0].logprobs, 2, "replay");
  assert.deepEqual(parsed.ids, [60704, 13, 128009]);
  assert.deepEqual(parsed.logProbs, [-0.0021, -0.7003, -0.0001]);
  assert.deepEqual(Array.from(parsed.rows[1].ids), [13, 128009]);
  assert.deepEqual(Array.from(parsed.rows[2].logProbs), [-0.0001, -9.5001]);
  // Asking for one: the list keeps the best, the token itself is in it.
  assert.deepEqual(Array.from(parseChatLogprobs(body.choices[0].logprobs, 1, "replay").rows[0].ids), [60704]);
});

test("every body in test/fixtures/openai/bad is rejected with one line naming its field", () => {
  const expected = read("bad/expected.json") as { promptIds: number[]; n: number; cases: Record<string, { parser: string; field: string; message: string }> };
  assert.ok(Object.keys(expected.cases).length >= 20);
  for (const [file, want] of Object.entries(expected.cases)) {
    const body = read(join("bad", file)) as { choices: { logprobs: unknown }[] };
    const run = want.parser === "chat"
      ? () => parseChatLogprobs(body.choices[0].logprobs, expected.n, "http://127.0.0.1:1/v1/chat/completions")
      : () => parseCompletionResponse(body, expected.promptIds, expected.n, "http://127.0.0.1:1/v1/completions", want.parser === "echo" ? { echo: true } : { promptLogprobs: true });
    if (want.parser === "echo") assert.equal(parseCompletionResponse(read("echo-good.json"), expected.promptIds, expected.n, "u", { echo: true }).length, 2, "the good echo body parses");
    assert.throws(run, (error: unknown) => {
      assert.ok(error instanceof LogitlabError, `${file}: ${String(error)}`);
      assert.equal(error.field, want.field, `${file}: field`);
      assert.equal(error.kind, "data");
      assert.ok(error.message.includes(want.message), `${file}: ${error.message}`);
      assert.ok(!error.message.includes("\n"), `${file}: one line`);
      assert.match(error.message, /^openai: http:\/\/127\.0\.0\.1:1\/v1\//);
      return true;
    });
  }
});

test("the engine reads replayed vLLM bodies from a server on loopback: score rows, chat rows; a non-JSON body is one line", async () => {
  let mode = "ok";
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const send = (status: number, text: string) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(text);
      };
      if (req.url === "/v1/models") return send(200, JSON.stringify({ object: "list", data: [{ id: "meta-llama/Llama-3.1-8B", object: "model", max_model_len: 131072, root: "meta-llama/Llama-3.1-8B" }] }));
      if (mode === "html") return send(200, readFileSync(join(fixtures, "bad/not-json.txt"), "utf8"));
      const request = JSON.parse(body) as { prompt?: number[]; prompt_logprobs?: number; return_tokens_as_token_ids?: boolean; logprobs?: unknown };
      if (req.url === "/v1/chat/completions") {
        assert.equal(request.logprobs, true);
        return send(200, readFileSync(join(fixtures, "vllm-chat.json"), "utf8"));
      }
      assert.deepEqual(request.prompt, promptIds);
      assert.equal(request.prompt_logprobs, 3);
      assert.equal(request.return_tokens_as_token_ids, true);
      send(200, readFileSync(join(fixtures, "vllm-completions-token-ids.json"), "utf8"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  try {
    const engine = await OpenAiEngine.open(url, { cacheDir: false, topLogprobs: 3 });
    assert.equal(engine.info.contextLength, 131072);
    assert.equal(engine.info.name, "meta-llama/Llama-3.1-8B");
    assert.equal(engine.tokenizer.hasText, false);
    assert.throws(() => engine.tokenizer.encode("x"), /give --tokenizer DIR/);
    const rows = [];
    for await (const row of engine.score(promptIds, { from: 2 })) rows.push(row);
    assert.equal(rows.length, 5);
    assert.ok(rows[0].kind === "top" && rows[0].chosen?.id === 6864);
    const chat = await engine.chat([{ role: "user", content: "The capital of France?" }]);
    assert.deepEqual(chat.ids, [60704, 13, 128009]);
    assert.equal(chat.text, "Paris.");
    mode = "html";
    await assert.rejects(engine.session().then((s) => s.append([1, 2])), (error: Error) => error instanceof LogitlabError && /the response is not JSON: ".*502 Bad Gateway/.test(error.message) && !error.message.includes("\n"));
    await engine.dispose();
  } finally {
    server.close();
  }
});
