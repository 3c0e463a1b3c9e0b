// discoverStabilityPairs: matching by name across folders, shown paths, folder errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoverStabilityPairs } from "../../../lib/studies/stability/discoverStabilityPairs.js";

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "logitlab-discover-"));
  for (const path of files) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), "{}");
  }
  return root;
}

test("discoverStabilityPairs matches check_machine_<name>.json to <name>.json in any reference folder", () => {
  const root = tree(["db_1/b.json", "db_2/a.json", "db_13/check_machine_a.json", "db_13/check_machine_b.json", "db_1/sub/c.json"]);
  const found = discoverStabilityPairs([join(root, "db_1"), join(root, "db_2")], join(root, "db_13"));
  assert.deepEqual(found.pairs.map((p) => [p.name, p.reference, p.check]), [
    ["a.json", "db_2/a.json", "db_13/check_machine_a.json"],
    ["b.json", "db_1/b.json", "db_13/check_machine_b.json"],
  ]);
  assert.equal(found.pairs[0].referencePath, join(root, "db_2", "a.json"));
  assert.deepEqual([found.unmatchedReference, found.unmatchedCheck, found.invalid], [[], [], []]);
});

test("discoverStabilityPairs reports a name in two reference folders as invalid, even without a check file", () => {
  const root = tree(["db_1/a.json", "db_2/a.json", "db_13/check_machine_x.json"]);
  const found = discoverStabilityPairs([join(root, "db_1"), join(root, "db_2")], join(root, "db_13"));
  assert.equal(found.pairs.length, 0);
  assert.equal(found.invalid.length, 1);
  assert.equal(found.invalid[0].file, "db_1/a.json");
  assert.deepEqual(found.unmatchedCheck, ["db_13/check_machine_x.json"]);
});

test("discoverStabilityPairs rejects a folder listed twice or used as both reference and check", () => {
  const root = tree(["db_1/a.json", "db_13/check_machine_a.json"]);
  assert.throws(() => discoverStabilityPairs([join(root, "db_1"), join(root, "db_1")], join(root, "db_13")), /listed twice/);
  assert.throws(() => discoverStabilityPairs([join(root, "db_1")], join(root, "db_1")), /also a reference folder/);
});

test("discoverStabilityPairs names a folder that is a file", () => {
  const root = tree(["db_1/a.json", "db_13/check_machine_a.json"]);
  assert.throws(() => discoverStabilityPairs([join(root, "db_1", "a.json")], join(root, "db_13")), /a\.json: reference folder is not a folder/);
});
