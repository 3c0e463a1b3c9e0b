// Run files that are not ordinary: too large, not regular files (FIFO, device, folder), a byte order
// mark, a repeated key, an id beyond 2^53. Each is one invalid-file line and the run goes on with
// the other pairs. FIFOs and sparse files are made by the test (mkfifo, truncate), so nothing big is
// written and nothing can block.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeStability } from "../../../lib/studies/stability/analyzeStability.js";
import { resolveStabilityConfig } from "../../../lib/studies/stability/resolveStabilityConfig.js";
import { parseRunFile } from "../../../lib/studies/stability/parseRunFile.js";
import { RUN_FILE_MAX_BYTES, RunFileReader, runFileMaxBytes } from "../../../lib/studies/stability/RunFileReader.js";

const step = (id: number) => ({ id, prob: 0.5, top_k: [{ id, prob: 0.5 }, { id: id + 1, prob: 0.25 }] });
const good = (key: string) => JSON.stringify({ [key]: [step(1), step(2)] });

function dataset(): string {
  const root = mkdtempSync(join(tmpdir(), "logitlab-special-"));
  mkdirSync(join(root, "db_1"));
  mkdirSync(join(root, "db_13"));
  writeFileSync(join(root, "db_1", "ok.json"), good("execution_data"));
  writeFileSync(join(root, "db_13", "check_machine_ok.json"), good("check_data"));
  return root;
}

const analyze = (root: string) =>
  analyzeStability(resolveStabilityConfig({ reference: [join(root, "db_1")], check: join(root, "db_13"), out: join(root, "out") }), { progress: "silent" });

test("a run file over the size cap (a sparse 300 MiB file) is one invalid line and the run goes on", async () => {
  const root = dataset();
  writeFileSync(join(root, "db_1", "big.json"), "");
  execFileSync("truncate", ["-s", String(300 * 1024 * 1024), join(root, "db_1", "big.json")]);
  writeFileSync(join(root, "db_13", "check_machine_big.json"), good("check_data"));
  const { summary } = await analyze(root);
  assert.equal(summary.files.compared, 1);
  assert.deepEqual(summary.files.invalid, [{
    file: "db_1/big.json",
    reason: `is ${300 * 1024 * 1024} bytes, over the limit of ${RUN_FILE_MAX_BYTES} bytes (LOGITLAB_MAX_RUN_FILE_BYTES); raise the limit to read it`,
  }]);
});

test("LOGITLAB_MAX_RUN_FILE_BYTES sets the cap; a value that is not a positive decimal is refused", async () => {
  assert.equal(runFileMaxBytes({}), 256 * 1024 * 1024);
  assert.equal(runFileMaxBytes({ LOGITLAB_MAX_RUN_FILE_BYTES: "100" }), 100);
  for (const bad of ["0", "0x100", "-5", "1e3", "lots"]) assert.throws(() => runFileMaxBytes({ LOGITLAB_MAX_RUN_FILE_BYTES: bad }), /field "LOGITLAB_MAX_RUN_FILE_BYTES": must be a positive whole number of bytes/);
  const root = dataset();
  writeFileSync(join(root, "db_1", "ok.json"), good("execution_data"));
  const saved = process.env.LOGITLAB_MAX_RUN_FILE_BYTES;
  process.env.LOGITLAB_MAX_RUN_FILE_BYTES = "50";
  try {
    const { summary } = await analyze(root);
    assert.equal(summary.files.compared, 0);
    assert.match(summary.files.invalid[0].reason, /^is \d+ bytes, over the limit of 50 bytes/);
  } finally {
    if (saved === undefined) delete process.env.LOGITLAB_MAX_RUN_FILE_BYTES;
    else process.env.LOGITLAB_MAX_RUN_FILE_BYTES = saved;
  }
});

