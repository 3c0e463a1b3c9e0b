// resolveStudySettings: the generic defaults < environment < config file < given merge, and the
// committed config files it must reject (test/fixtures/studies/config-*.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
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
  ["config-proto-key.json", /config-proto-key\.json field "__proto__": unknown key; use BASE_DIRS/],
  ["config-tostring-key.json", /config-tostring-key\.json field "toString": unknown key; use BASE_DIRS/],
  ["config-hex-k.json", /config-hex-k\.json field "K": must be an integer ≥ 1, got "0x10"$/],
  ["config-duplicate-key.json", /config-duplicate-key\.json: ambiguous: key "K" appears twice \(line 1, column 18\); keep one$/],
  ["config-huge-k.json", /config-huge-k\.json field "K": must be an integer ≥ 1, got 9007199254740992$/],
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

test("resolveStudySettings reads numbers as plain decimals only: hex, Infinity and blanks are refused", () => {
  for (const text of ["0x10", "Infinity", "1_000", "0b11"]) {
    assert.throws(() => resolveStudySettings("stability", stabilityOptions, {}, { env: { K: text } }), /environment field "K": must be an integer ≥ 1/);
  }
  assert.throws(() => resolveStudySettings("stability", stabilityOptions, {}, { env: { CUT_OFF_TOP_P: "0x1" } }), /field "CUT_OFF_TOP_P": must be a number/);
  assert.equal(resolveStudySettings("stability", stabilityOptions, {}, { env: { K: " 7 ", CUT_OFF_TOP_P: ".5" } }).k, 7);
});

test("resolveStudySettings accepts a config file with a UTF-8 byte order mark", () => {
  const file = join(mkdtempSync(join(tmpdir(), "logitlab-cfg-")), "bom.json");
  writeFileSync(file, Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from('{"K": 3}')]));
  assert.equal(resolveStudySettings("stability", stabilityOptions, {}, { configFile: file }).k, 3);
});

test("resolveStudySettings reads only a regular config file of at most 1 MiB: devices, pipes, folders and big files are one line", () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-cfg-"));
  const fifo = join(dir, "pipe.json");
  execFileSync("mkfifo", [fifo]); // nobody writes to it: a blocking open would hang forever
  const big = join(dir, "big.json");
  writeFileSync(big, "");
  execFileSync("truncate", ["-s", String(2 << 20), big]); // sparse: no 2 MiB written
  const cases: [string, RegExp][] = [
    ["/dev/zero", /^stability: \/dev\/zero: config file is not a regular file \(a device\); only regular files are read$/],
    [fifo, /pipe\.json: config file is not a regular file \(a named pipe\)/],
    [dir, /config file is not a regular file \(a folder\)/],
    [big, /big\.json: config file is 2097152 bytes, over the limit of 1048576 bytes$/],
    [join(dir, "missing.json"), /missing\.json: config file not found \(ENOENT\); check the path$/],
  ];
  for (const [file, message] of cases) {
    assert.throws(() => resolveStudySettings("stability", stabilityOptions, {}, { configFile: file }), (error: Error & { kind?: string }) => {
      assert.match(error.message, message);
      assert.equal(error.kind, "data");
      return true;
    });
  }
});
