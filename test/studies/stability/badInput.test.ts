// runStability on bad input: every case of the issue is listed under files.invalid with its path and
// reason (including the step), the other pairs are still compared, and folders are checked first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStability } from "../../../lib/studies/stability/runStability.js";
import { resolveStabilityConfig } from "../../../lib/studies/stability/resolveStabilityConfig.js";
import { LogitlabError } from "../../../lib/util/errors.js";

const step = (id: number, prob: number) => ({ id, prob, top_k: [{ id, prob }, { id: id + 1, prob: prob / 2 }] });
const good = (key: string, n = 3) => JSON.stringify({ [key]: Array.from({ length: n }, (_, i) => step(i, 0.5)) });

/** Writes `files` (path → text) under a fresh folder; returns the folder. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "logitlab-bad-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function run(root: string, reference = ["db_1", "db_2"].filter((d) => existsSync(join(root, d)) || d === "db_1")) {
  const config = resolveStabilityConfig({ reference: reference.map((d) => join(root, d)), check: join(root, "db_13"), out: join(root, "out") });
  return runStability(config, { progress: "silent" });
}

const base = {
  "db_1/ok.json": good("execution_data"),
  "db_13/check_machine_ok.json": good("check_data"),
};

test("a file that is not JSON is listed as invalid and the other pairs are compared", async () => {
  const root = tree({ ...base, "db_2/broken.json": '{"execution_data": [', "db_13/check_machine_broken.json": good("check_data") });
  const { summary, perFile } = await run(root);
  assert.equal(summary.files.invalid.length, 1);
  assert.equal(summary.files.invalid[0].file, "db_2/broken.json");
  assert.match(summary.files.invalid[0].reason, /^not valid JSON/);
  assert.equal(summary.files.matched, 2);
  assert.equal(summary.files.compared, 1);
  assert.equal(summary.steps.compared, 3);
  assert.deepEqual(perFile.map((r) => r.status), ["invalid", "ok"]);
  assert.match(perFile[0].reason, /db_2\/broken\.json: not valid JSON/);
});

test("a file without its key is invalid", async () => {
  const root = tree({ ...base, "db_1/nokey.json": good("check_data"), "db_13/check_machine_nokey.json": good("check_data") });
  const { summary } = await run(root);
  assert.deepEqual(summary.files.invalid, [{ file: "db_1/nokey.json", reason: 'missing key "execution_data" (it has "check_data": is it in the wrong folder?)' }]);
});

test("a check file with a different number of steps than its reference is invalid", async () => {
  const root = tree({ ...base, "db_1/short.json": good("execution_data", 4), "db_13/check_machine_short.json": good("check_data", 3) });
  const { summary } = await run(root);
  assert.deepEqual(summary.files.invalid, [{ file: "db_13/check_machine_short.json", reason: "has 3 steps but its reference db_1/short.json has 4" }]);
  assert.equal(summary.files.compared, 1);
});

test("NaN, negative and above-1 probabilities are invalid with the step index", async () => {
  const nan = '{"check_data": [' + JSON.stringify(step(0, 0.5)) + ', {"id": 1, "prob": NaN, "top_k": [{"id": 1, "prob": 0.5}]}]}';
  const root = tree({
    ...base,
    "db_1/a.json": good("execution_data", 2), "db_13/check_machine_a.json": nan,
    "db_1/b.json": JSON.stringify({ execution_data: [step(0, 0.5), step(1, 0.5), step(2, -0.2)] }), "db_13/check_machine_b.json": good("check_data"),
    "db_2/c.json": JSON.stringify({ execution_data: [step(0, 1.2)] }), "db_13/check_machine_c.json": good("check_data", 1),
  });
  const { summary } = await run(root);
  assert.deepEqual(summary.files.invalid, [
    { file: "db_1/b.json", reason: "step 2: prob -0.2 is negative" },
    { file: "db_13/check_machine_a.json", reason: "step 1: prob is NaN" },
    { file: "db_2/c.json", reason: "step 0: prob 1.2 is above 1 (allowed up to 1 + 1e-6)" },
  ]);
  assert.equal(summary.files.compared, 1);
});

test("a malformed top_k is invalid with the step index", async () => {
  const bad = JSON.stringify({ check_data: [step(0, 0.5), { id: 1, prob: 0.5, top_k: [{ id: 1, prob: "x" }] }] });
  const root = tree({ ...base, "db_1/t.json": good("execution_data", 2), "db_13/check_machine_t.json": bad });
  const { summary } = await run(root);
  assert.deepEqual(summary.files.invalid, [{ file: "db_13/check_machine_t.json", reason: 'step 1: top_k[0].prob must be a number, got "x"' }]);
});

test("the same name in two reference folders is an input error for that name, not a guess", async () => {
  const root = tree({ ...base, "db_1/dup.json": good("execution_data"), "db_2/dup.json": good("execution_data"), "db_13/check_machine_dup.json": good("check_data") });
  const { summary } = await run(root);
  assert.equal(summary.files.invalid.length, 1);
  assert.equal(summary.files.invalid[0].file, "db_13/check_machine_dup.json");
  assert.match(summary.files.invalid[0].reason, /dup\.json is in 2 reference folders \(db_1\/dup\.json, db_2\/dup\.json\)/);
  assert.equal(summary.files.matched, 1);
  assert.deepEqual(summary.files.unmatched_reference, []);
});

test("unmatched reference and check files are listed, and a wrongly named check file is unmatched", async () => {
  const root = tree({ ...base, "db_2/alone.json": good("execution_data"), "db_13/check_machine_orphan.json": good("check_data"), "db_13/notes.json": "{}" });
  const { summary } = await run(root);
  assert.deepEqual(summary.files.unmatched_reference, ["db_2/alone.json"]);
  assert.deepEqual(summary.files.unmatched_check, ["db_13/check_machine_orphan.json", "db_13/notes.json"]);
  assert.deepEqual(summary.files.invalid, []);
});

test("a missing or empty folder is an error naming it, and nothing is written", async () => {
  const root = tree({ ...base, "db_2/readme.txt": "not json" });
  await assert.rejects(run(root, ["db_1", "db_9"]), (e: unknown) =>
    e instanceof LogitlabError && e.file === join(root, "db_9") && /reference folder not found/.test(e.message));
  await assert.rejects(run(root, ["db_1", "db_2"]), (e: unknown) =>
    e instanceof LogitlabError && e.file === join(root, "db_2") && /reference folder has no \.json files/.test(e.message));
  mkdirSync(join(root, "empty"));
  const config = resolveStabilityConfig({ reference: [join(root, "db_1")], check: join(root, "empty"), out: join(root, "out") });
  await assert.rejects(runStability(config, { progress: "silent" }), /check folder has no \.json files/);
  assert.deepEqual(readdirSync(root).sort(), ["db_1", "db_13", "db_2", "empty"]);
});

test("a zero probability gives an infinite perplexity, reported with a warning, never a crash", async () => {
  const zero = JSON.stringify({ check_data: [step(0, 0.5), step(1, 0)] });
  const root = tree({ ...base, "db_1/z.json": good("execution_data", 2), "db_13/check_machine_z.json": zero });
  const { summary, perFile } = await run(root);
  assert.deepEqual(summary.files.invalid, []);
  assert.equal(summary.perplexity.check_mean, "Infinity");
  assert.equal(summary.perplexity.ratio_mean, "Infinity");
  assert.equal(summary.perplexity.reference_mean, 2);
  assert.equal(summary.perplexity.infinite_files, 1);
  assert.ok(summary.warnings.some((w) => /z\.json: a zero probability makes the check perplexity infinite/.test(w)), summary.warnings.join("\n"));
  assert.equal(perFile.find((r) => r.name === "z.json")?.checkPerplexity, Infinity);
  const written = JSON.parse(readFileSync(join(root, "out", "summary.json"), "utf8"));
  assert.equal(written.perplexity.check_mean, "Infinity");
  assert.match(readFileSync(join(root, "out", "per_file.csv"), "utf8"), /z\.json,.*,inf,/);
});

test("when no pair can be compared the metrics are null and a warning says why", async () => {
  const root = tree({ "db_1/a.json": "nope", "db_13/check_machine_a.json": good("check_data") });
  const { summary } = await run(root, ["db_1"]);
  assert.equal(summary.files.compared, 0);
  assert.equal(summary.steps.token_agreement, null);
  assert.equal(summary.epsilon.mean, null);
  assert.equal(summary.margin.auc, null);
  assert.match(summary.warnings[0], /no file pair could be compared/);
});

test("a zero reference probability gives an infinite reference perplexity and leaves the relative epsilon out, with warnings", async () => {
  const reference = JSON.stringify({ execution_data: [step(0, 0), step(1, 0.5)] });
  const root = tree({ ...base, "db_1/z.json": reference, "db_13/check_machine_z.json": good("check_data", 2) });
  const { summary } = await run(root);
  assert.equal(summary.perplexity.reference_mean, "Infinity");
  assert.equal(summary.perplexity.ratio_mean, 0.5, "ratio: (0 for z.json + 1 for ok.json) / 2");
  assert.ok(summary.warnings.some((w) => /z\.json: a zero probability makes the reference perplexity infinite/.test(w)), summary.warnings.join("\n"));
  assert.ok(summary.warnings.some((w) => /1 agreeing step\(s\) have p_ref = 0 < p_check: their relative epsilon is infinite/.test(w)), summary.warnings.join("\n"));
  assert.equal(summary.epsilon.max, 0.5);
  assert.equal(summary.epsilon.relative.max, 0, "the finite relative epsilons are all 0 here");
});
