// `logitlab prompting`: registered in the CLI, --help generated from its options; a short run on the
// bundled defaults writes evaluation_results.csv (the documented columns, readable back), the rerun list
// and the summaries; --rerun-buggy regenerates only the listed samples and keeps both attempts; samples
// cut at the 64-token context and prompts too long for it are counted and warned about, never dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { studies } from "../../lib/cli/studies.js";
import { EVALUATION_COLUMNS } from "../../lib/studies/prompting/evaluationRow.js";
import { promptingStudy } from "../../lib/studies/prompting/promptingStudy.js";
import { readEvaluationCsv } from "../../lib/studies/prompting/readEvaluationCsv.js";
import { cli } from "./support.js";

test("the CLI's study registry holds the prompting study object", () => {
  assert.ok(studies.includes(promptingStudy as never));
});

test("logitlab prompting --help lists every option with its environment name, and --rerun-buggy", async () => {
  const { code, out } = await cli(["prompting", "--help"]);
  assert.equal(code, 0);
  assert.ok(out.startsWith("usage: logitlab prompting [options]"));
  for (const option of promptingStudy.options) assert.ok(out.includes(`--${option.flag}`) && out.includes(`[${option.env}]`), option.flag);
  assert.match(out, /--rerun-buggy/);
});

test("logitlab prompting on the bundled defaults (4 problems) writes the tables; --rerun-buggy reruns only the listed samples", { timeout: 180_000 }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-cli-prompting-")), "p");
  const first = await cli(["prompting", "--questions", "4", "--out", out, "--no-figures", "--ignore-env"]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /samples {4}12 generated, 0 stopped at the context, 0 prompts too long/);
  assert.deepEqual(readdirSync(out).sort(), ["buggy_prompts_to_rerun.csv", "evaluation_results.csv", "evaluation_summary.json", "evaluation_summary.md", "summary.json"]);
  const text = readFileSync(join(out, "evaluation_results.csv"), "utf8");
  assert.equal(text.split("\n")[0], EVALUATION_COLUMNS.join(","));
  const rows = readEvaluationCsv(join(out, "evaluation_results.csv"));
  assert.equal(rows.length, 12);
  assert.deepEqual([...new Set(rows.map((r) => r.technique))], ["baseline", "cot", "cod"]);
  for (const r of rows) {
    assert.equal(r.attempt, 1);
    assert.equal(r.correct, !r.buggy && r.answer === r.gold);
    assert.ok(r.original_entropy >= 0 && r.original_entropy <= 1 + 1e-9, "H/ln K in [0, 1]");
    assert.ok(r.tokens <= { baseline: 6, cot: 12, cod: 8 }[r.technique]);
  }
  const summary = JSON.parse(readFileSync(join(out, "evaluation_summary.json"), "utf8"));
  assert.equal(summary.defaults_preset, "miniature");
  assert.equal(summary.provenance.library, "logitlab");
  assert.equal(summary.models[0].techniques[1].strict.n, 4);

  // Keep only two listed samples, then rerun: exactly those get a second attempt.
  const list = readFileSync(join(out, "buggy_prompts_to_rerun.csv"), "utf8").trimEnd().split("\n");
  const listed = list.length - 1;
  assert.equal(listed, rows.filter((r) => r.buggy).length);
  const { writeFileSync } = await import("node:fs");
  writeFileSync(join(out, "buggy_prompts_to_rerun.csv"), list.slice(0, 3).join("\n") + "\n");
  const second = await cli(["prompting", "--questions", "4", "--out", out, "--no-figures", "--ignore-env", "--rerun-buggy"]);
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, /rerun {6}2 of 2 listed regenerated/);
  const merged = readEvaluationCsv(join(out, "evaluation_results.csv"));
  assert.equal(merged.length, 14);
  const again = merged.filter((r) => r.attempt === 2);
  assert.equal(again.length, 2);
  for (const r of again) {
    const old = merged.find((o) => o.attempt === 1 && o.technique === r.technique && o.index === r.index)!;
    assert.equal(old.final, false);
    assert.notEqual(old.seed, r.seed, "a rerun draws with a new seed");
  }
});

test("logitlab prompting counts samples stopped at the context and prompts longer than it, and warns", { timeout: 120_000 }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-cli-prompting-")), "p");
  const cut = await cli(["prompting", "--questions", "2", "--techniques", "cot", "--cot-tokens", "40", "--out", out, "--no-figures", "--ignore-env"]);
  assert.equal(cut.code, 0, cut.err);
  assert.match(cut.err, /prompting: 2 of 2 samples stopped at the model's context before their token budget/);
  const rows = readEvaluationCsv(join(out, "evaluation_results.csv"));
  assert.deepEqual(rows.map((r) => [r.stop_reason, r.prompt_tokens + r.tokens]), [["context", 64], ["context", 64]]);
  const long = await cli(["prompting", "--questions", "2", "--techniques", "baseline", "--prompts", "data/prompts/prompting/techniques.json", "--shots", "8", "--out", out, "--no-figures", "--ignore-env"]);
  assert.equal(long.code, 0, long.err);
  assert.match(long.err, /2 of 2 prompts are longer than the model's context and were not generated/);
  const summary = JSON.parse(readFileSync(join(out, "evaluation_summary.json"), "utf8"));
  assert.equal(summary.prompt_too_long, 2);
  assert.deepEqual(summary.models[0].techniques[0].stop_reasons, { "prompt-too-long": 2 });
});

test("logitlab prompting rejects a bad technique list and a bad prompts file in one line (exit 2 / 1)", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-")), "p");
  const bad = await cli(["prompting", "--techniques", "cot,tot", "--out", out, "--ignore-env", "--quiet"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^logitlab prompting: field "PROMPTING_TECHNIQUES": needs a comma-separated list of baseline, cot, cod/);
  const file = await cli(["prompting", "--prompts", "test/fixtures/prompting/inputs/prompts-no-exemplars.json", "--out", out, "--ignore-env", "--quiet", "--no-figures"]);
  assert.equal(file.code, 1);
  assert.equal(file.err.split("\n").length, 1);
  assert.match(file.err, /prompts-no-exemplars\.json field "exemplars": needs at least one exemplar/);
});
