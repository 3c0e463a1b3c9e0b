// Faults between the openai engine and a server: a fake OpenAI-compatible server (node:http on
// loopback) that drops connections, answers 429 and 500, hangs, sends an oversized or malformed body;
// the engine retries with backoff, resumes an interrupted run from its on-disk response cache, keeps
// to its concurrency bound, and never writes the API key (or URL password) to errors, info or the cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LogitlabError, OpenAiEngine, rowStepRecord } from "logitlab";

type Behaviour = "ok" | "drop" | "429" | "500" | "hang" | "huge" | "garbage" | "401-echo";

/** A valid vLLM-shaped body for a token-id prompt: the row after prefix t lists (t+1)%50, (t+2)%50. */
function answer(prompt: number[], promptLogprobs: boolean): unknown {
  const top = (last: number) => ({ [`token_id:${(last + 1) % 50}`]: -0.5, [`token_id:${(last + 2) % 50}`]: -1.5 });
  const next = (prompt.at(-1)! + 1) % 50;
  return {
    id: "cmpl-fake",
    object: "text_completion",
    model: "fake",
    choices: [{
      index: 0,
      text: "",
      logprobs: { tokens: [`token_id:${next}`], token_logprobs: [-0.5], top_logprobs: [top(prompt.at(-1)!)], text_offset: [0] },
      finish_reason: "length",
      ...(promptLogprobs ? { prompt_logprobs: prompt.map((id, t) => (t === 0 ? null : { [String((prompt[t - 1] + 1) % 50)]: { logprob: -0.5, rank: 1 }, [String((prompt[t - 1] + 2) % 50)]: { logprob: -1.5, rank: 2 } })) } : {}),
    }],
  };
}

