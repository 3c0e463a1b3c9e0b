// The CLI's printing path and exit codes on hostile input: names with ESC, BEL and a newline are
// printed escaped (no raw control character reaches the terminal, no forged line); usage errors
// exit 2, data and I/O errors exit 1; raw error codes come as one line with the path and what to do.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./support.js";
import { escapeControl } from "../../lib/util/escapeControl.js";

const step = (id: number) => ({ id, prob: 0.5, top_k: [{ id, prob: 0.5 }, { id: id + 1, prob: 0.25 }] });
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function dataset(): string {
  const root = mkdtempSync(join(tmpdir(), "logitlab-harden-"));
  mkdirSync(join(root, "db_1"));
  mkdirSync(join(root, "db_13"));
  writeFileSync(join(root, "db_1", "a.json"), JSON.stringify({ execution_data: [step(1), step(2)] }));
  writeFileSync(join(root, "db_13", "check_machine_a.json"), JSON.stringify({ check_data: [step(1), step(3)] }));
  return root;
}

const args = (root: string) => ["stability", "--reference", join(root, "db_1"), "--check", join(root, "db_13"), "--out", join(root, "out"), "--ignore-env", "--no-figures"];

test("escapeControl makes ESC, BEL, newlines, DEL, C1 and bidi overrides visible", () => {
  assert.equal(escapeControl("plain – ünïcode"), "plain – ünïcode");
  assert.equal(escapeControl("a\u001b]0;x\u0007b\r\n\t"), "a\\x1b]0;x\\x07b\\r\\n\\t");
  assert.equal(escapeControl("\u007f\u009b\u202e\ufeff"), "\\x7f\\x9b\\u202e\\ufeff");
});

test("logitlab stability prints a file named with ESC, BEL and a newline escaped, on one line", async () => {
  const root = dataset();
  const evil = "x\u001b[2J\u0007\nstability: forged.json";
  // The content carries ESC too (JSON-escaped in the file, raw once parsed, then shown in the reason).
  writeFileSync(join(root, "db_1", `${evil}.json`), JSON.stringify({ execution_data: [{ id: 1, prob: "\u001b[31m" }] }));
  writeFileSync(join(root, "db_13", `check_machine_${evil}.json`), JSON.stringify({ check_data: [step(1)] }));
  const { code, out, err } = await cli(args(root));
  assert.equal(code, 0);
  assert.doesNotMatch(err + out, RAW_CONTROL);
  const invalid = err.split("\n").filter((line) => line.includes("invalid "));
  assert.equal(invalid.length, 1);
  assert.match(invalid[0], /invalid db_1\/x\\x1b\[2J\\x07\\nstability: forged\.json\.json: step 0: prob must be a number, got "\\u001b\[31m"$/);
  assert.ok(!err.split("\n").some((line) => line.startsWith("stability: forged")), "no forged line");
});

test("a bad run file's JSON error with control characters in it is printed escaped", async () => {
  const root = dataset();
  writeFileSync(join(root, "db_1", "b.json"), "\u001b[31m\u0007");
  writeFileSync(join(root, "db_13", "check_machine_b.json"), JSON.stringify({ check_data: [step(1)] }));
  const { err } = await cli(args(root));
  assert.doesNotMatch(err, RAW_CONTROL);
  assert.match(err, /invalid db_1\/b\.json: not valid JSON/);
});

test("exit status: 2 for usage errors, 1 for a config file that cannot be read", async () => {
  assert.equal((await cli([])).code, 2);
  assert.equal((await cli(["no-such-command"])).code, 2);
  assert.equal((await cli(["stability", "--no-such-flag"])).code, 2);
  assert.equal((await cli(["stability", "--k", "0x10", "--ignore-env"])).code, 2);
  const zero = await cli(["stability", "--config", "/dev/zero", "--ignore-env"]);
  assert.equal(zero.code, 1);
  assert.equal(zero.err, "logitlab stability: /dev/zero: config file is not a regular file (a device); only regular files are read");
  const dir = mkdtempSync(join(tmpdir(), "logitlab-harden-"));
  const fifo = join(dir, "a.json");
  execFileSync("mkfifo", [fifo]);
  const pipe = await cli(["stability", "--config", fifo, "--ignore-env"]);
  assert.equal(pipe.code, 1);
  assert.match(pipe.err, /a\.json: config file is not a regular file \(a named pipe\)/);
});

test("an unknown command with control characters is echoed escaped", async () => {
  const { code, err } = await cli(["\u001b[31mred"]);
  assert.equal(code, 2);
  assert.match(err, /unknown command "\\x1b\[31mred"/);
});

test("an output path below a file is one line with the path and what to do (ENOTDIR, exit 1)", async () => {
  const root = dataset();
  const out = join(root, "db_1", "a.json", "out");
  const { code, err } = await cli([...args(root).slice(0, -4), "--out", out, "--ignore-env", "--no-figures"]);
  assert.equal(code, 1);
  assert.match(err, /a\.json\/out.*: a part of this path is a file, not a folder \(ENOTDIR\); choose another output path \(--out\)$/);
  assert.equal(err.split("\n").length, 1);
});
