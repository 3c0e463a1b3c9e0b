import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSafetensors } from "../../lib/models/safetensors.js";
import { writeSafetensors } from "../../lib/models/writeSafetensors.js";
import { openCheckpoint } from "../../lib/models/openCheckpoint.js";
import { LogitlabError } from "../../lib/util/errors.js";

const dir = mkdtempSync(join(tmpdir(), "logitlab-safetensors-"));
let counter = 0;

/** Writes a file from a header object (or raw header string) and a data buffer. */
function rawFile(header: unknown, data: Uint8Array = new Uint8Array(0), declaredLength?: bigint): string {
  const json = Buffer.from(typeof header === "string" ? header : JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(declaredLength ?? BigInt(json.length));
  const path = join(dir, `f${counter++}.safetensors`);
  writeFileSync(path, Buffer.concat([length, json, data]));
  return path;
}

function rejects(path: string, pattern: RegExp, options = {}): void {
  assert.throws(() => openSafetensors(path, options), (error: unknown) => {
    assert.ok(error instanceof LogitlabError, `expected LogitlabError, got ${String(error)}`);
    assert.match(error.message, pattern);
    assert.ok(error.message.includes(path), "message names the file");
    return true;
  });
}

test("openSafetensors reads F32, F16, BF16 and F64 tensors as float32", () => {
  const f32 = new Float32Array([1.5, -2, 3.25]);
  const f16 = new Uint16Array([0x3c00, 0xc000, 0x0001, 0x7c00]); // 1, -2, 2^-24, Infinity
  const bf16 = new Uint16Array([0x3f80, 0xc040]); // 1, -3
  const f64 = new Float64Array([0.1, -1e10]);
  const data = Buffer.concat([Buffer.from(f32.buffer), Buffer.from(f16.buffer), Buffer.from(bf16.buffer), Buffer.from(f64.buffer)]);
  const path = rawFile({
    a: { dtype: "F32", shape: [3], data_offsets: [0, 12] },
    b: { dtype: "F16", shape: [2, 2], data_offsets: [12, 20] },
    c: { dtype: "BF16", shape: [2, 1], data_offsets: [20, 24] },
    d: { dtype: "F64", shape: [2], data_offsets: [24, 40] },
    __metadata__: { format: "pt" },
  }, data);
  const file = openSafetensors(path);
  assert.deepEqual(Array.from(file.read("a")), [1.5, -2, 3.25]);
  assert.deepEqual(Array.from(file.read("b")), [1, -2, 2 ** -24, Infinity]);
  assert.deepEqual(Array.from(file.read("c")), [1, -3]);
  assert.deepEqual(Array.from(file.read("d")), [Math.fround(0.1), -1e10]);
  assert.deepEqual(file.tensors.get("b")?.shape, [2, 2]);
  assert.deepEqual(file.metadata, { format: "pt" });
  file.close();
});

test("writeSafetensors round-trips through openSafetensors in every storage dtype", () => {
  const values = [0, 1, -1, 0.1, 1e-3, -123.456, 65504, 1e-7];
  for (const dtype of ["F32", "F16", "BF16"] as const) {
    const path = join(dir, `round-${dtype}.safetensors`);
    writeSafetensors(path, { x: { shape: [2, 4], values }, y: { shape: [0], values: [] } }, { dtype });
    const file = openSafetensors(path);
    const got = Array.from(file.read("x"));
    const tolerance = dtype === "F32" ? 1e-7 : dtype === "F16" ? 2 ** -11 : 2 ** -8;
    values.forEach((v, i) => assert.ok(Math.abs(got[i] - v) <= tolerance * Math.abs(v) + 6e-8, `${dtype} ${v} → ${got[i]}`));
    assert.equal(file.read("y").length, 0);
    file.close();
  }
});

test("openSafetensors rejects a file shorter than the length prefix", () => {
  const path = join(dir, "short.safetensors");
  writeFileSync(path, Buffer.from([1, 2, 3]));
  rejects(path, /too short/);
});

test("openSafetensors rejects a header over the size limit before reading it", () => {
  rejects(rawFile({}, new Uint8Array(0), 10n ** 12n), /exceeds the limit/);
  rejects(rawFile({ a: { dtype: "F32", shape: [0], data_offsets: [0, 0] } }), /exceeds the limit/, { maxHeaderBytes: 10 });
});

test("openSafetensors rejects a header length past the end of the file", () => {
  rejects(rawFile("{}", new Uint8Array(0), 100n), /runs past the end/);
});

test("openSafetensors rejects a header that is not a JSON object", () => {
  rejects(rawFile("{not json"), /not valid JSON/);
  rejects(rawFile("[1, 2]"), /not a JSON object/);
  rejects(rawFile({ a: 3 }), /tensor "a": entry is not an object/);
});

test("openSafetensors rejects unknown dtypes and bad shapes", () => {
  rejects(rawFile({ a: { dtype: "F31", shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)), /tensor "a": unknown dtype "F31"/);
  rejects(rawFile({ a: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4)), /shape \[-1\] is not a list/);
  rejects(rawFile({ a: { dtype: "F32", shape: [1.5], data_offsets: [0, 4] } }, new Uint8Array(4)), /not a list of non-negative integers/);
});

test("openSafetensors rejects offsets outside the buffer, reversed or malformed", () => {
  rejects(rawFile({ a: { dtype: "F32", shape: [2], data_offsets: [0, 8] } }, new Uint8Array(4)), /run past the 4-byte data buffer/);
  rejects(rawFile({ a: { dtype: "F32", shape: [1], data_offsets: [8, 4] } }, new Uint8Array(8)), /end before they begin/);
  rejects(rawFile({ a: { dtype: "F32", shape: [1], data_offsets: [0] } }, new Uint8Array(8)), /not a pair/);
});

test("openSafetensors rejects a byte length that disagrees with shape × dtype", () => {
  rejects(rawFile({ a: { dtype: "F16", shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)), /needs 6 bytes but data_offsets span 8/);
});

test("openSafetensors rejects overlapping tensors", () => {
  rejects(
    rawFile({ a: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, b: { dtype: "F32", shape: [2], data_offsets: [4, 12] } }, new Uint8Array(12)),
    /"b" overlaps tensor "a"/,
  );
});

test("openSafetensors rejects non-string metadata and reading integer tensors as floats", () => {
  rejects(rawFile({ __metadata__: { n: 1 } }), /__metadata__ value of "n" is not a string/);
  const file = openSafetensors(rawFile({ a: { dtype: "I32", shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)));
  assert.throws(() => file.read("a"), /dtype I32 cannot be read as float32/);
  assert.throws(() => file.read("missing"), /no tensor named "missing"/);
  file.close();
});

test("openCheckpoint joins shards listed in model.safetensors.index.json", () => {
  const shardDir = mkdtempSync(join(tmpdir(), "logitlab-shards-"));
  writeSafetensors(join(shardDir, "model-00001-of-00002.safetensors"), { a: { shape: [1], values: [1] } });
  writeSafetensors(join(shardDir, "model-00002-of-00002.safetensors"), { b: { shape: [2], values: [2, 3] } });
  writeFileSync(join(shardDir, "model.safetensors.index.json"), JSON.stringify({
    metadata: { total_size: 12 },
    weight_map: { a: "model-00001-of-00002.safetensors", b: "model-00002-of-00002.safetensors" },
  }));
  const checkpoint = openCheckpoint(shardDir);
  assert.deepEqual(checkpoint.names().sort(), ["a", "b"]);
  assert.deepEqual(Array.from(checkpoint.read("b")), [2, 3]);
  checkpoint.close();
});

test("openCheckpoint names the missing shard or weights file", () => {
  const empty = mkdtempSync(join(tmpdir(), "logitlab-noweights-"));
  assert.throws(() => openCheckpoint(empty), /expected model.safetensors or model.safetensors.index.json/);
  writeFileSync(join(empty, "model.safetensors.index.json"), JSON.stringify({ weight_map: { a: "model-00001-of-00002.safetensors" } }));
  assert.throws(() => openCheckpoint(empty), /shard model-00001-of-00002.safetensors .* is missing/);
});

test("openSafetensors readRange reads a slice of elements in every dtype and checks the range", () => {
  const values = [0.5, 1, 2, -4, 8, 16, -0.25, 3];
  for (const dtype of ["F32", "F16", "BF16"] as const) {
    const path = join(dir, `range-${dtype}.safetensors`);
    writeSafetensors(path, { x: { shape: [2, 4], values } }, { dtype });
    const file = openSafetensors(path);
    assert.deepEqual(Array.from(file.readRange("x", 3, 4)), [-4, 8, 16, -0.25]);
    assert.throws(() => file.readRange("x", 6, 3), /range \[6, 9\) is outside the tensor's 8 elements/);
    file.close();
  }
});
