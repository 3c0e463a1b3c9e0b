// runStability end to end: the summary, per-file and per-step values against the float64 reference
// written by test/fixtures/stability/gen.py (numpy), and the output files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStability } from "../../../lib/studies/stability/runStability.js";
import { resolveStabilityConfig } from "../../../lib/studies/stability/resolveStabilityConfig.js";
import { parseRunFile } from "../../../lib/studies/stability/parseRunFile.js";
import { comparePair } from "../../../lib/studies/stability/comparePair.js";
import { stabilityStudy } from "../../../lib/studies/stability/stabilityStudy.js";
import { stabilityTableRows } from "../../../lib/studies/stability/stabilityTableRows.js";
import { formatSummaryNumber } from "../../../lib/util/formatSummaryNumber.js";
import { assertClose, FLOAT64 } from "../../tolerances.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "stability");
const data = join(fixtures, "data");
const expected = JSON.parse(readFileSync(join(fixtures, "expected.json"), "utf8"));

interface Settings { k: number; m: number; cutoff_top_p: number }

function configFor(settings: Settings) {
  const out = mkdtempSync(join(tmpdir(), "logitlab-stability-"));
  return resolveStabilityConfig({
    reference: [join(data, "db_1"), join(data, "db_2")],
    check: join(data, "db_13"),
    k: settings.k, m: settings.m, cutoffTopP: settings.cutoff_top_p, out,
  });
}

/** Compares every number/boolean/null of `expected` with `actual`, recursively, within FLOAT64. */
function assertMatches(actual: unknown, want: unknown, path: string): void {
  if (want === null) return assert.equal(actual, null, `${path}: expected null, got ${JSON.stringify(actual)}`);
  if (typeof want === "number") return assertClose(actual as number, want, FLOAT64, path);
  if (typeof want === "boolean" || typeof want === "string") return assert.equal(actual, want, path);
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(actual), `${path}: expected a list`);
    assert.equal((actual as unknown[]).length, want.length, `${path}: length`);
    return want.forEach((w, i) => assertMatches((actual as unknown[])[i], w, `${path}[${i}]`));
  }
  for (const [key, value] of Object.entries(want as object)) {
    assert.ok(actual !== null && typeof actual === "object" && key in actual, `${path}.${key} is missing`);
    assertMatches((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  }
}

for (const run of expected.runs as { settings: Settings; summary: object; per_file: Record<string, unknown>[] }[]) {
  const { k, m, cutoff_top_p } = run.settings;
  test(`runStability(K=${k}, M=${m}, cutoff ${cutoff_top_p}) matches the numpy reference summary`, async () => {
    const result = await runStability(configFor(run.settings), { progress: "silent" });
    assertMatches(result.summary, run.summary, "summary");
    assert.deepEqual(result.summary.config, {
      k, m, cutoff_top_p, reference_dirs: [join(data, "db_1"), join(data, "db_2")], check_dir: join(data, "db_13"), until_divergence: false,
    });
    assert.equal(result.summary.files.matched, expected.files.matched);
    assert.deepEqual(result.summary.files.unmatched_reference, expected.files.unmatched_reference);
    assert.deepEqual(result.summary.files.unmatched_check, expected.files.unmatched_check);
    assert.deepEqual(result.summary.files.invalid, []);
  });

  test(`runStability(K=${k}) per-file rows match the numpy reference`, async () => {
    const result = await runStability(configFor(run.settings), { progress: "silent", perStep: false });
    assert.equal(result.perFile.length, run.per_file.length);
    run.per_file.forEach((want, i) => {
      const row = result.perFile[i] as unknown as Record<string, unknown>;
      const camel = (key: string) => key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())
        .replace(/^perplexity(Reference|Check)$/, (_, side: string) => `${side.toLowerCase()}Perplexity`);
      for (const [key, value] of Object.entries(want)) assertMatches(row[camel(key)], value, `${want.name}.${key}`);
      assert.equal(row.status, "ok");
    });
  });
}

