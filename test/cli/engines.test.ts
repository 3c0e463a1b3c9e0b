// `logitlab forward`, `generate` and the predictions study on the non-tfjs engines: a converted GGUF
// (llama.cpp) gives the tfjs engine's tokens and log-probabilities; a dump replays its recorded
// generation; the study's provenance records every model's engine; an engine that cannot give what
// a command needs is one line.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertToGguf } from "../../lib/io/gguf/convertToGguf.js";
import { cli } from "./support.js";

const root = join(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "logitlab-cli-engines-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const folder = join(root, "data", "models", "tiny-llama");
const gguf = join(scratch, "tiny-llama.gguf");
convertToGguf(folder, gguf);

/** Rows of a float32 .npy [T, V] written by `forward` (header then data). */
function readRows(path: string): { shape: number[]; data: Float32Array } {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString("latin1");
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1].split(",").filter((s) => s.trim()).map(Number);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length));
  return { shape, data };
}

test("logitlab forward --model X.gguf writes llama.cpp's log-probabilities, equal to tfjs's log-softmax", async () => {
  const out = join(scratch, "llama.npy");
  const ours = join(scratch, "tfjs.npy");
  const run = await cli(["forward", "--model", gguf, "--text", "And God said", "--out", out]);
  assert.equal(run.code, 0, run.err);
  const summary = JSON.parse(run.out);
  assert.equal(summary.engine, "llama.cpp");
  assert.equal(summary.values, "log-probabilities");
  assert.equal((await cli(["forward", "--model", folder, "--text", "And God said", "--out", ours])).code, 0);
  const a = readRows(out);
  const b = readRows(ours);
  assert.deepEqual(a.shape, b.shape);
  const V = a.shape[1];
  for (let t = 0; t < a.shape[0]; t++) {
    const z = b.data.subarray(t * V, (t + 1) * V);
    const max = Math.max(...z);
    const logSum = max + Math.log(z.reduce((s, x) => s + Math.exp(x - max), 0));
    for (let v = 0; v < V; v++) assert.ok(Math.abs(a.data[t * V + v] - (z[v] - logSum)) < 1e-3, `row ${t} [${v}]`);
  }
  assert.equal(summary.nextTokenArgmax, JSON.parse((await cli(["forward", "--model", folder, "--text", "And God said", "--out", ours])).out).nextTokenArgmax);
});

test("logitlab generate --model X.gguf prints the tfjs engine's text (seeded) and records the engine with --json", async () => {
  const json = join(scratch, "run.json");
  const args = ["--prompt", "Question: 12 + 7 =", "--max-new-tokens", "8", "--top-p", "0.9", "--seed", "1"];
  const llama = await cli(["generate", "--model", gguf, ...args, "--json", json]);
  const tfjs = await cli(["generate", "--model", folder, ...args]);
  assert.equal(llama.code, 0, llama.err);
  assert.equal(llama.out, tfjs.out);
  assert.match(llama.err, /\(llama\.cpp\)/);
  const result = JSON.parse(readFileSync(json, "utf8"));
  assert.equal(result.engine.engine, "llama.cpp");
  assert.equal(result.engine.dtype, "F32");
  assert.equal(result.steps.length, 8);
});

test("logitlab generate replays a dump's recorded greedy generation; text input on a dump is one line", async () => {
  const reference = JSON.parse(readFileSync(join(root, "test", "fixtures", "engines", "reference.json"), "utf8")) as { sequences: { ids: number[] }[] };
  const ids = reference.sequences[1].ids;
  const dump = join(root, "test", "fixtures", "engines", "dump.safetensors");
  const run = await cli(["generate", "--model", dump, "--ids", ids.slice(0, 4).join(","), "--max-new-tokens", "3", "--temperature", "0"]);
  assert.equal(run.code, 0, run.err);
  assert.equal(run.out.trim(), ids.slice(4).join(","));
  const text = await cli(["generate", "--model", dump, "--prompt", "hello"]);
  assert.notEqual(text.code, 0);
  assert.match(text.err, /^logitlab generate: dump engine: a dump has token ids but no tokenizer; give --ids instead of text\n?$/);
});

test("logitlab predictions on a GGUF: the same log p as on the folder, the engine in the provenance", async () => {
  const text = join(root, "data", "prompts", "correlation-paragraph.txt");
  const outA = join(scratch, "pred-gguf");
  const outB = join(scratch, "pred-tfjs");
  const a = await cli(["predictions", "--model", gguf, "--text", text, "--out", outA, "--no-figures"]);
  assert.equal(a.code, 0, a.err);
  const b = await cli(["predictions", "--model", folder, "--text", text, "--out", outB, "--no-figures"]);
  assert.equal(b.code, 0, b.err);
  const summaryA = JSON.parse(readFileSync(join(outA, "summary.json"), "utf8"));
  const summaryB = JSON.parse(readFileSync(join(outB, "summary.json"), "utf8"));
  assert.equal(summaryA.provenance.engines[0].engine, "llama.cpp");
  assert.equal(summaryA.provenance.engines[0].device, "llama.cpp cpu");
  assert.equal(summaryA.provenance.model.config_sha256, null);
  assert.equal(summaryB.provenance.engines[0].engine, "tfjs");
  const rows = (dir: string) => readFileSync(join(dir, "token_logprobs.csv"), "utf8").trim().split("\n").map((line) => line.split(","));
  const [ra, rb] = [rows(outA), rows(outB)];
  assert.equal(ra.length, rb.length);
  const column = ra[0].findIndex((c) => c.endsWith("_logprob"));
  for (let t = 2; t < ra.length; t++) assert.ok(Math.abs(Number(ra[t][column]) - Number(rb[t][column])) < 1e-3, `row ${t}`);
});
