// Issue #13 item 6: broken checkpoints, each built in a temp folder from the bundled gpt2-f32 /
// llama-f32 fixtures, must be one LogitlabError naming the file and the field or tensor — never a heap
// exhausted by n_layer 1e9, zero layers run silently, all-NaN logits, "Cannot read properties of null"
// or "Invalid typed array length".
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, cpSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { openSafetensors } from "../../lib/models/safetensors.js";
import { writeSafetensors } from "../../lib/models/writeSafetensors.js";
import { LogitlabError } from "../../lib/util/errors.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");

function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `logitlab-ckv-${name}-`));
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

function withConfig(name: string, change: Record<string, unknown>): string {
  const dir = copyFixture(name);
  const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
  writeFileSync(join(dir, "config.json"), JSON.stringify({ ...config, ...change }));
  return dir;
}

function readTensors(dir: string): Record<string, { shape: number[]; values: Float32Array }> {
  const file = openSafetensors(join(dir, "model.safetensors"));
  const tensors: Record<string, { shape: number[]; values: Float32Array }> = {};
  for (const [name, entry] of file.tensors) tensors[name] = { shape: entry.shape, values: file.read(name) };
  file.close();
  return tensors;
}

/** Asserts a one-line LogitlabError matching `pattern`, with no stack frame in the message and no tensor left. */
async function rejects(dir: string, pattern: RegExp): Promise<LogitlabError> {
  await ready();
  const tensors = tf.memory().numTensors;
  const started = performance.now();
  let caught: unknown;
  try {
    (await loadModel(dir)).dispose();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof LogitlabError, `expected a LogitlabError, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  assert.ok(!caught.message.includes("\n") && !/\bat .*:\d+:\d+/.test(caught.message), caught.message);
  assert.ok(performance.now() - started < 10_000, "took over 10 s");
  assert.equal(tf.memory().numTensors, tensors, `left ${tf.memory().numTensors - tensors} tensors`);
  rmSync(dir, { recursive: true, force: true });
  return caught;
}

test("config sizes out of range are one line naming config.json and the field (n_layer 1e9 does not exhaust the heap)", async () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["gpt2-f32", { n_layer: 1e9 }, /config\.json field "n_layer": 1000000000 is not a whole number in \[1, 1000\]/],
    ["gpt2-f32", { n_layer: -3 }, /field "n_layer": -3 is not a whole number in \[1, 1000\]/],
    ["gpt2-f32", { n_layer: 0 }, /field "n_layer": 0 is not a whole number/],
    ["gpt2-f32", { n_layer: 1.5 }, /field "n_layer": 1.5 is not a whole number/],
    ["gpt2-f32", { n_layer: "2" }, /field "n_layer": "2" is not a finite number/],
    ["gpt2-f32", { n_embd: 1 << 20 }, /field "n_embd": 1048576 is not a whole number in \[1, 65536\]/],
    ["gpt2-f32", { vocab_size: 2 ** 23 }, /field "vocab_size": 8388608 is not a whole number in \[1, 4194304\]/],
    ["gpt2-f32", { n_positions: 0 }, /field "n_positions": 0/],
    ["gpt2-f32", { n_inner: -1 }, /field "n_inner": -1/],
    ["llama-f32", { num_hidden_layers: 0 }, /field "num_hidden_layers": 0/],
    ["llama-f32", { num_key_value_heads: -4 }, /field "num_key_value_heads": -4/],
    ["llama-f32", { intermediate_size: 1e12 }, /field "intermediate_size": 1000000000000 is not a whole number in \[1, 1048576\]/],
    ["llama-f32", { max_position_embeddings: 2 ** 30 }, /field "max_position_embeddings"/],
  ];
  for (const [name, change, pattern] of cases) await rejects(withConfig(name, change), pattern);
});

test("a norm epsilon that is not a finite number in (0, 1], or a bad RoPE number, is one line (no all-NaN logits)", async () => {
  await rejects(withConfig("gpt2-f32", { layer_norm_epsilon: -1 }), /field "layer_norm_epsilon": -1 is not an epsilon in \(0, 1\]/);
  await rejects(withConfig("gpt2-f32", { layer_norm_epsilon: 0 }), /field "layer_norm_epsilon": 0 is not an epsilon/);
  await rejects(withConfig("llama-f32", { rms_norm_eps: 1e300 }), /field "rms_norm_eps": 1e\+300 is not an epsilon/);
  await rejects(withConfig("llama-f32", { rms_norm_eps: "tiny" }), /field "rms_norm_eps": "tiny" is not a finite number/);
  await rejects(withConfig("llama-f32", { rope_theta: -10000 }), /field "rope_theta": -10000 is not a positive number/);
  await rejects(withConfig("llama-f32", { rope_scaling: { rope_type: "linear", factor: 0 } }), /field "rope_scaling\.factor": 0 is not a positive number/);
  await rejects(withConfig("llama-f32", { rope_scaling: [1] }), /field "rope_scaling": rope_scaling is not an object/);
});

test("config.json of null, an array or bad JSON is one line naming the file", async () => {
  for (const [text, pattern] of [
    ["null", /config\.json: holds null, not a JSON object/],
    ["[1]", /config\.json: holds an array, not a JSON object/],
    ['{"n_layer": 2,', /config\.json: not valid JSON/],
    ['{"n_layer": 2, "n_layer": 3}', /config\.json: ambiguous: key "n_layer" appears twice/],
  ] as [string, RegExp][]) {
    const dir = copyFixture("gpt2-f32");
    writeFileSync(join(dir, "config.json"), text);
    await rejects(dir, pattern);
  }
});

test("a bad generation_config.json is one line naming it", async () => {
  for (const [text, pattern] of [
    ["{not json", /generation_config\.json: not valid JSON/],
    ["null", /generation_config\.json: holds null, not a JSON object/],
    ['"eos"', /generation_config\.json: holds a string, not a JSON object/],
  ] as [string, RegExp][]) {
    const dir = copyFixture("gpt2-f32");
    writeFileSync(join(dir, "generation_config.json"), text);
    await rejects(dir, pattern);
  }
});

test("a checkpoint tensor the config does not use is an error naming it (h.3.* with n_layer 2; h.1.* with n_layer 1)", async () => {
  const dir = copyFixture("gpt2-f32");
  const tensors = readTensors(dir);
  writeSafetensors(join(dir, "model.safetensors"), { ...tensors, "transformer.h.3.ln_1.weight": { shape: [32], values: new Float32Array(32).fill(1) } });
  await rejects(dir, /tensor "transformer\.h\.3\.ln_1\.weight" not used by the GPT2LMHeadModel that config\.json describes \(2 layers\)/);
  await rejects(withConfig("gpt2-f32", { n_layer: 1 }), /12 tensors "transformer\.h\.1\.[a-z0-9_.]+", "transformer\.h\.1\.[a-z0-9_.]+", "transformer\.h\.1\.[a-z0-9_.]+", … not used .* \(1 layer\)/);
});

test("a non-finite weight is an error naming the tensor and the element", async () => {
  const dir = copyFixture("llama-f32");
  const tensors = readTensors(dir);
  tensors["model.layers.1.mlp.down_proj.weight"].values[37] = NaN;
  writeSafetensors(join(dir, "model.safetensors"), tensors);
  await rejects(dir, /loadModel: .* tensor "model\.layers\.1\.mlp\.down_proj\.weight" holds NaN at element 37/);
  const inf = copyFixture("gpt2-f32");
  const gpt2 = readTensors(inf);
  gpt2["transformer.ln_f.bias"].values[3] = -Infinity;
  writeSafetensors(join(inf, "model.safetensors"), gpt2);
  await rejects(inf, /tensor "transformer\.ln_f\.bias" holds -Infinity at element 3/);
});

test("non-finite logits (finite weights that overflow float32) are an error, not a NaN result", async () => {
  const dir = copyFixture("gpt2-f32");
  const tensors = readTensors(dir);
  tensors["transformer.ln_f.weight"].values.fill(3e38);
  writeSafetensors(join(dir, "model.safetensors"), tensors);
  const model = await loadModel(dir);
  assert.throws(() => model.forward([1, 2, 3]), (error: unknown) => {
    assert.ok(error instanceof LogitlabError);
    assert.match(error.message, /^forward: .*: logits hold (NaN|-?Infinity) \(token position 0, vocabulary id \d+\); the weights or config\.json make the forward pass overflow float32$/);
    return true;
  });
  model.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test("an index entry pointing outside the folder is one line naming the index, the tensor and the entry", async () => {
  for (const shard of ["../model.safetensors", "..", "/etc/passwd", "sub\\model.safetensors", ""]) {
    const dir = copyFixture("gpt2-f32");
    writeFileSync(join(dir, "model.safetensors.index.json"), JSON.stringify({ weight_map: { "transformer.wte.weight": shard } }));
    const error = await rejects(dir, /model\.safetensors\.index\.json tensor "transformer\.wte\.weight" field "weight_map": shard .* is not a plain file name inside the checkpoint folder/);
    assert.ok(error.message.includes(JSON.stringify(shard)), error.message);
  }
  for (const text of ["null", '{"weight_map": null}', '{"weight_map": [1]}']) {
    const dir = copyFixture("gpt2-f32");
    writeFileSync(join(dir, "model.safetensors.index.json"), text);
    await rejects(dir, /model\.safetensors\.index\.json(: holds null| field "weight_map": weight_map is missing)/);
  }
});

test("a 4 TB tensor in a safetensors header is one line; a tensor too large to read is refused before allocating", async () => {
  const dir = copyFixture("gpt2-f32");
  const header = Buffer.from(JSON.stringify({ "transformer.wte.weight": { dtype: "F32", shape: [1 << 20, 1 << 20], data_offsets: [0, 4 * 2 ** 40] } }));
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(header.length));
  writeFileSync(join(dir, "model.safetensors"), Buffer.concat([size, header, Buffer.alloc(16)]));
  await rejects(dir, /safetensors: .*model\.safetensors tensor "transformer\.wte\.weight": data_offsets \[0, 4398046511104\] run past the 16-byte data buffer/);

  // A sparse 8 GiB file whose header is honest: opening validates it; reading 2^31 float32 at once is refused.
  const big = mkdtempSync(join(tmpdir(), "logitlab-ckv-big-"));
  const path = join(big, "model.safetensors");
  const bytes = 2 ** 33;
  const bigHeader = Buffer.from(JSON.stringify({ w: { dtype: "F32", shape: [2 ** 31], data_offsets: [0, bytes] } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(bigHeader.length));
  const fd = openSync(path, "w");
  writeSync(fd, Buffer.concat([length, bigHeader]));
  ftruncateSync(fd, 8 + bigHeader.length + bytes);
  closeSync(fd);
  const file = openSafetensors(path);
  assert.throws(() => file.read("w"), /tensor "w": tensor has 2147483648 elements; at most 1073741824 \(4 GiB as float32\) are read at once/);
  assert.throws(() => file.readRange("w", 0, 2 ** 31), /at most 1073741824/);
  file.close();
  rmSync(big, { recursive: true, force: true });
});

test("a FIFO named model.safetensors is refused without blocking", async () => {
  const dir = copyFixture("gpt2-f32");
  rmSync(join(dir, "model.safetensors"));
  execFileSync("mkfifo", [join(dir, "model.safetensors")]);
  await rejects(dir, /model\.safetensors: is not a regular file/);
});
