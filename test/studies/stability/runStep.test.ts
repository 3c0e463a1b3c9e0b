// The run-file readers emit the canonical StepRecord (lib/io/stepRecord.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseRunFile } from "../../../lib/studies/stability/parseRunFile.js";

const db1 = join(import.meta.dirname, "..", "..", "fixtures", "stability", "data", "db_1");

test("parseRunFile emits StepRecords: logProb = ln p, entropy null, top given, truncated, coveredMass = Σ top probs", () => {
  for (const name of readdirSync(db1)) {
    const bytes = readFileSync(join(db1, name));
    const fast = parseRunFile(bytes, "reference", name); // the fast reader
    const general = parseRunFile(bytes.toString("utf8"), "reference", name); // JSON.parse + validation
    for (const steps of [fast, general]) {
      for (const s of steps) {
        assert.equal(s.logProb, Math.log(s.prob));
        assert.equal(s.entropy, null);
        assert.deepEqual(s.top, { kind: "given" });
        assert.equal(s.truncated, true);
        assert.equal(s.coveredMass, Array.from(s.topProbs).reduce((a, b) => a + b, 0));
        assert.ok(s.coveredMass <= 1 + 1e-6 * s.topProbs.length);
      }
    }
    assert.deepEqual(fast.map((s) => Object.keys(s)), general.map((s) => Object.keys(s)), "one shape from both readers");
  }
});

test("a zero probability gives logProb -Infinity", () => {
  const [step] = parseRunFile('{"check_data": [{"id": 1, "prob": 0, "top_k": [{"id": 2, "prob": 1}, {"id": 1, "prob": 0}]}]}', "check", "z.json");
  assert.equal(step.logProb, -Infinity);
  assert.equal(step.coveredMass, 1);
});
