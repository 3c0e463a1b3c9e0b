// Mutation fuzzer for the openai engine's response parsers and `logitlab serve`'s request parsers:
// seeded structural mutations of the committed vLLM bodies (test/fixtures/openai) and of good
// requests — a value somewhere replaced by null, a wrong type, a huge or negative number, a bad
// token string, an empty list or object, or removed. For every input the parser returns or throws a
// LogitlabError (one line); nothing else escapes. A failure prints the seed and the input index.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LogitlabError, parseChatLogprobs, parseChatRequest, parseCompletionRequest, parseCompletionResponse, seededRandom } from "logitlab";

const SEED = 909;
const JUNK: unknown[] = [null, -1, 0, 0.5, 1e308, -1e308, "x", "token_id:", "token_id:99999999999999999999", "-0.5", [], {}, [null], { "": null }, true, "\u0000"];

/** Every path (list of keys/indices) to a value inside `value`. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function mutate(value: unknown, random: () => number): unknown {
  const copy = structuredClone(value);
  const all = paths(copy).filter((p) => p.length > 0);
  const path = all[Math.floor(random() * all.length)];
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (random() < 0.15 && !Array.isArray(parent)) delete parent[last];
  else parent[last] = JUNK[Math.floor(random() * JUNK.length)];
  return copy;
}

function fuzz(name: string, seedValue: unknown, parse: (value: unknown) => unknown, count = 400): void {
  const random = seededRandom(SEED);
  let rejected = 0;
  for (let i = 0; i < count; i++) {
    const input = mutate(seedValue, random);
    try {
      parse(input);
    } catch (error) {
      rejected++;
      assert.ok(error instanceof LogitlabError, `${name} seed ${SEED} input ${i}: ${String(error)}\n${JSON.stringify(input).slice(0, 400)}`);
      assert.ok(!error.message.includes("\n"), `${name} input ${i}: one line`);
    }
  }
  // The mutations reach the checks: a good share of inputs is rejected (and some still parse).
  assert.ok(rejected > count / 5 && rejected < count, `${name}: ${rejected} of ${count} rejected`);
}

const read = (file: string): unknown => JSON.parse(readFileSync(join("test/fixtures/openai", file), "utf8"));

test("response parsers: mutated vLLM bodies parse or fail with one LogitlabError line", () => {
  const prompt = [128000, 791, 6864, 315, 9822, 374];
  fuzz("completions", read("vllm-completions-token-ids.json"), (v) => parseCompletionResponse(v, prompt, 3, "u", { promptLogprobs: true }));
  fuzz("echo", read("echo-good.json"), (v) => parseCompletionResponse(v, [1, 5], 2, "u", { echo: true }));
  fuzz("chat", read("vllm-chat.json"), (v) => parseChatLogprobs((v as { choices?: { logprobs?: unknown }[] })?.choices?.[0]?.logprobs ?? v, 2, "u"));
});

test("serve's request parsers: mutated requests parse or fail with one LogitlabError line", () => {
  const limits = { contextLength: 64, vocabSize: 1024, maxLogprobs: 20 };
  fuzz("completion request", { model: "m", prompt: [[1, 2, 3], "And God"], max_tokens: 4, temperature: 0.7, top_p: 0.9, top_k: 5, seed: 3, stop: ["\n"], echo: true, logprobs: 5, prompt_logprobs: 5, return_tokens_as_token_ids: true }, (v) => parseCompletionRequest(v, limits));
  fuzz("chat request", { model: "m", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: [{ type: "text", text: "hi" }] }], max_completion_tokens: 4, logprobs: true, top_logprobs: 3, stop: "x" }, (v) => parseChatRequest(v, limits));
});
