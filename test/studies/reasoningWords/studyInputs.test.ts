// The reasoning-words study's input checkers: the JSON Lines data reader and the judge's answer
// normaliser, on committed inputs they must reject (test/fixtures/reasoningWords/bad-data.jsonl,
// judge-rejects.json), and the role/setting parser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { readReasoningData } from "../../../lib/studies/reasoningWords/readReasoningData.js";
import { normalizeAnswer } from "../../../lib/studies/reasoningWords/normalizeAnswer.js";
import { lastBoxed } from "../../../lib/studies/reasoningWords/lastBoxed.js";
import { resolveReasoningWordsConfig } from "../../../lib/studies/reasoningWords/resolveReasoningWordsConfig.js";
import { LogitlabError } from "../../../lib/util/errors.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "reasoningWords");

test("readReasoningData rejects every bad line of bad-data.jsonl with one line naming file, line and field, and keeps the good rows", () => {
  const file = join(fixtures, "bad-data.jsonl");
  const data = readReasoningData(file);
  assert.deepEqual(data.samples.map((s) => [s.line, s.level, s.correct, s.reference]), [[1, 1, true, "5"], [13, 1, undefined, undefined]]);
  const got = data.rejected.map((e) => [e.position, e.field ?? null, e.kind]);
  assert.deepEqual(got, [
    ["line 2", null, "data"], ["line 3", null, "data"], ["line 4", "query", "data"], ["line 5", "answer", "data"], ["line 6", "answer", "data"],
    ["line 7", "level", "data"], ["line 8", "level", "data"], ["line 9", "correct", "data"], ["line 10", "corect", "data"], ["line 11", "reference", "data"],
  ]);
  for (const error of data.rejected) {
    assert.ok(error instanceof LogitlabError);
    assert.ok(error.message.includes(file), error.message);
    assert.ok(!error.message.includes("\n"), error.message);
  }
  assert.match(data.rejected[1].message, /line 3: is not a JSON object/);
  assert.match(data.rejected[5].message, /field "level": must be an integer 1–5, not 6/);
});

test("readReasoningData refuses a folder, a device, a missing file, non-UTF-8 and a file with no valid row", () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-rwdata-"));
  assert.throws(() => readReasoningData(dir), /is a folder|not a regular file/);
  assert.throws(() => readReasoningData("/dev/zero"), /not a regular file/);
  assert.throws(() => readReasoningData(join(dir, "missing.jsonl")), /not found/);
  writeFileSync(join(dir, "latin1.jsonl"), Buffer.from([0x7b, 0xe9, 0x7d, 0x0a]));
  assert.throws(() => readReasoningData(join(dir, "latin1.jsonl")), /not valid UTF-8/);
  writeFileSync(join(dir, "none.jsonl"), '{"query":"q"}\n');
  assert.throws(() => readReasoningData(join(dir, "none.jsonl")), (e: LogitlabError) => e.kind === "data" && /has no valid row \(1 rejected; first: .*line 1/.test(e.message));
});

test("normalizeAnswer refuses every committed reject, accepts the committed forms, and lastBoxed finds the last closed box", () => {
  const cases = JSON.parse(readFileSync(join(fixtures, "judge-rejects.json"), "utf8")) as { rejects: string[]; accepts: [string, number][]; boxed: [string, string | null][] };
  for (const text of cases.rejects) assert.equal(normalizeAnswer(text), undefined, JSON.stringify(text));
  for (const [text, value] of cases.accepts) assert.equal(normalizeAnswer(text), value, JSON.stringify(text));
  for (const [text, inner] of cases.boxed) assert.equal(lastBoxed(text) ?? null, inner, JSON.stringify(text));
});

test("resolveReasoningWordsConfig: roles from ROLE=PATH, duplicates, modes and --labels-from are checked", () => {
  const config = resolveReasoningWordsConfig({ model: ["base=a", "b/c/"], propensity: "firstTokenOnly" }, { env: {} });
  assert.deepEqual(config.models, [{ role: "base", path: "a" }, { role: "c", path: "b/c/" }]);
  assert.equal(config.mode, "firstTokenOnly");
  assert.throws(() => resolveReasoningWordsConfig({ model: ["x=a", "x=b"] }, { env: {} }), /role "x" is given twice/);
  assert.throws(() => resolveReasoningWordsConfig({ propensity: "fast" }, { env: {} }), /"fast" is not exact or firstTokenOnly/);
  assert.throws(() => resolveReasoningWordsConfig({ labelsFrom: "nobody" }, { env: {} }), /"nobody" is not one of the roles baseline, sft/);
  assert.throws(() => resolveReasoningWordsConfig({ labelsFrom: "sft" }, { env: {} }), /needs --judge/);
  assert.equal(resolveReasoningWordsConfig({ labelsFrom: "sft", judge: true }, { env: {} }).labelsFrom, "sft");
});
