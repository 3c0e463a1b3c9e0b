// resolveStabilityConfig: defaults, the users' names, precedence, config files and errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { resolveStabilityConfig } from "../../../lib/studies/stability/resolveStabilityConfig.js";

test("resolveStabilityConfig defaults to the bundled example and K = 5, M = 5, CUT_OFF_TOP_P = 0.9", () => {
  const config = resolveStabilityConfig();
  assert.deepEqual([config.k, config.m, config.cutoffTopP, config.outDir], [5, 5, 0.9, join("results", "stability")]);
  assert.deepEqual(config.referenceDirs.map((d) => resolve(d)), [1, 2, 3, 4, 5].map((i) => resolve("data", "stability", `db_${i}`)));
  assert.equal(resolve(config.checkDir), resolve("data", "stability", "db_13"));
});

test("resolveStabilityConfig reads BASE_DIRS, CHECK_DIR, K, M, CUT_OFF_TOP_P, UNTIL_DIVERGENCE, RESULTS_DIR from the environment", () => {
  const config = resolveStabilityConfig({}, { env: { BASE_DIRS: "a, b,c", CHECK_DIR: "z", K: "10", M: "0", CUT_OFF_TOP_P: "0.5", UNTIL_DIVERGENCE: "1", RESULTS_DIR: "out" } });
  assert.deepEqual(config, { referenceDirs: ["a", "b", "c"], checkDir: "z", k: 10, m: 0, cutoffTopP: 0.5, untilDivergence: true, outDir: "out" });
});

test("resolveStabilityConfig: UNTIL_DIVERGENCE is off by default, takes 1/0, yes/no, true/false, and rejects anything else", () => {
  assert.equal(resolveStabilityConfig({}, { env: {} }).untilDivergence, false);
  for (const [text, value] of [["0", false], ["no", false], ["FALSE", false], ["yes", true], ["True", true]] as const) {
    assert.equal(resolveStabilityConfig({}, { env: { UNTIL_DIVERGENCE: text } }).untilDivergence, value, text);
  }
  assert.equal(resolveStabilityConfig({ untilDivergence: false }, { env: { UNTIL_DIVERGENCE: "1" } }).untilDivergence, false, "options win");
  assert.throws(() => resolveStabilityConfig({}, { env: { UNTIL_DIVERGENCE: "maybe" } }), /environment field "UNTIL_DIVERGENCE": must be true or false \(1\/0, yes\/no\), got "maybe"/);
  const dir = mkdtempSync(join(tmpdir(), "logitlab-config-"));
  writeFileSync(join(dir, "until.json"), JSON.stringify({ until_divergence: true }));
  assert.equal(resolveStabilityConfig({}, { env: {}, configFile: join(dir, "until.json") }).untilDivergence, true);
  writeFileSync(join(dir, "bad.json"), JSON.stringify({ UNTIL_DIVERGENCE: 2 }));
  assert.throws(() => resolveStabilityConfig({}, { env: {}, configFile: join(dir, "bad.json") }), /bad\.json field "UNTIL_DIVERGENCE": must be true or false/);
});

test("resolveStabilityConfig: options win over the config file, which wins over the environment", () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-config-"));
  const file = join(dir, "stability.json");
  writeFileSync(file, JSON.stringify({ BASE_DIRS: ["runs/db_1"], K: 7, m: 2, cutoff_top_p: 0.7 }));
  const config = resolveStabilityConfig({ k: 3 }, { env: { K: "9", M: "9", CHECK_DIR: "env_check" }, configFile: file });
  assert.equal(config.k, 3);
  assert.equal(config.m, 2);
  assert.equal(config.cutoffTopP, 0.7);
  assert.equal(config.checkDir, "env_check");
  assert.equal(resolve(config.referenceDirs[0]), join(dir, "runs", "db_1"), "config paths are relative to the config file");
});

test("resolveStabilityConfig rejects bad values naming the source and the setting", () => {
  assert.throws(() => resolveStabilityConfig({}, { env: { K: "0" } }), /stability: environment field "K": must be an integer ≥ 1, got "0"/);
  assert.throws(() => resolveStabilityConfig({ m: -1 }), /field "M": must be an integer ≥ 0/);
  assert.throws(() => resolveStabilityConfig({ k: "2.5" }), /field "K": must be an integer/);
  assert.throws(() => resolveStabilityConfig({ cutoffTopP: 1.5 }), /field "CUT_OFF_TOP_P": must be a number in \(0, 1\]/);
  assert.throws(() => resolveStabilityConfig({ cutoffTopP: "abc" }), /CUT_OFF_TOP_P/);
  assert.throws(() => resolveStabilityConfig({ reference: [] }), /at least one reference folder/);
});

test("resolveStabilityConfig rejects a config file that is missing, not JSON, or has an unknown key", () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-config-"));
  assert.throws(() => resolveStabilityConfig({}, { configFile: join(dir, "none.json") }), /none\.json: config file not found/);
  writeFileSync(join(dir, "bad.json"), "{");
  assert.throws(() => resolveStabilityConfig({}, { configFile: join(dir, "bad.json") }), /bad\.json: config file is not valid JSON/);
  writeFileSync(join(dir, "key.json"), JSON.stringify({ TOP_K: 3 }));
  assert.throws(() => resolveStabilityConfig({}, { configFile: join(dir, "key.json") }), /key\.json field "TOP_K": unknown key; use BASE_DIRS, CHECK_DIR, K, M, CUT_OFF_TOP_P, UNTIL_DIVERGENCE, RESULTS_DIR/);
});
