// `logitlab forward` and `logitlab generate` on the random tiny fixture checkpoints.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./support.js";
import { assertScaledClose, MODEL_LOGITS_RELATIVE } from "../tolerances.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");
const reference = JSON.parse(readFileSync(join(fixtures, "reference.json"), "utf8")) as {
  prompts: number[][];
  cases: Record<string, { logits: number[][][] }>;
};

function readNpy(path: string): { shape: number[]; data: Float32Array } {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString("latin1");
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1].split(",").filter((s) => s.trim()).map(Number);
  const start = 10 + headerLength;
  return { shape, data: new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length)) };
}

test("logitlab forward --ids writes the reference logits [T, V] as float32 .npy", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-forward-")), "logits.npy");
  const ids = reference.prompts[0];
  const result = await cli(["forward", "--model", join(fixtures, "qwen3-f32"), "--ids", ids.join(","), "--out", out]);
  assert.equal(result.code, 0, result.err);
  assert.deepEqual(JSON.parse(result.out).shape, [ids.length, 64]);
  const { shape, data } = readNpy(out);
  assert.deepEqual(shape, [ids.length, 64]);
  const rows = Array.from({ length: ids.length }, (_, t) => Array.from(data.subarray(t * 64, (t + 1) * 64)));
  assertScaledClose(rows, reference.cases["qwen3-f32"].logits[0], MODEL_LOGITS_RELATIVE);
});

test("logitlab forward --text without tokenizer.json fails in one line", async () => {
  const result = await cli(["forward", "--model", join(fixtures, "gpt2-f32"), "--text", "hello"]);
  assert.equal(result.code, 2);
  assert.match(result.err, /^logitlab forward: tokenizer: .*no tokenizer.json, so text input is not possible/);
  assert.doesNotMatch(result.err, /\n\s+at /);
  const bad = await cli(["forward", "--model", join(fixtures, "gpt2-f32"), "--ids", "1,x"]);
  assert.match(bad.err, /"x" is not a token id/);
  const both = await cli(["forward", "--model", join(fixtures, "gpt2-f32")]);
  assert.match(both.err, /exactly one of --ids or --text/);
});

test("logitlab generate --ids greedy prints ids and writes per-step records with --json", async () => {
  const json = join(mkdtempSync(join(tmpdir(), "logitlab-generate-")), "run.json");
  const result = await cli(["generate", "--model", join(fixtures, "llama-f32"), "--ids", "1,2,3", "--max-new-tokens", "5", "--temperature", "0", "--json", json]);
  assert.equal(result.code, 0, result.err);
  const saved = JSON.parse(readFileSync(json, "utf8"));
  assert.equal(saved.ids.length, 5);
  assert.equal(result.out, saved.ids.join(","));
  assert.ok(saved.steps.every((s: { entropy: number; nucleus: { ids: number[] } }) => s.entropy > 0 && s.nucleus.ids.length > 0));
  assert.match(result.err, /5 tokens, stop: maxNewTokens/);
});

test("logitlab forward --text and generate --prompt run the bundled tiny GPT-2", async () => {
  const model = join(import.meta.dirname, "..", "..", "data", "models", "tiny-gpt2-small");
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-forward-text-")), "logits.npy");
  const forward = await cli(["forward", "--model", model, "--text", "And God said", "--out", out]);
  assert.equal(forward.code, 0, forward.err);
  const summary = JSON.parse(forward.out);
  assert.equal(readNpy(out).shape[1], 1024);
  assert.equal(summary.shape[0], summary.ids.length);
  const generated = await cli(["generate", "--model", model, "--prompt", "And God said", "--max-new-tokens", "6", "--temperature", "0"]);
  assert.equal(generated.code, 0, generated.err);
  assert.ok(generated.out.startsWith("And God said"));
});
