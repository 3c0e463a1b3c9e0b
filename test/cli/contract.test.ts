// The generic study CLI path and the small things: --version, info, generated --help, one-line
// output errors (exit 1), and an output folder replaced as a whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./support.js";
import { stabilityStudy } from "../../lib/studies/stability/stabilityStudy.js";
import { packageInfo } from "../../lib/util/packageInfo.js";

const data = join(import.meta.dirname, "..", "fixtures", "stability", "data");
const small = ["stability", "--reference", join(data, "db_1"), "--check", join(data, "db_13"), "--ignore-env", "--no-figures", "--quiet"];

test("logitlab --version prints the package version", async () => {
  const { code, out } = await cli(["--version"]);
  assert.equal(code, 0);
  assert.equal(out, `logitlab ${packageInfo().version}`);
});

test("logitlab info prints logitlab's own version", async () => {
  const { code, out } = await cli(["info"]);
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).logitlab, packageInfo().version);
});

test("logitlab stability --help is generated from the study's declared options and switches", async () => {
  const { code, out } = await cli(["stability", "--help"]);
  assert.equal(code, 0);
  for (const option of stabilityStudy.options) {
    assert.match(out, new RegExp(`--${option.flag} ${option.placeholder} .*\\[${option.env}\\]  \\(default: ${option.defaultText.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)`));
  }
  for (const sw of stabilityStudy.switches) assert.ok(out.includes(`--${sw.flag}`), sw.flag);
  for (const generic of ["--config FILE", "--no-figures", "--ignore-env", "--quiet"]) assert.ok(out.includes(generic), generic);
});

test("--out /dev/null/x ends in one line naming the path and what to do, exit status 1", async () => {
  const { code, err } = await cli([...small, "--out", "/dev/null/x"]);
  assert.equal(code, 1);
  assert.equal(err, "logitlab stability: /dev/null/x: a part of this path is a file, not a folder (ENOTDIR); choose another output path (--out)");
});

test("--out on a device or on a folder of someone else's files is refused in one line, and nothing there changes", async () => {
  const device = await cli([...small, "--out", "/dev/null"]);
  assert.equal(device.code, 1);
  assert.equal(device.err, "logitlab stability: /dev/null: exists and is not a folder (a device, socket or pipe); choose another output path (--out)");
  const root = mkdtempSync(join(tmpdir(), "logitlab-cli-"));
  mkdirSync(join(root, "papers"));
  writeFileSync(join(root, "papers", "draft.tex"), "mine");
  const foreign = await cli([...small, "--out", join(root, "papers")]);
  assert.equal(foreign.code, 1);
  assert.match(foreign.err, /papers: holds files logitlab did not write/);
  assert.deepEqual(readdirSync(join(root, "papers")), ["draft.tex"]);
});

test("a re-run with other settings replaces the output folder as a whole: no old and new files mixed", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-cli-")), "out");
  assert.equal((await cli([...small, "--out", out])).code, 0);
  assert.ok(readdirSync(out).includes("per_step.csv"));
  assert.equal((await cli([...small, "--out", out, "--k", "3", "--no-per-step"])).code, 0);
  assert.deepEqual(readdirSync(out).sort(), ["per_file.csv", "summary.json", "summary.md", "summary.tex"]);
});
