// Mutation fuzzer for settings files (issue #13): stability `--config` files and a checkpoint's
// generation_config.json, 1,000 seeded inputs each. The properties asserted for every input are listed
// in harness.ts (no crash, one-line message, per-input time bound, bounded heap, no tensor or
// descriptor left, no partial output).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ready } from "../../lib/backend/backend.js";
import { endOfSequenceIds } from "../../lib/models/endOfSequenceIds.js";
import { loadModel } from "../../lib/models/load.js";
import { resolveStabilityConfig } from "../../lib/studies/stability/resolveStabilityConfig.js";
import { readJsonObject } from "../../lib/util/readJsonObject.js";
import { fuzz, mutateJson } from "./harness.js";

const INPUTS = 1000;
const fixtures = join(import.meta.dirname, "..", "fixtures", "models");
const work = mkdtempSync(join(tmpdir(), "logitlab-fuzz-config-"));
const enc = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 1));

before(async () => {
  await ready();
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test(`stability --config files: ${INPUTS} mutated files resolve or fail with one line`, async () => {
  const dir = join(work, "stability");
  mkdirSync(dir);
  const seeds = [
    enc({ BASE_DIRS: "data/stability/db_1,data/stability/db_2", CHECK_DIR: "data/stability/db_13", K: 20, M: 5, CUT_OFF_TOP_P: 0.9, UNTIL_DIVERGENCE: false, RESULTS_DIR: "out" }),
    enc({ reference_dirs: ["db_1", "db_2"], check_dir: "db_13", cutoff_top_p: "0.95", until_divergence: "yes", results_dir: "results/x", k: "10", m: 0 }),
  ];
  let accepted = 0;
  const report = await fuzz("stability config", 1311, INPUTS, dir, ["config.json"], (i, random) => {
    writeFileSync(join(dir, "config.json"), mutateJson(seeds[i % seeds.length], random, ['"1"', '"no"', '"0x10"', '"Infinity"', '" 5"', '"db_1,,db_2"']));
    const config = resolveStabilityConfig({}, { env: {}, configFile: join(dir, "config.json") });
    // What is accepted is well-typed: the study never sees a string for a number.
    assert.ok(Number.isSafeInteger(config.k) && config.k >= 1 && Number.isSafeInteger(config.m) && config.m >= 0, `input ${i}: k ${config.k}, m ${config.m}`);
    assert.ok(config.cutoffTopP > 0 && config.cutoffTopP <= 1 && typeof config.untilDivergence === "boolean", `input ${i}`);
    accepted++;
  });
  assert.equal(report.accepted, accepted);
  assert.ok(accepted > 100 && accepted < INPUTS - 100, `accepted ${accepted} of ${INPUTS}`);
});

test(`generation_config.json: ${INPUTS} mutated files give end-of-sequence ids or fail with one line (every 20th through loadModel)`, async () => {
  const dir = join(work, "generation");
  mkdirSync(dir);
  for (const name of ["config.json", "model.safetensors"]) copyFileSync(join(fixtures, "gpt2-f32", name), join(dir, name));
  const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as Record<string, unknown>;
  const seeds = [
    enc({ _from_model_config: true, bos_token_id: 0, eos_token_id: 1, transformers_version: "4.46.0" }),
    enc({ eos_token_id: [1, 2, 63], do_sample: true, temperature: 0.7, top_p: 0.9, pad_token_id: 0 }),
  ];
  const report = await fuzz("generation_config.json", 1312, INPUTS, dir, ["config.json", "generation_config.json", "model.safetensors"], async (i, random) => {
    const path = join(dir, "generation_config.json");
    writeFileSync(path, mutateJson(seeds[i % seeds.length], random, ["64", "[1, 64]", "[-1]"]));
    if (i % 20 === 0) {
      const model = await loadModel(dir, { tokenizer: false });
      try {
        endOfSequenceIds({ generationConfig: model.generationConfig, config: model.config.raw, vocabSize: model.config.vocabSize, dir });
      } finally {
        model.dispose();
      }
      return;
    }
    // What loadModel does with the file, then what generate does with its eos_token_id.
    const generationConfig = readJsonObject(path, { context: "loadModel", maxBytes: 4 << 20 });
    const ids = endOfSequenceIds({ generationConfig, config, vocabSize: 64, dir });
    assert.ok([...ids].every((id) => Number.isInteger(id) && id >= 0 && id < 64), `input ${i}: ${[...ids]}`);
  });
  assert.ok(report.accepted > 100 && report.accepted < INPUTS - 100, `accepted ${report.accepted} of ${INPUTS}`);
});
