import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomicSync } from "../../lib/io/atomicWrite.js";

test("writeFileAtomicSync replaces the file and leaves no temp file behind", () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-atomic-"));
  const path = join(dir, "nested", "out.json");
  writeFileAtomicSync(path, "first");
  writeFileAtomicSync(path, new TextEncoder().encode("second"));
  assert.equal(readFileSync(path, "utf8"), "second");
  assert.deepEqual(readdirSync(join(dir, "nested")), ["out.json"]);
});

test("writeFileAtomicSync keeps the old file when the write fails", () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-atomic-"));
  const path = join(dir, "out.txt");
  writeFileSync(path, "old");
  // A directory in place of the target makes the rename fail after the temp file was written.
  assert.throws(() => writeFileAtomicSync(join(dir), "new"));
  assert.equal(readFileSync(path, "utf8"), "old");
  assert.deepEqual(readdirSync(dir), ["out.txt"]);
});
