// `logitlab reproduce` drives the registered study objects (lib/cli/studies.ts) on their bundled
// defaults: the stability study into <out>/stability and every other registered study beside it, environment ignored.
// (With the correlation study registered the run took 176 s on the shared 2-core machine at load average 19: the timeout leaves room.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { studies } from "../../lib/cli/studies.js";
import { stabilityStudy } from "../../lib/studies/stability/stabilityStudy.js";
import { cli } from "./support.js";

test("the CLI's study registry holds the stability study object", () => {
  assert.ok(studies.includes(stabilityStudy as never), "stability is in lib/cli/studies.ts");
});

test("logitlab reproduce runs the stability study on the bundled example into <out>/stability", { timeout: 900_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), "logitlab-reproduce-"));
  const before = process.env.K;
  process.env.K = "2"; // reproduce ignores the environment: the bundled defaults (K = 5) hold
  let code: number;
  try {
    ({ code } = await cli(["reproduce", "--out", out]));
  } finally {
    if (before === undefined) delete process.env.K;
    else process.env.K = before;
  }
  assert.equal(code, 0);
  const summary = JSON.parse(readFileSync(join(out, "stability", "summary.json"), "utf8"));
  assert.equal(summary.config.k, 5);
  assert.equal(summary.files.matched, 20);
  assert.deepEqual(summary.files.invalid, []);
  const files = readdirSync(join(out, "stability"));
  for (const name of ["summary.md", "summary.tex", "per_file.csv", "per_step.csv", "epsilon_histogram.json", "margin_distribution.html"]) {
    assert.ok(files.includes(name), name);
  }
  // Every study goes where a plain `logitlab <study>` puts it: the last part of its default --out.
  assert.deepEqual(readdirSync(out).sort(), ["correlation", "interpretability", "prompting", "reasoning-words", "stability", "token-predictions"]);
  assert.ok(readdirSync(join(out, "token-predictions")).includes("token_logprobs.csv"));
  const correlation = readdirSync(join(out, "correlation"));
  for (const name of ["correlation_stats.csv", "correlation_stats.tex", "fits.csv", "summary.json", "correlation.json", "tiny-llama", "tiny-gpt2-small", "cache"]) {
    assert.ok(correlation.includes(name), `correlation/${name}`);
  }
  for (const name of ["evaluation_results.csv", "buggy_prompts_to_rerun.csv", "evaluation_summary.json", "accuracy.json", "uncertainty_violins.json", "entropy_cosine.json"]) {
    assert.ok(readdirSync(join(out, "prompting")).includes(name), `prompting/${name}`);
  }
  assert.ok(readdirSync(join(out, "interpretability")).includes("interpret.html"));
});
