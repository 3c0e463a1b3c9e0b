// resolveStudySettings: the generic defaults < environment < config file < given merge, and the
// committed config files it must reject (test/fixtures/studies/config-*.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { resolveStudySettings } from "../../lib/studies/resolveStudySettings.js";
import { stabilityOptions } from "../../lib/studies/stability/stabilityOptions.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "studies");

test("resolveStudySettings: later sources win, by the same names (flag key, environment, config key)", () => {
  const v = resolveStudySettings("stability", stabilityOptions, { m: "1" }, { env: { K: "9", M: "9" } });
  assert.equal(v.k, 9);
  assert.equal(v.m, 1);
  assert.equal(v.cutoffTopP, 0.9);
});

const rejected: [string, RegExp][] = [
  ["config-unknown-key.json", /config-unknown-key\.json field "TOP_K": unknown key; use BASE_DIRS, CHECK_DIR, K, M, CUT_OFF_TOP_P, UNTIL_DIVERGENCE, RESULTS_DIR$/],
  ["config-bad-until-divergence.json", /config-bad-until-divergence\.json field "UNTIL_DIVERGENCE": must be true or false \(1\/0, yes\/no\), got "sometimes"$/],
  ["config-bad-k.json", /config-bad-k\.json field "K": must be an integer ≥ 1, got 0$/],
  ["config-bad-cutoff.json", /config-bad-cutoff\.json field "CUT_OFF_TOP_P": must be a number in \(0, 1\], got "high"$/],
  ["config-not-object.json", /config-not-object\.json: config file must hold a JSON object$/],
  ["config-not-json.json", /config-not-json\.json: config file is not valid JSON/],
  ["config-no-reference.json", /config-no-reference\.json field "BASE_DIRS": needs at least one reference folder/],
];

for (const [file, message] of rejected) {
  test(`resolveStudySettings rejects ${file} in one line naming the file and field`, () => {
    assert.throws(() => resolveStudySettings("stability", stabilityOptions, {}, { configFile: join(fixtures, file) }), message);
  });
}

test("every committed bad config file has a rejection test", () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith(".json")).sort();
  assert.deepEqual(files, rejected.map(([f]) => f).sort());
});
