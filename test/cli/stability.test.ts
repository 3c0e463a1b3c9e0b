// `logitlab stability`: outputs, --strict, and one-line errors without a stack trace.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./support.js";
import { hasChromium } from "../../lib/plot/browser.js";

const step = (id: number) => ({ id, prob: 0.5, top_k: [{ id, prob: 0.5 }, { id: id + 1, prob: 0.25 }] });

function dataset(withBadFile: boolean): string {
  const root = mkdtempSync(join(tmpdir(), "logitlab-cli-"));
  mkdirSync(join(root, "db_1"));
  mkdirSync(join(root, "db_13"));
  writeFileSync(join(root, "db_1", "a.json"), JSON.stringify({ execution_data: [step(1), step(2)] }));
  writeFileSync(join(root, "db_13", "check_machine_a.json"), JSON.stringify({ check_data: [step(1), step(3)] }));
  if (withBadFile) {
    writeFileSync(join(root, "db_1", "b.json"), JSON.stringify({ execution_data: [step(1)] }));
    writeFileSync(join(root, "db_13", "check_machine_b.json"), "not json");
  }
  return root;
}

const args = (root: string) => ["stability", "--reference", join(root, "db_1"), "--check", join(root, "db_13"), "--out", join(root, "out"), "--ignore-env", "--no-figures"];

test("logitlab stability writes the four outputs and prints a short summary", async () => {
  const root = dataset(false);
  const { code, out } = await cli(args(root));
  assert.equal(code, 0);
  assert.deepEqual(readdirSync(join(root, "out")).sort(), ["per_file.csv", "per_step.csv", "summary.json", "summary.md", "summary.tex"]);
  assert.match(out, /agreement {2}0\.5 of 2 steps/);
});

test("logitlab stability draws its four figures (.json and .html always, .svg, .png and .pdf with Chromium)", { timeout: 120_000 }, async () => {
  const root = dataset(false);
  // Six-entry lists with slightly different check probabilities, and one changed top-5 set.
  const rich = (shift: number, swap: boolean) => Array.from({ length: 4 }, (_, t) => {
    const probs = [0.4, 0.2, 0.15, 0.1, 0.08, 0.07].map((p) => p * (1 + shift * (t + 1)));
    const ids = swap && t === 2 ? [1, 2, 3, 4, 6, 5] : [1, 2, 3, 4, 5, 6];
    return { id: 1, prob: probs[0], top_k: ids.map((id, i) => ({ id, prob: probs[i] })) };
  });
  writeFileSync(join(root, "db_1", "a.json"), JSON.stringify({ execution_data: rich(0, false) }));
  writeFileSync(join(root, "db_13", "check_machine_a.json"), JSON.stringify({ check_data: rich(0.001, true) }));
  const { code, err } = await cli(args(root).filter((a) => a !== "--no-figures").concat("--quiet"));
  // Without any browser the static files are skipped with one note naming the fix.
  if (hasChromium()) assert.equal(err, "");
  else assert.match(err, /static figure file\(s\) skipped: .*npm install/);
  assert.equal(code, 0);
  const files = readdirSync(join(root, "out"));
  const formats = hasChromium() ? ["json", "html", "svg", "png", "pdf"] : ["json", "html"];
  for (const figure of ["epsilon_histogram", "perplexity_scatter", "topk_by_position", "margin_distribution"]) {
    for (const format of formats) assert.ok(files.includes(`${figure}.${format}`), `${figure}.${format}`);
  }
});

test("logitlab stability skips a figure without data with a note, and still exits 0", { timeout: 120_000 }, async () => {
  const root = dataset(false); // equal probabilities (ε = 0 everywhere) and two-entry lists (no eligible step)
  const { code, err } = await cli(args(root).filter((a) => a !== "--no-figures").concat("--quiet"));
  assert.equal(code, 0);
  assert.match(err, /stability: figure epsilon_histogram skipped: histogramFigure: no positive finite values to bin/);
  assert.match(err, /stability: figure margin_distribution skipped/);
  assert.ok(readdirSync(join(root, "out")).includes("topk_by_position.html"));
});

test("logitlab stability lists invalid files on stderr and still exits 0 without --strict", async () => {
  const root = dataset(true);
  const { code, err } = await cli(args(root));
  assert.equal(code, 0);
  assert.match(err, /stability: invalid db_13\/check_machine_b\.json: not valid JSON/);
});

test("logitlab stability --strict exits 1 when a file is invalid, after writing the outputs", async () => {
  const root = dataset(true);
  const { code, err } = await cli([...args(root), "--strict", "--quiet"]);
  assert.equal(code, 1);
  assert.match(err, /--strict: 1 invalid file/);
  assert.ok(readdirSync(join(root, "out")).includes("summary.json"));
});

test("logitlab stability names a missing folder in one line, without a stack trace", async () => {
  const root = dataset(false);
  const { code, err } = await cli(["stability", "--reference", join(root, "nope"), "--check", join(root, "db_13"), "--ignore-env"]);
  assert.equal(code, 2);
  assert.equal(err, `logitlab stability: ${join(root, "nope")}: reference folder not found; pass an existing folder (--reference / BASE_DIRS)`);
});

test("logitlab stability rejects unknown options and bad settings in one line", async () => {
  const unknown = await cli(["stability", "--bogus"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /^logitlab stability: Unknown option '--bogus'; see `logitlab stability --help`$/);
  const bad = await cli(["stability", "--k", "0", "--ignore-env"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^logitlab stability: options field "K": must be an integer ≥ 1, got "0"$/);
});

test("logitlab stability --help shows the options and their environment names", async () => {
  const { code, out } = await cli(["stability", "--help"]);
  assert.equal(code, 0);
  for (const name of ["--reference", "BASE_DIRS", "CHECK_DIR", "[K]", "[M]", "CUT_OFF_TOP_P", "RESULTS_DIR", "--config", "--strict", "--until-divergence  ", "[UNTIL_DIVERGENCE]"]) assert.ok(out.includes(name), name);
});

test("logitlab stability exits 1, with or without --strict, when the bundled folders are swapped, and says so", async () => {
  const root = join(import.meta.dirname, "..", "..", "data", "stability");
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-swapped-")), "out");
  for (const strict of [[], ["--strict"]]) {
    const { code, err } = await cli(["stability", "--reference", join(root, "db_13"), "--check", join(root, "db_1"), "--out", out, "--ignore-env", "--no-figures", "--quiet", ...strict]);
    assert.equal(code, 1, strict.join(" "));
    assert.match(err, /^stability: nothing was compared \(exit status 1\): the reference folder\(s\) hold check_machine_\*\.json files .*--reference and --check \(BASE_DIRS and CHECK_DIR\) look swapped$/m);
  }
});
