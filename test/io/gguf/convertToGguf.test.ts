// Hugging Face folder → GGUF: committed bad inputs are refused with one line naming file and field or
// tensor; a good checkpoint converts and @huggingface/gguf reads back the llama.cpp names, shapes and
// tokenizer metadata. (Logits on llama.cpp itself: llamaCpp.test.ts.)
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gguf } from "@huggingface/gguf";
import { convertToGguf } from "../../../lib/io/gguf/convertToGguf.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "gguf");
const scratch = mkdtempSync(join(tmpdir(), "logitlab-convert-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const BAD: [string, string, RegExp][] = [
  ["bad-architecture", "config.json", /field "architectures": architecture "FalconForCausalLM" is not converted/],
  ["bad-config-field", "config.json", /field "n_head": 0 is not a positive integer/],
  ["bad-missing-tensor", "model.safetensors", /tensor "h\.0\.mlp\.c_fc\.bias": is missing from the checkpoint/],
  ["bad-shape", "model.safetensors", /tensor "h\.0\.attn\.c_attn\.weight": has shape \[4, 8\], expected \[4, 12\]/],
  ["bad-unused-tensor", "model.safetensors", /tensor "h\.1\.ln_1\.weight": is not used by the gpt2 conversion/],
  ["bad-no-tokenizer", "tokenizer.json", /no tokenizer\.json/],
  ["bad-pre-tokenizer", "tokenizer.json", /field "pre_tokenizer": pre-tokenizer "Metaspace" is not a byte-level BPE one/],
  ["bad-byte-fallback", "tokenizer.json", /field "model\.byte_fallback": byte_fallback without SentencePiece's "▁" word marks/],
  ["bad-token-id", "tokenizer.json", /field "added_tokens": token "<extra>" has id 64 but the model's embedding has only 64 rows/],
];

for (const [folder, file, pattern] of BAD) {
  test(`convertToGguf refuses ${folder} with one line naming ${file}`, () => {
    const out = join(scratch, `${folder}.gguf`);
    assert.throws(() => convertToGguf(join(fixtures, folder), out), (e: Error) => {
      assert.equal(e.name, "LogitlabError");
      assert.match(e.message, pattern);
      assert.ok(e.message.startsWith("convert: ") && e.message.includes(join(folder, file)), e.message);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
    assert.ok(!existsSync(out), "nothing is written");
  });
}

test("convertToGguf refuses a folder without config.json and an unknown dtype", () => {
  assert.throws(() => convertToGguf(join(fixtures, "tokenizer-64"), join(scratch, "x.gguf")), /convert: .*tokenizer-64: no config\.json/);
  assert.throws(() => convertToGguf(join(fixtures, "good-gpt2"), join(scratch, "x.gguf"), { dtype: "q8" as "f16" }), /convert: field "dtype": dtype "q8" is not f32 or f16/);
  assert.deepEqual(readdirSync(scratch), []);
});

test("convertToGguf(gpt2) writes llama.cpp's names, ggml shapes, F16 only for 2-D weights, and the tokenizer", async () => {
  for (const dtype of ["f32", "f16"] as const) {
    const out = join(scratch, `good-${dtype}.gguf`);
    const written = convertToGguf(join(fixtures, "good-gpt2"), out, { dtype });
    assert.equal(written.tensors, 16);
    const read = await gguf(out, { allowLocalFile: true });
    const metadata = read.metadata as unknown as Record<string, unknown>;
    const tensorInfos = read.tensorInfos;
    assert.equal(metadata["general.architecture"], "gpt2");
    assert.equal(metadata["general.file_type"], dtype === "f32" ? 0 : 1);
    assert.equal(metadata["gpt2.embedding_length"], 4);
    assert.equal(metadata["gpt2.feed_forward_length"], 16);
    assert.equal(metadata["gpt2.context_length"], 8);
    assert.equal(metadata["tokenizer.ggml.model"], "gpt2");
    assert.equal(metadata["tokenizer.ggml.pre"], "gpt-2");
    const tokens = metadata["tokenizer.ggml.tokens"] as string[];
    assert.deepEqual([tokens.length, tokens[0], tokens[60], tokens[63]], [64, "!", "Ġ", "<|endoftext|>"]);
    assert.deepEqual((metadata["tokenizer.ggml.token_type"] as number[]).slice(62), [1, 3]);
    assert.deepEqual(metadata["tokenizer.ggml.merges"], ["Ġ Ġ"]);
    assert.equal(metadata["tokenizer.ggml.eos_token_id"], 63);
    const info = new Map(tensorInfos.map((t) => [t.name, t]));
    assert.deepEqual(info.get("blk.0.attn_qkv.weight")!.shape, [4n, 12n]); // HF Conv1D [4, 12] → nn.Linear [12, 4] → ggml ne [4, 12]
    assert.deepEqual(info.get("blk.0.ffn_down.weight")!.shape, [16n, 4n]);
    assert.deepEqual(info.get("position_embd.weight")!.shape, [4n, 8n]);
    assert.equal(info.get("blk.0.attn_qkv.weight")!.dtype, dtype === "f32" ? 0 : 1);
    assert.equal(info.get("blk.0.attn_qkv.bias")!.dtype, 0);
    assert.equal(info.get("output_norm.weight")!.dtype, 0);
    assert.ok(!info.has("output.weight"), "tied: llama.cpp reuses token_embd");
  }
});