test("comparePair per-step metrics match the numpy reference (K=3, M=2, cutoff 0.8)", () => {
  const run = expected.runs[0];
  const settings = { k: run.settings.k, m: run.settings.m, cutoffTopP: run.settings.cutoff_top_p };
  const fields: [string, string][] = [
    ["agree", "agree"], ["epsilon", "epsilon"], ["relative_epsilon", "relativeEpsilon"], ["topk_length", "topkLength"],
    ["short_list", "shortList"], ["set_preserved", "setPreserved"], ["order_preserved", "orderPreserved"],
    ["overlap", "overlap"], ["eligible", "eligible"], ["margin", "margin"], ["changed", "changed"], ["boundary_swap", "boundarySwap"],
  ];
  let checked = 0;
  for (const [name, rows] of Object.entries(run.per_step as Record<string, Record<string, unknown>[]>)) {
    const folder = existsSync(join(data, "db_1", name)) ? "db_1" : "db_2";
    const reference = parseRunFile(readFileSync(join(data, folder, name), "utf8"), "reference", name);
    const check = parseRunFile(readFileSync(join(data, "db_13", `check_machine_${name}`), "utf8"), "check", name);
    const pair = comparePair(reference, check, settings);
    rows.forEach((want, t) => {
      const got = pair.steps[t] as unknown as Record<string, unknown>;
      for (const [py, ts] of fields) {
        if (py in want) assertMatches(got[ts], want[py], `${name} step ${t} ${py}`);
        else assert.equal(got[ts], null, `${name} step ${t} ${py} should be null`);
      }
      checked++;
    });
  }
  assert.ok(checked > 100);
});

test("runStability writes summary.json, summary.md, summary.tex, per_file.csv and per_step.csv and no temp files", async () => {
  const config = configFor(expected.runs[0].settings);
  const result = await runStability(config, { progress: "silent" });
  assert.deepEqual(readdirSync(config.outDir).sort(), ["per_file.csv", "per_step.csv", "summary.json", "summary.md", "summary.tex"]);
  const summary = JSON.parse(readFileSync(result.outputs.summaryJson, "utf8"));
  for (const key of ["config", "files", "steps", "epsilon", "perplexity", "topk", "margin", "provenance"]) assert.ok(key in summary, key);
  // The divergence sections sit beside the original's keys, after them.
  assert.deepEqual(Object.keys(summary).slice(0, 10), ["config", "files", "steps", "epsilon", "perplexity", "topk", "margin", "divergence", "before_divergence", "warnings"]);
  assert.deepEqual(Object.keys(summary.config), ["k", "m", "cutoff_top_p", "reference_dirs", "check_dir", "until_divergence"]);
  for (const key of ["matched", "unmatched_reference", "unmatched_check", "invalid"]) assert.ok(key in summary.files, key);
  assert.deepEqual(Object.keys(summary.epsilon).slice(0, 5), ["mean", "median", "p95", "p99", "max"]);
  assert.deepEqual(Object.keys(summary.perplexity).slice(0, 4), ["reference_mean", "check_mean", "ratio_mean", "abs_diff_mean"]);
  assert.deepEqual(Object.keys(summary.topk).slice(0, 3), ["set_preservation_rate", "order_preservation_rate", "mean_overlap"]);
  assert.deepEqual(Object.keys(summary.margin), [
    "eligible_steps", "changed_steps", "boundary_swap_fraction", "median_margin_preserved", "median_margin_changed", "auc",
  ]);
  assert.equal(summary.provenance.library, "logitlab");
  const steps = readFileSync(result.outputs.perStepCsv as string, "utf8").trim().split("\n");
  assert.equal(steps.length - 1, summary.steps.compared);
  const files = readFileSync(result.outputs.perFileCsv, "utf8").trim().split("\n");
  assert.equal(files.length - 1, expected.files.matched);
  assert.match(readFileSync(result.outputs.summaryMarkdown, "utf8"), /\| Token agreement \|/);
});

test("runStability returns the figure data: epsilons, perplexities, preservation by position, margins", async () => {
  const run = expected.runs[0];
  const result = await runStability(configFor(run.settings), { progress: "silent", perStep: false });
  const { figures } = result;
  assert.equal(figures.epsilon.length, run.summary.steps.agreeing);
  assert.equal(figures.perplexity.reference.length, expected.files.matched);
  assert.equal(figures.margin.changed.length, run.summary.margin.changed_steps);
  assert.equal(figures.margin.preserved.length, run.summary.margin.eligible_steps - run.summary.margin.changed_steps);
  assert.equal(figures.topkByPosition.steps.reduce((a: number, b: number) => a + b, 0), run.summary.steps.agreeing);
});