test("a FIFO, a link to /dev/zero and a folder named *.json are invalid files, not hangs or crashes", async () => {
  const root = dataset();
  execFileSync("mkfifo", [join(root, "db_1", "pipe.json")]);
  writeFileSync(join(root, "db_13", "check_machine_pipe.json"), good("check_data"));
  symlinkSync("/dev/zero", join(root, "db_1", "zero.json"));
  writeFileSync(join(root, "db_13", "check_machine_zero.json"), good("check_data"));
  writeFileSync(join(root, "db_1", "dir.json"), good("execution_data"));
  mkdirSync(join(root, "db_13", "check_machine_dir.json"));
  const { summary } = await analyze(root);
  assert.equal(summary.files.compared, 1);
  assert.deepEqual(summary.files.invalid, [
    { file: "db_1/pipe.json", reason: "is not a regular file (a named pipe); only regular files are read" },
    { file: "db_1/zero.json", reason: "is not a regular file (a device); only regular files are read" },
  ]);
  // A folder named check_machine_dir.json is not a file at all: its reference is unmatched.
  assert.deepEqual(summary.files.unmatched_reference, ["db_1/dir.json"]);
});

test("RunFileReader names an unreadable file in words with the code", () => {
  const reader = new RunFileReader(1024);
  assert.equal(reader.read("/nonexistent/a.json").error, "not found (ENOENT); check the path");
  assert.equal(reader.read("/etc/hostname/a.json").error, "a part of this path is a file, not a folder (ENOTDIR); check the path");
});

test("parseRunFile accepts a UTF-8 byte order mark, on both paths", () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  const plain = Buffer.from(good("execution_data"));
  const general = Buffer.from('{"execution_data": [{"id": 1, "prob": 0.5, "top_k": [{"id": 1, "prob": 0.5}, {"id": 1.0e0, "prob": 0.25}]}], "x": "\\u0041"}');
  assert.equal(parseRunFile(Buffer.concat([bom, plain]), "reference", "a.json").length, 2);
  assert.throws(() => parseRunFile(Buffer.concat([bom, general]), "reference", "a.json"), /a\.json step 0: top_k repeats id 1$/);
  assert.equal(parseRunFile("\ufeff" + good("execution_data"), "reference", "a.json").length, 2);
});

test("parseRunFile calls a key repeated in one object ambiguous, wherever it is", () => {
  const cases: [string, RegExp][] = [
    ['{"execution_data": [], "execution_data": [{"id": 1, "prob": 0.5, "top_k": [{"id": 1, "prob": 0.5}]}]}', /ambiguous: key "execution_data" appears twice in one object \(line 1, column 24\)$/],
    ['{"execution_data": [{"id": 1, "id": 2, "prob": 0.5, "top_k": [{"id": 1, "prob": 0.5}]}]}', /ambiguous: key "id" appears twice/],
    ['{"execution_data": [{"id": 1, "prob": 0.5, "top_k": [{"id": 1, "prob": 0.5, "prob": 0.4}]}]}', /ambiguous: key "prob" appears twice/],
    ['{"meta": {"a": 1, "a": 2}, "execution_data": [{"id": 1, "prob": 0.5, "top_k": [{"id": 1, "prob": 0.5}]}]}', /ambiguous: key "a" appears twice/],
    ['{"execution_data": [{"id": 1, "note": 1, "note": 2, "prob": 0.5, "top_k": [{"id": 1, "prob": 0.5}]}]}', /ambiguous: key "note" appears twice/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseRunFile(Buffer.from(text), "reference", "d.json"), message);
    assert.throws(() => parseRunFile(text, "reference", "d.json"), message);
  }
});

test("parseRunFile refuses ids beyond 2^53 (and beyond 2^31 − 1), which JSON would round", () => {
  for (const id of ["9007199254740993", "1e300", "2147483648"]) {
    const text = `{"execution_data": [{"id": ${id}, "prob": 0.5, "top_k": [{"id": 1, "prob": 0.5}]}]}`;
    assert.throws(() => parseRunFile(Buffer.from(text), "reference", "e.json"), /e\.json step 0: id .* (is not a token id|must be an integer)/);
  }
});

test("parseRunFile names a file too large for the general reader instead of failing on V8's string limit", () => {
  // Buffer.alloc is zero-filled by calloc: untouched pages, so this costs little real memory.
  const huge = Buffer.alloc((1 << 29) - 23);
  assert.throws(() => parseRunFile(huge, "reference", "huge.json"), /^LogitlabError: stability: huge\.json: is 536870889 bytes and not in the plain form the streaming reader takes .* reads at most 536870888 bytes$/);
});
