import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModel } from "../../lib/models/load.js";
import { writeSafetensors } from "../../lib/models/writeSafetensors.js";
import { openSafetensors } from "../../lib/models/safetensors.js";
import { tf } from "../../lib/backend/backend.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");

function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `logitlab-load-${name}-`));
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

test("loadModel rejects an unsupported architecture and lists the supported ones", async () => {
  const dir = copyFixture("gpt2-f32");
  const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
  writeFileSync(join(dir, "config.json"), JSON.stringify({ ...config, architectures: ["BertForMaskedLM"] }));
  await assert.rejects(loadModel(dir), /architecture "BertForMaskedLM" is not supported; supported: GPT2LMHeadModel, LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM/);
});

test("loadModel names a missing config.json, weights file or folder", async () => {
  const dir = copyFixture("llama-f32");
  rmSync(join(dir, "model.safetensors"));
  await assert.rejects(loadModel(dir), /no weights: expected model.safetensors or model.safetensors.index.json/);
  rmSync(join(dir, "config.json"));
  await assert.rejects(loadModel(dir), /config.json is missing; download it/);
  await assert.rejects(loadModel(join(dir, "nope")), /checkpoint folder not found/);
});

test("loadModel names a tensor with the wrong shape and one that is missing", async () => {
  const dir = copyFixture("llama-f32");
  const file = openSafetensors(join(dir, "model.safetensors"));
  const tensors: Record<string, { shape: number[]; values: Float32Array }> = {};
  for (const [name, entry] of file.tensors) tensors[name] = { shape: entry.shape, values: file.read(name) };
  file.close();
  const bad = { ...tensors, "model.layers.1.mlp.up_proj.weight": { shape: [32, 64], values: tensors["model.layers.1.mlp.up_proj.weight"].values } };
  writeSafetensors(join(dir, "model.safetensors"), bad);
  await assert.rejects(loadModel(dir), /tensor "model.layers.1.mlp.up_proj.weight" has shape \[32, 64\], expected \[64, 32\]/);
  const missing = { ...tensors };
  delete (missing as Record<string, unknown>)["model.norm.weight"];
  writeSafetensors(join(dir, "model.safetensors"), missing);
  await assert.rejects(loadModel(dir), /tensor "model.norm.weight" \(for ln_final.w\) is missing/);
});

test("loadModel without tokenizer.json runs on ids and fails clearly on text", async () => {
  const model = await loadModel(join(fixtures, "qwen2-f32"));
  assert.equal(model.tokenizer, undefined);
  assert.throws(() => model.encode("hello"), /no tokenizer.json, so text input is not possible; pass token ids/);
  const { logits } = model.forward([1, 2]);
  assert.deepEqual(logits.shape, [2, 64]);
  logits.dispose();
  model.dispose();
});

test("forward rejects out-of-range ids, empty input and positions past n_positions", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32"));
  assert.throws(() => model.forward([1, 64]), /token 1: token id 64 is not an integer in \[0, 64\)/);
  assert.throws(() => model.forward([]), /at least one token/);
  assert.throws(() => model.forward(new Array(33).fill(1)), /position 32 is past the model's 32 learned positions/);
  model.dispose();
});

test("embeddings() is the [V, D] input embedding matrix, tied or untied", async () => {
  for (const [name, key] of [["gpt2-f32", "transformer.wte.weight"], ["llama-f32", "model.embed_tokens.weight"]]) {
    const model = await loadModel(join(fixtures, name));
    const file = openSafetensors(join(fixtures, name, "model.safetensors"));
    const expected = file.read(key);
    file.close();
    const matrix = model.embeddings();
    assert.deepEqual(matrix.shape, [64, name.startsWith("gpt2") ? 32 : 32]);
    assert.deepEqual(Array.from(matrix.dataSync()), Array.from(expected));
    const row = model.embed([5]);
    assert.deepEqual(Array.from(row.dataSync()), Array.from(expected.subarray(5 * 32, 6 * 32)));
    tf.dispose([matrix, row]);
    model.dispose();
  }
});

test("forward returns named activations keyed like blocks.1.attn.hook_pattern", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32"));
  const out = model.forward([1, 2, 3], { activations: ["blocks.1.attn.hook_pattern", "blocks.0.hook_mlp_out"] });
  assert.deepEqual([...out.activations!.keys()].sort(), ["blocks.0.hook_mlp_out", "blocks.1.attn.hook_pattern"]);
  assert.deepEqual(out.activations!.get("blocks.1.attn.hook_pattern")!.shape, [4, 3, 3]);
  assert.deepEqual(out.activations!.get("blocks.0.hook_mlp_out")!.shape, [3, 32]);
  tf.dispose([out.logits, ...out.activations!.values()]);
  model.dispose();
});
