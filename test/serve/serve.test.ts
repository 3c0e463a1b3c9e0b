// `logitlab serve`: every committed bad request (test/fixtures/serve/bad-requests) is answered with an
// OpenAI-style error naming the field; the HTTP bounds (413, 404, 405), /tokenize and /detokenize,
// the chat template when the model has one, and the CLI command (flags, port 0, stopping on SIGTERM).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { chatPrompt, openEngine, serveEngine, type Engine, type OpenAiServer } from "logitlab";
import { main } from "../../lib/cli/main.js";

const dir = "data/models/tiny-gpt2-small";
const fixtures = "test/fixtures/serve/bad-requests";
let engine: Engine;
let server: OpenAiServer;

before(async () => {
  engine = await openEngine(dir);
  server = await serveEngine(engine, { port: 0, maxBodyBytes: 64 * 1024, modelId: "tiny" });
});
after(async () => {
  await server.close();
  await engine.dispose();
});

const post = async (path: string, body: string) => {
  const response = await fetch(server.url.replace(/\/v1$/, "") + path, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: response.status, body: (await response.json()) as { error?: { message: string; type: string; param: string | null; code: number } } & Record<string, unknown> };
};

test("every committed bad request is an OpenAI-style error naming its field, in one line", async () => {
  const expected = JSON.parse(readFileSync(join(fixtures, "expected.json"), "utf8")) as Record<string, { route: string; status: number; param: string; message: string }>;
  assert.ok(Object.keys(expected).length >= 25);
  for (const [file, want] of Object.entries(expected)) {
    const reply = await post(want.route, readFileSync(join(fixtures, file), "utf8"));
    assert.equal(reply.status, want.status, `${file}: ${JSON.stringify(reply.body)}`);
    const error = reply.body.error!;
    assert.equal(error.param, want.param, file);
    assert.equal(error.code, want.status, file);
    assert.ok(error.message.includes(want.message), `${file}: ${error.message}`);
    assert.ok(!error.message.includes("\n"), `${file}: one line`);
    assert.equal(error.type, want.status === 404 ? "not_found_error" : "invalid_request_error");
  }
});

test("bounds: a body over the cap is 413, an unknown route 404, a wrong method 405; the server still answers after them", async () => {
  const big = await post("/v1/completions", JSON.stringify({ prompt: "x".repeat(100 * 1024) }));
  assert.equal(big.status, 413);
  assert.equal((await post("/v1/embeddings", "{}")).status, 404);
  const wrong = await fetch(server.url + "/completions");
  assert.equal(wrong.status, 405);
  await wrong.body?.cancel();
  const ok = await post("/v1/completions", JSON.stringify({ prompt: [1, 2], max_tokens: 1 }));
  assert.equal(ok.status, 200);
});

test("/tokenize and /detokenize round-trip with the model's tokenizer; batches of prompts give one choice each", async () => {
  const text = "And God said, Let there be light";
  const tokenized = await post("/tokenize", JSON.stringify({ prompt: text, add_special_tokens: false }));
  assert.deepEqual(tokenized.body.tokens, engine.tokenizer.encode(text, { addSpecialTokens: false }));
  assert.equal(tokenized.body.max_model_len, 64);
  const detokenized = await post("/v1/detokenize", JSON.stringify({ tokens: tokenized.body.tokens }));
  assert.equal(detokenized.body.prompt, text);
  const batch = await post("/v1/completions", JSON.stringify({ prompt: ["And God", [5, 6, 7]], max_tokens: 2, temperature: 0 }));
  const choices = batch.body.choices as { index: number }[];
  assert.deepEqual(choices.map((c) => c.index), [0, 1]);
});

test("a chat template is rendered when the model has one (else the message texts one per line)", async () => {
  const template = "{% for m in messages %}<|{{ m.role }}|>{{ m.content }}\n{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}";
  const messages = [{ role: "system", content: "Be brief." }, { role: "user", content: "And God said" }];
  assert.equal(chatPrompt(messages, { template }), "<|system|>Be brief.\n<|user|>And God said\n<|assistant|>");
  assert.equal(chatPrompt(messages), "Be brief.\nAnd God said");
  assert.throws(() => chatPrompt(messages, { template: "{% for m in messages %}" }), /chat template failed/);
  const templated = await serveEngine(engine, { port: 0, chatTemplate: { template } });
  try {
    const response = await fetch(templated.url + "/chat/completions", { method: "POST", body: JSON.stringify({ messages, max_tokens: 1 }) });
    const body = (await response.json()) as { usage: { prompt_tokens: number } };
    assert.equal(body.usage.prompt_tokens, engine.tokenizer.encode(chatPrompt(messages, { template }), { addSpecialTokens: false }).length);
  } finally {
    await templated.close();
  }
});

test("CLI: bad flags are one line with exit 2; `logitlab serve --port 0` listens on 127.0.0.1 and stops on SIGTERM", async () => {
  const errors: string[] = [];
  const original = console.error;
  console.error = (line: string) => errors.push(line);
  try {
    assert.equal(await main(["serve", "--port", "http"]), 2);
    assert.equal(await main(["serve", "--max-logprobs", "-2"]), 2);
    assert.equal(await main(["serve", "--bogus"]), 2);
  } finally {
    console.error = original;
  }
  assert.match(errors[0], /^logitlab serve: field "--port": "http" is not an integer ≥ 0$/);
  assert.match(errors[1], /--max-logprobs/);
  const child = spawn(process.execPath, ["bin/logitlab.js", "serve", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
        const match = /at (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
        if (match) resolve(match[1]);
      });
      child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    const models = (await (await fetch(url + "/models")).json()) as { data: { id: string; max_model_len: number; root: string }[] };
    assert.equal(models.data[0].id, "tiny-gpt2-small");
    assert.ok(isAbsolute(models.data[0].root), "root is absolute, so a client in another folder finds the tokenizer");
    assert.equal(models.data[0].max_model_len, 64);
  } finally {
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
});
