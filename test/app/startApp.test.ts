// logitlab app's server over plain HTTP: the routes, the analysis reply, and every request it must
// refuse with one error line — the committed bodies in test/fixtures/app/rejected, a foreign Host, a
// form post, an oversized body, a text past the context — each a 4xx, the server still serving after.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { parseAppRequest } from "../../lib/app/parseAppRequest.js";
import { startApp, type RunningApp } from "../../lib/app/startApp.js";

const root = join(import.meta.dirname, "..", "..");
const rejectedDir = join(root, "test", "fixtures", "app", "rejected");
let app: RunningApp;
let model: Awaited<ReturnType<typeof loadModel>>;

before(async () => {
  await ready();
  model = await loadModel(join(root, "data", "models", "tiny-gpt2-small"));
  app = await startApp(model, { port: 0 });
});
after(async () => {
  await app.close();
  model.dispose();
});

/** One raw HTTP request (fetch would not let a test set Host). */
function call(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: app.port, method, path, headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

test("app serves the page, its script and plotly.js locally, under a CSP that allows only this server", async () => {
  const page = await call("GET", "/");
  assert.equal(page.status, 200);
  assert.match(String(page.headers["content-security-policy"]), /default-src 'none'; script-src 'self'/);
  assert.ok(page.text.includes('<script src="/plotly.js"></script>') && page.text.includes('<script src="/app.js"></script>'));
  assert.ok(!/https?:\/\//.test(page.text), "the page names no other server");
  assert.equal((await call("GET", "/plotly.js")).text.length > 1_000_000, true);
  assert.equal((await call("GET", "/app.js")).status, 200);
  assert.equal((await call("GET", "/nothing")).status, 404);
});

test("app analyses a text and a list of ids alike; stepping by ids appends the predicted token; no tensor leaks", async () => {
  await call("POST", "/api/analyze", JSON.stringify({ text: "And" })); // backend kernels warmed up
  const tensors = tf.memory().numTensors;
  const byText = JSON.parse((await call("POST", "/api/analyze", JSON.stringify({ text: "And God said" }))).text);
  assert.deepEqual(Object.keys(byText.figures), ["next_token", "attention_mean", "attention_grid", "saliency", "logit_lens"]);
  assert.equal(byText.context, 64);
  const byIds = JSON.parse((await call("POST", "/api/analyze", JSON.stringify({ ids: byText.ids }))).text);
  assert.deepEqual(byIds.next, byText.next);
  const stepped = JSON.parse((await call("POST", "/api/analyze", JSON.stringify({ ids: [...byText.ids, byText.next.ids[0]] }))).text);
  assert.equal(stepped.text, "And God said" + byText.next.tokens[0]);
  assert.equal(tf.memory().numTensors, tensors, "requests leave no tensors behind");
});

test("parseAppRequest rejects each committed bad body with one line", () => {
  const limits = { maxChars: 4000, maxTokens: 64, vocabSize: 1024 };
  const expected: Record<string, RegExp> = {
    "array.json": /the body must be a JSON object/,
    "both-keys.json": /give exactly one of "text" or "ids"/,
    "empty-ids.json": /field "ids".*non-empty array|non-empty array.*ids/,
    "fractional-id.json": /2\.5 is not a token id in \[0, 1024\)/,
    "repeated-key.json": /key "text" is given twice/,
    "truncated.json": /the body is not JSON/,
    "unknown-key.json": /unknown key "prompt"/,
  };
  assert.deepEqual(readdirSync(rejectedDir).sort(), Object.keys(expected).sort());
  for (const [name, pattern] of Object.entries(expected)) {
    const body = readFileSync(join(rejectedDir, name), "utf8");
    assert.throws(() => parseAppRequest(body, limits), (error: Error) => pattern.test(error.message) && !error.message.includes("\n"), name);
  }
});

test("app answers bad requests with a 4xx and one error line, and keeps serving", async () => {
  const cases: [string, Promise<{ status: number; text: string }>, number, RegExp][] = [
    ...readdirSync(rejectedDir).sort().map((name): [string, Promise<{ status: number; text: string }>, number, RegExp] =>
      [name, call("POST", "/api/analyze", readFileSync(join(rejectedDir, name), "utf8")), 400, /app request/]),
    ["foreign Host", call("GET", "/", undefined, { host: "attacker.example:80" }), 421, /is not this server/],
    ["form post", call("POST", "/api/analyze", "text=x", { "content-type": "application/x-www-form-urlencoded" }), 415, /Content-Type: application\/json/],
    ["oversized body", call("POST", "/api/analyze", JSON.stringify({ text: "a".repeat(70_000) })), 413, /65536 bytes/],
    ["text too long", call("POST", "/api/analyze", JSON.stringify({ text: "a".repeat(4001) })), 400, /at most 4000 are accepted/],
    ["past the context", call("POST", "/api/analyze", JSON.stringify({ text: "And God said ".repeat(30) })), 400, /tokens but the model's context is 64/],
    ["NUL", call("POST", "/api/analyze", JSON.stringify({ text: "a\u0000b" })), 400, /NUL character/],
    ["GET api", call("GET", "/api/analyze"), 404, /no page/],
  ];
  for (const [name, pending, status, pattern] of cases) {
    const reply = await pending.catch((error: Error) => ({ status: -1, text: error.message }));
    assert.equal(reply.status, status, `${name}: ${reply.text}`);
    const { error } = JSON.parse(reply.text);
    assert.match(error, pattern, name);
    assert.ok(!error.includes("\n"), `${name}: one line`);
  }
  assert.equal((await call("POST", "/api/analyze", JSON.stringify({ text: "And" }))).status, 200, "still serving");
});
