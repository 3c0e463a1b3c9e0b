// noComparisonCause: one sentence per reason a run compared nothing; null when something was compared.
import { test } from "node:test";
import assert from "node:assert/strict";
import { noComparisonCause } from "../../../lib/studies/stability/noComparisonCause.js";

const files = (over: Partial<Parameters<typeof noComparisonCause>[0]>) => ({
  matched: 0, compared: 0, invalid: [], unmatched_reference: [], unmatched_check: [], ...over,
});

test("noComparisonCause is null when a pair was compared", () => {
  assert.equal(noComparisonCause(files({ matched: 2, compared: 1, invalid: [{ file: "db_13/check_machine_b.json", reason: "not valid JSON" }] })), null);
});

test("noComparisonCause names swapped folders, empty folders, missing check or reference files, and differing names", () => {
  assert.match(noComparisonCause(files({ unmatched_reference: ["db_13/check_machine_a.json"], unmatched_check: ["db_1/a.json"] })) ?? "", /look swapped$/);
  assert.equal(noComparisonCause(files({})), "the folders hold no .json files");
  assert.equal(noComparisonCause(files({ unmatched_reference: ["db_1/a.json"] })), "the check folder holds no check_machine_<name>.json file");
  assert.equal(noComparisonCause(files({ unmatched_check: ["db_13/check_machine_a.json"] })), "the reference folders hold no <name>.json file");
  assert.match(noComparisonCause(files({ unmatched_reference: ["db_1/a.json"], unmatched_check: ["db_13/check_machine_b.json"] })) ?? "", /the names differ$/);
});

test("noComparisonCause: all matched pairs invalid, and a file with the other side's key points at swapped folders", () => {
  assert.equal(noComparisonCause(files({ matched: 1, invalid: [{ file: "db_1/a.json", reason: "not valid JSON" }] })), "all 1 matched pair(s) are invalid (files.invalid says why)");
  const wrong = files({ matched: 1, invalid: [{ file: "db_1/a.json", reason: 'missing key "execution_data" (it has "check_data": is it in the wrong folder?)' }] });
  assert.match(noComparisonCause(wrong) ?? "", /invalid .*look swapped$/);
});
