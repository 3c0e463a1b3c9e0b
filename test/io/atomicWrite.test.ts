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

test("writeFileAtomicSync never writes over a device or a folder: one line naming it", () => {
  assert.throws(() => writeFileAtomicSync("/dev/null", "x"),
    { message: "/dev/null: exists and is not a regular file (a device, socket or pipe); writing would replace it, so choose another output path (--out)" });
  const dir = mkdtempSync(join(tmpdir(), "logitlab-atomic-"));
  assert.throws(() => writeFileAtomicSync(dir, "x"), (error: Error) => error.message === `${dir}: exists and is not a regular file (a folder); writing would replace it, so choose another output path (--out)`);
});

test("writeFileAtomicSync turns ENOTDIR (a file where a folder should be) into one line with what to do", () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-atomic-"));
  writeFileSync(join(dir, "file"), "x");
  assert.throws(() => writeFileAtomicSync(join(dir, "file", "out.json"), "x"), (error: Error & { kind?: string }) => {
    assert.equal(error.message, `${join(dir, "file", "out.json")}: a part of this path is a file, not a folder (ENOTDIR); choose another output path (--out)`);
    assert.equal(error.kind, "io");
    return true;
  });
});
