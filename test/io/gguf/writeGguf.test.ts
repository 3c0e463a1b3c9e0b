// GGUF writer: what it writes is read back by an independent reader, @huggingface/gguf.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gguf } from "@huggingface/gguf";
import { writeGguf } from "../../../lib/io/gguf/writeGguf.js";

const scratch = mkdtempSync(join(tmpdir(), "logitlab-gguf-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("writeGguf writes header, typed metadata, reversed dims and aligned data that @huggingface/gguf reads back", async () => {
  const path = join(scratch, "small.gguf");
  const w = Float32Array.from({ length: 6 }, (_, i) => i + 0.5); // [2, 3]
  const b = new Float32Array([1, -1, 65504]);
  writeGguf(path, {
    metadata: [
      { key: "general.architecture", type: "string", value: "llama" },
      { key: "general.alignment", type: "u32", value: 32 },
      { key: "x.f32", type: "f32", value: 0.5 },
      { key: "x.bool", type: "bool", value: true },
      { key: "x.i32s", type: "array", elementType: "i32", values: [1, -3, 5] },
      { key: "x.strings", type: "array", elementType: "string", values: ["Ġa", "日本", ""] },
    ],
    tensors: [
      { name: "w", shape: [2, 3], type: "F32", values: () => w },
      { name: "b", shape: [3], type: "F16", values: () => b },
    ],
  });
  const read = await gguf(path, { allowLocalFile: true });
  const metadata = read.metadata as unknown as Record<string, unknown>;
  assert.equal(read.metadata.version, 3);
  assert.equal(read.metadata.tensor_count, 2n);
  assert.equal(metadata["general.architecture"], "llama");
  assert.equal(metadata["x.f32"], 0.5);
  assert.equal(metadata["x.bool"], true);
  assert.deepEqual(metadata["x.i32s"], [1, -3, 5]);
  assert.deepEqual(metadata["x.strings"], ["Ġa", "日本", ""]);
  assert.deepEqual(read.tensorInfos.map((t) => [t.name, t.shape, t.dtype, t.offset]), [
    ["w", [3n, 2n], 0, 0n], // ggml ne: fastest dimension first
    ["b", [3n], 1, 32n], // 24 bytes of w padded to 32
  ]);
  assert.equal(Number(read.tensorDataOffset) % 32, 0);
  const bytes = readFileSync(path);
  const start = Number(read.tensorDataOffset);
  assert.deepEqual(Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + 24))), Array.from(w));
  assert.deepEqual(Array.from(new Uint16Array(bytes.buffer.slice(bytes.byteOffset + start + 32, bytes.byteOffset + start + 38))), [0x3c00, 0xbc00, 0x7bff]);
  assert.equal(bytes.length, start + 64);
});

test("writeGguf refuses to replace a folder or a link and leaves no temporary file", () => {
  const folder = join(scratch, "a-folder.gguf");
  mkdirSync(folder);
  const target = join(scratch, "target.bin");
  writeFileSync(target, "keep");
  const link = join(scratch, "link.gguf");
  symlinkSync(target, link);
  for (const path of [folder, link]) {
    assert.throws(() => writeGguf(path, { metadata: [], tensors: [] }), (e: Error) => e.name === "LogitlabError" && /is not a regular file/.test(e.message) && e.message.includes(path) && !e.message.includes("\n"));
  }
  assert.equal(readFileSync(target, "utf8"), "keep");
  assert.deepEqual(readdirSync(scratch).filter((f) => f.includes(".tmp-")), []);
});

test("writeGguf rejects duplicate names, bad shapes, wrong value counts and out-of-range metadata, naming the item", () => {
  const path = join(scratch, "bad.gguf");
  const values = () => new Float32Array(2);
  const cases: [Parameters<typeof writeGguf>[1], RegExp][] = [
    [{ metadata: [], tensors: [{ name: "t", shape: [2], type: "F32", values }, { name: "t", shape: [2], type: "F32", values }] }, /tensor "t": tensor name appears twice/],
    [{ metadata: [], tensors: [{ name: "t", shape: [0, 2], type: "F32", values }] }, /tensor "t": shape \[0, 2\] is not 1 to 4 positive integers/],
    [{ metadata: [], tensors: [{ name: "t", shape: [3], type: "F32", values }] }, /tensor "t": got 2 values for shape \[3\]/],
    [{ metadata: [], tensors: [{ name: "x".repeat(64), shape: [2], type: "F32", values }] }, /64 bytes or longer/],
    [{ metadata: [{ key: "k", type: "u32", value: -1 }], tensors: [] }, /metadata "k": -1 is out of range for type u32/],
    [{ metadata: [{ key: "k", type: "u32", value: 1.5 }], tensors: [] }, /metadata "k": 1.5 is not an integer/],
    [{ metadata: [{ key: "k", type: "string", value: "a" }, { key: "k", type: "string", value: "b" }], tensors: [] }, /metadata key "k" appears twice/],
    [{ metadata: [{ key: "k", type: "array", elementType: "string", values: ["a", 2] }], tensors: [] }, /metadata "k"\[1\]: expected a string/],
  ];
  for (const [contents, pattern] of cases) {
    assert.throws(() => writeGguf(path, contents), (e: Error) => e.name === "LogitlabError" && pattern.test(e.message) && e.message.startsWith(`gguf: ${path}`) && !e.message.includes("\n"), String(pattern));
  }
  assert.deepEqual(readdirSync(scratch).filter((f) => f.includes(".tmp-")), [], "a failed write leaves no temporary file");
});