test("PerStepCsvWriter writes each field as csvField formats it", async () => {
  const { PerStepCsvWriter } = await import("../../../lib/studies/stability/PerStepCsvWriter.js");
  const { csvField } = await import("../../../lib/io/csvField.js");
  const dir = mkdtempSync(join(tmpdir(), "logitlab-csv-"));
  const rows = [
    { step: 0, referenceId: 12, checkId: 12, agree: true, referenceProb: 0.5, checkProb: 1e-7, epsilon: 0.4999999, relativeEpsilon: Infinity,
      topkLength: 5, shortList: false, setPreserved: true, orderPreserved: false, overlap: 0.8, eligible: true, margin: 0, changed: false, boundarySwap: null },
    { step: 130, referenceId: 2147483647, checkId: 0, agree: false, referenceProb: 1, checkProb: 0, epsilon: null, relativeEpsilon: null,
      topkLength: null, shortList: null, setPreserved: null, orderPreserved: null, overlap: null, eligible: null, margin: null, changed: null, boundarySwap: null },
  ];
  const writer = new PerStepCsvWriter(join(dir, "per_step.csv"));
  writer.add('a,"b".json', rows);
  writer.add("ü.json", rows.slice(1));
  writer.commit();
  const expectedRows = [...rows.map((r) => ['a,"b".json', r] as const), ["ü.json", rows[1]] as const].map(([name, r]) =>
    [name, r.step, r.referenceId, r.checkId, r.agree, r.referenceProb, r.checkProb, r.epsilon, r.relativeEpsilon, r.topkLength,
      r.setPreserved, r.orderPreserved, r.overlap, r.eligible, r.margin, r.changed, r.boundarySwap].map((v) => csvField(v)).join(","));
  const lines = readFileSync(join(dir, "per_step.csv"), "utf8").split("\n");
  assert.deepEqual(lines.slice(1), [...expectedRows, ""]);
  assert.equal(lines[1], '"a,""b"".json",0,12,12,1,0.5,1e-7,0.4999999,inf,5,1,0,0.8,1,0,0,');
  assert.equal(writer.rows, 3);
  assert.deepEqual(readdirSync(dir), ["per_step.csv"]);
});

test("UNTIL_DIVERGENCE leads summary.md, the table rows and the report with the before-divergence steps and leaves summary.json's metrics as they are", async () => {
  const run = expected.runs[0];
  const plain = await runStability(configFor(run.settings), { progress: "silent", perStep: false });
  const config = { ...configFor(run.settings), untilDivergence: true };
  const until = await runStability(config, { progress: "silent", perStep: false });
  const { summary } = until;
  assert.equal(summary.config.until_divergence, true);
  for (const key of ["steps", "epsilon", "perplexity", "topk", "margin", "divergence", "before_divergence"] as const) {
    assert.deepEqual(summary[key], plain.summary[key], key);
  }
  const markdown = readFileSync(until.outputs.summaryMarkdown, "utf8");
  assert.match(markdown, /^\| Metric \| Definition \| Before divergence \| All steps \|$/m);
  assert.match(readFileSync(plain.outputs.summaryMarkdown, "utf8"), /^\| Metric \| Definition \| All steps \| Before divergence \|$/m);
  const rows = stabilityTableRows(summary);
  const epsilonMax = rows.find((r) => r.metric === "ε max");
  assert.deepEqual([epsilonMax?.value, epsilonMax?.all_steps], [formatSummaryNumber(run.summary.before_divergence.epsilon.max), formatSummaryNumber(run.summary.epsilon.max)]);
  const report = stabilityStudy.report(until, config, {});
  assert.match(report.lines.find((l) => l.startsWith("agreement")) ?? "", new RegExp(`of ${run.summary.before_divergence.steps.compared} steps$`));
  assert.equal(report.exitCode, 0);
});
