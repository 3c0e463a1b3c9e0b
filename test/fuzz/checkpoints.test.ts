// Mutation fuzzer for checkpoint folders (issue #13): config.json, safetensors headers and
// model.safetensors.index.json, 1,000 seeded inputs each, built from the bundled gpt2-f32 and llama-f32
// fixtures. The properties asserted for every input are listed in harness.ts (no crash, one-line
// message, per-input time bound, bounded heap, no tensor or descriptor left, no partial output).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ready } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { openCheckpoint } from "../../lib/models/openCheckpoint.js";
import { openSafetensors } from "../../lib/models/safetensors.js";
import { writeSafetensors } from "../../lib/models/writeSafetensors.js";
import { concat, fuzz, mutateJson } from "./harness.js";

const INPUTS = 1000;
const fixtures = join(import.meta.dirname, "..", "fixtures", "models");
const work = mkdtempSync(join(tmpdir(), "logitlab-fuzz-ckpt-"));

before(async () => {
  await ready();
});

test.after(() => rmSync(work, { recursive: true, force: true }));

function isJsonObject(bytes: Uint8Array): boolean {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return value !== null && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Reads every tensor of a checkpoint folder, then closes it (the surface behind loadModel's reads). */
function readAll(dir: string): void {
  const checkpoint = openCheckpoint(dir);
  try {
    for (const name of checkpoint.names()) checkpoint.read(name);
  } finally {
    checkpoint.close();
  }
}

test(`config.json: ${INPUTS} mutated configs of gpt2-f32 and llama-f32 load or fail with one line`, async () => {
  // One folder per seed: the harness checks the folder of the seed in use.
  const seeds = ["gpt2-f32", "llama-f32"].map((name) => {
    const dir = join(work, `config-${name}`);
    mkdirSync(dir);
    copyFileSync(join(fixtures, name, "model.safetensors"), join(dir, "model.safetensors"));
    return { name, dir, config: readFileSync(join(fixtures, name, "config.json")) };
  });
  const reports = [];
  let objects = 0;
  for (const [s, seed] of seeds.entries()) {
    reports.push(await fuzz(`config.json (${seed.name})`, 1301 + s, INPUTS / 2, seed.dir, ["config.json", "model.safetensors"], async (_i, random) => {
      const config = mutateJson(seed.config, random, ['"GPT2LMHeadModel"', '"Qwen3ForCausalLM"', '{"rope_type": "llama3", "factor": 0}']);
      if (isJsonObject(config)) objects++;
      writeFileSync(join(seed.dir, "config.json"), config);
      const model = await loadModel(seed.dir, { tokenizer: false });
      const { logits } = model.forward([1, 2]);
      logits.dispose();
      model.dispose();
    }));
  }
  const accepted = reports.reduce((n, r) => n + r.accepted, 0);
  const inputs = reports.reduce((n, r) => n + r.inputs, 0);
  assert.equal(inputs, INPUTS);
  // Most mutated configs change a size, so the weights no longer fit; the inputs must still reach the
  // checks behind the JSON parser (ranges, weight shapes), and some must load.
  assert.ok(objects > INPUTS / 4, `only ${objects} of ${INPUTS} inputs were JSON objects`);
  assert.ok(accepted > 0 && accepted < objects, `accepted ${accepted} of ${objects} JSON objects`);
});

test(`safetensors headers: ${INPUTS} mutated headers open and read, or fail with one line`, async () => {
  const dir = join(work, "header");
  mkdirSync(dir);
  const bytes = readFileSync(join(fixtures, "gpt2-f32", "model.safetensors"));
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = new Uint8Array(bytes.subarray(8, 8 + headerLength));
  const data = new Uint8Array(bytes.subarray(8 + headerLength));
  const report = await fuzz("safetensors header", 1302, INPUTS, dir, ["model.safetensors"], (_i, random) => {
    const mutated = mutateJson(header, random, ['"F64"', '"BF16"', '"I64"', "[1048576, 1048576]", "[0, 4398046511104]", "[8192, 0]"]);
    const length = Buffer.alloc(8);
    // Mostly the true length; sometimes a lie (short, long, huge).
    const choice = Math.floor(random() * 8);
    length.writeBigUInt64LE(choice === 0 ? 2n ** 63n : choice === 1 ? BigInt(mutated.length + 7) : choice === 2 ? BigInt(Math.max(0, mutated.length - 5)) : BigInt(mutated.length));
    writeFileSync(join(dir, "model.safetensors"), concat(length, mutated, data));
    const file = openSafetensors(join(dir, "model.safetensors"));
    try {
      for (const name of file.tensors.keys()) file.read(name);
    } finally {
      file.close();
    }
  });
  assert.ok(report.accepted > 20 && report.accepted < INPUTS - 100, `accepted ${report.accepted} of ${INPUTS}`);
});

test(`model.safetensors.index.json: ${INPUTS} mutated indexes of a 2-shard gpt2-f32 open and read, or fail with one line`, async () => {
  const dir = join(work, "index");
  mkdirSync(dir);
  const source = openSafetensors(join(fixtures, "gpt2-f32", "model.safetensors"));
  const names = [...source.tensors.keys()];
  const shards = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"];
  const weightMap: Record<string, string> = {};
  names.forEach((name, i) => (weightMap[name] = shards[i < names.length / 2 ? 0 : 1]));
  shards.forEach((shard) => {
    const part = Object.fromEntries(names.filter((n) => weightMap[n] === shard).map((n) => [n, { shape: source.tensors.get(n)!.shape, values: source.read(n) }]));
    writeSafetensors(join(dir, shard), part);
  });
  source.close();
  const index = new TextEncoder().encode(JSON.stringify({ metadata: { total_size: 116000 }, weight_map: weightMap }, null, 1));
  const report = await fuzz("index.json", 1303, INPUTS, dir, [...shards, "model.safetensors.index.json"], (_i, random) => {
    writeFileSync(join(dir, "model.safetensors.index.json"), mutateJson(index, random, [JSON.stringify(shards[0]), JSON.stringify(shards[1]), '"model.safetensors.index.json"', '".."', '"."', '"sub/x"']));
    readAll(dir);
  });
  assert.ok(report.accepted > 20 && report.accepted < INPUTS - 100, `accepted ${report.accepted} of ${INPUTS}`);
});