async function fakeServer(script: (n: number, req: IncomingMessage) => Behaviour, gate = 1) {
  const pending: (() => void)[] = [];
  const seen = { completions: 0, inFlight: 0, maxInFlight: 0, authorization: [] as string[], bodies: [] as string[] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.authorization.push(String(req.headers.authorization ?? ""));
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(value));
      };
      if (req.url === "/v1/models") return json(200, { object: "list", data: [{ id: "fake", max_model_len: 4096 }] });
      const behaviour = script(seen.completions++, req);
      seen.bodies.push(body);
      const request = JSON.parse(body) as { prompt: number[]; prompt_logprobs?: number };
      seen.inFlight++;
      seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
      const done = () => seen.inFlight--;
      switch (behaviour) {
        case "drop":
          done();
          return req.socket.destroy();
        case "429":
          done();
          return json(429, { error: { message: "rate limited", type: "rate_limit" } }, { "retry-after": "0" });
        case "500":
          done();
          return json(500, { error: { message: "engine died" } });
        case "hang":
          return; // never answers
        case "huge":
          done();
          return json(200, { padding: "x".repeat(5000) });
        case "garbage":
          done();
          return json(200, { choices: [{ logprobs: { tokens: "nope" } }] });
        case "401-echo":
          done();
          return json(401, { error: { message: `bad key ${req.headers.authorization}` } });
        default: {
          // Answers wait (up to 300 ms) until `gate` requests are in flight, then all go: a run that
          // keeps to the bound reaches it exactly, whatever the machine's load.
          pending.push(() => {
            done();
            json(200, answer(request.prompt, request.prompt_logprobs !== undefined));
          });
          const flush = () => pending.splice(0).forEach((f) => f());
          if (seen.inFlight >= gate) flush();
          else setTimeout(flush, 300);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/v1`, port, seen, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const fast = { backoffMs: 1, maxBackoffMs: 5 };
const scoreAll = async (engine: OpenAiEngine, ids: number[]) => {
  const rows = [];
  for await (const row of engine.score(ids)) rows.push(row);
  return rows;
};

test("retries a dropped connection, a 429 and a 500, then reads the answer", async () => {
  const script: Behaviour[] = ["drop", "429", "500"];
  const server = await fakeServer((n) => script[n] ?? "ok");
  try {
    const engine = await OpenAiEngine.open(server.url, { cacheDir: false, ...fast });
    const rows = await scoreAll(engine, [3, 4, 5]);
    assert.equal(rows.length, 3);
    assert.ok(rows[2].kind === "top");
    assert.deepEqual(Array.from(rows[2].ids), [6, 7]);
    assert.equal(server.seen.completions, 4);
    assert.equal(engine.client.stats.retries, 3);
  } finally {
    await server.close();
  }
});

test("an interrupted run resumes from the cache: answered requests are not sent again", async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "logitlab-openai-cache-"));
  let healthy = false;
  const server = await fakeServer((n) => (healthy || n < 3 ? "ok" : "500"));
  try {
    const sequences = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]];
    const first = await OpenAiEngine.open(server.url, { cacheDir, retries: 1, ...fast });
    const before: number[][] = [];
    await assert.rejects(async () => {
      for (const ids of sequences) before.push(Array.from((await scoreAll(first, ids)).map((r) => rowStepRecord(r, 0).coveredMass)));
    }, (error: Error) => error instanceof LogitlabError && /no answer after 2 tries \(last: HTTP 500: engine died\).*running again resumes/.test(error.message) && !error.message.includes("\n"));
    assert.equal(before.length, 3);
    healthy = true;
    const sent = server.seen.completions;
    const second = await OpenAiEngine.open(server.url, { cacheDir, ...fast });
    const after: number[][] = [];
    for (const ids of sequences) after.push(Array.from((await scoreAll(second, ids)).map((r) => rowStepRecord(r, 0).coveredMass)));
    assert.equal(server.seen.completions - sent, 2, "only the two unanswered sequences reach the server");
    assert.equal(second.client.stats.cacheHits, 3);
    assert.deepEqual(after.slice(0, 3), before);
  } finally {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test("a malformed answer is one line and is not cached; a timeout, an oversized body and a 4xx are one line each", async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "logitlab-openai-cache-"));
  const plan: Behaviour[] = ["garbage", "ok", "hang", "huge", "401-echo"];
  const server = await fakeServer((n) => plan[n] ?? "ok");
  try {
    const engine = await OpenAiEngine.open(server.url, { cacheDir, retries: 0, timeoutMs: 300, maxResponseBytes: 1000 });
    await assert.rejects(scoreAll(engine, [1, 2]), /field "choices\[0\]\.logprobs\.tokens": is not a list/);
    assert.equal((await scoreAll(engine, [1, 2])).length, 2, "the same request is sent again, not read from the cache");
    assert.equal(server.seen.completions, 2);
    const one = (pattern: RegExp) => (error: Error) => error instanceof LogitlabError && pattern.test(error.message) && !error.message.includes("\n");
    await assert.rejects(scoreAll(engine, [1, 3]), one(/no answer after 1 tries \(last: timed out after 300 ms\)/));
    await assert.rejects(scoreAll(engine, [1, 4]), one(/over the cap of 1000 bytes/));
    await assert.rejects(scoreAll(engine, [1, 5]), one(/HTTP 401: bad key/));
  } finally {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test("no server at the URL: one line within seconds asking whether a server runs there", async () => {
  const server = await fakeServer(() => "ok");
  const url = server.url;
  await server.close();
  const start = performance.now();
  await assert.rejects(OpenAiEngine.open(url, { cacheDir: false }), (error: Error) =>
    error instanceof LogitlabError && /no answer after 3 tries \(last: connection failed \(ECONNREFUSED\)\); is an OpenAI-compatible server \(vLLM, logitlab serve\) running at http:\/\/127\.0\.0\.1:\d+\/v1\?$/.test(error.message));
  assert.ok(performance.now() - start < 10_000);
});

test("at most `concurrency` requests are in flight", async () => {
  const server = await fakeServer(() => "ok", 3);
  try {
    const engine = await OpenAiEngine.open(server.url, { cacheDir: false, concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => scoreAll(engine, [i, i + 1, i + 2])));
    assert.equal(server.seen.completions, 12);
    assert.equal(server.seen.maxInFlight, 3);
  } finally {
    await server.close();
  }
});

test("the API key and the URL password never appear in errors, engine info, records or the cache", async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "logitlab-openai-cache-"));
  const key = "sk-logitlab-test-8f3a9c2e71d4";
  const password = "pw-9d8c7b6a5f4e";
  const saved = process.env.LOGITLAB_API_KEY;
  const server = await fakeServer((n) => (n === 1 ? "401-echo" : n === 2 ? "500" : "ok"));
  try {
    process.env.LOGITLAB_API_KEY = key;
    const engine = await OpenAiEngine.open(server.url, { cacheDir, retries: 0 });
    const rows = await scoreAll(engine, [1, 2, 3]);
    assert.equal(server.seen.authorization.at(-1), `Bearer ${key}`, "the key is sent");
    const texts: string[] = [JSON.stringify(engine.info), JSON.stringify(rows.map((r) => ({ ...rowStepRecord(r, 2), topIds: [], topProbs: [] })))];
    await assert.rejects(scoreAll(engine, [4, 5]), (error: Error) => {
      texts.push(error.message);
      assert.match(error.message, /HTTP 401: bad key Bearer \*\*\*/);
      return true;
    });
    await assert.rejects(scoreAll(engine, [6, 7]), (error: Error) => (texts.push(error.message), true));
    delete process.env.LOGITLAB_API_KEY;
    const withPassword = server.url.replace("http://", `http://alice:${password}@`);
    const basic = await OpenAiEngine.open(withPassword, { cacheDir });
    await scoreAll(basic, [8, 9]);
    assert.equal(server.seen.authorization.at(-1), `Basic ${Buffer.from(`alice:${password}`).toString("base64")}`);
    assert.equal(basic.info.model, server.url);
    texts.push(JSON.stringify(basic.info));
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    const files = walk(cacheDir);
    assert.ok(files.length >= 2);
    for (const file of files) texts.push(file, readFileSync(file, "utf8"));
    for (const text of texts) {
      assert.ok(!text.includes(key), `key leaked: ${text.slice(0, 120)}`);
      assert.ok(!text.includes(password), `password leaked: ${text.slice(0, 120)}`);
      assert.ok(!text.includes(Buffer.from(`alice:${password}`).toString("base64")), "basic credentials leaked");
    }
  } finally {
    if (saved === undefined) delete process.env.LOGITLAB_API_KEY;
    else process.env.LOGITLAB_API_KEY = saved;
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
