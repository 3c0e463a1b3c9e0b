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
  const steps = saved.steps as { id: number; prob: number; entropy: number; topIds: number[]; topProbs: number[]; top: unknown; samplingProb: number }[];
  assert.ok(steps.every((s) => s.entropy > 0 && Array.isArray(s.topIds) && s.topIds.length > 0 && s.topIds.length === s.topProbs.length), "typed arrays are written as JSON arrays");
  assert.ok(steps.every((s) => s.topIds[0] === s.id && s.topProbs[0] === s.prob && s.samplingProb === 1), "greedy picks the head of the nucleus");
  assert.deepEqual(steps[0].top, { kind: "nucleus", p: 0.9 });
  assert.match(result.err, /5 tokens, stop: maxNewTokens/);
});

test("logitlab generate rejects out-of-range sampling flags in one line naming the flag and the range", async () => {
  const cases: [string[], RegExp][] = [
    [["--temperature", "-1"], /field "--temperature": -1 is out of range; allowed: a number ≥ 0/],
    [["--top-p", "0"], /field "--top-p": 0 is out of range; allowed: a number in \(0, 1\]/],
    [["--top-p", "2"], /field "--top-p": 2 is out of range; allowed: a number in \(0, 1\]/],
    [["--top-k", "-1"], /field "--top-k": -1 is out of range; allowed: an integer ≥ 0/],
    [["--max-new-tokens", "-1"], /field "--max-new-tokens": -1 is out of range; allowed: an integer ≥ 0/],
    [["--max-new-tokens", "1.5"], /field "--max-new-tokens": 1.5 is out of range; allowed: an integer ≥ 0/],
    [["--temperature", "hot"], /field "--temperature": "hot" is not a number/],
  ];
  for (const [flags, message] of cases) {
    const result = await cli(["generate", "--model", join(fixtures, "gpt2-f32"), "--ids", "1,2", ...flags]);
    assert.equal(result.code, 2, flags.join(" "));
    assert.match(result.err, message);
    assert.equal(result.err.split("\n").length, 1, `one line for ${flags.join(" ")}: ${result.err}`);
  }
});

test("logitlab generate warns when the context fills up and --max-new-tokens 0 prints the prompt", async () => {
  const long = Array.from({ length: 30 }, () => 1).join(",");
  const result = await cli(["generate", "--model", join(fixtures, "gpt2-f32"), "--ids", long, "--max-new-tokens", "5", "--temperature", "0"]);
  assert.equal(result.code, 0, result.err);
  assert.match(result.err, /warning: stopped after 2 of 5 new tokens/);
  assert.match(result.err, /2 tokens, stop: context/);
  const none = await cli(["generate", "--model", join(import.meta.dirname, "..", "..", "data", "models", "tiny-gpt2-small"), "--prompt", "And God said", "--max-new-tokens", "0"]);
  assert.equal(none.code, 0, none.err);
  assert.equal(none.out, "And God said");
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
