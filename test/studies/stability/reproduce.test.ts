// `logitlab reproduce` runs the stability study on the bundled example into <out>/stability.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { studies } from "../../../lib/studies/registry.js";

test("the stability study is registered and reproduces the bundled example into <out>/stability", { timeout: 180_000 }, async () => {
  const study = studies.find((s) => s.name === "stability");
  assert.ok(study, "stability is in lib/studies/registry.ts");
  const out = mkdtempSync(join(tmpdir(), "logitlab-reproduce-"));
  const before = process.env.K;
  process.env.K = "2"; // reproduce ignores the environment: the bundled defaults (K = 5) hold
  try {
    await study.reproduce(out);
  } finally {
    if (before === undefined) delete process.env.K;
    else process.env.K = before;
  }
  const summary = JSON.parse(readFileSync(join(out, "stability", "summary.json"), "utf8"));
  assert.equal(summary.config.k, 5);
  assert.equal(summary.files.matched, 20);
  assert.deepEqual(summary.files.invalid, []);
  const files = readdirSync(join(out, "stability"));
  for (const name of ["summary.md", "per_file.csv", "per_step.csv", "epsilon_histogram.json", "margin_distribution.html"]) {
    assert.ok(files.includes(name), name);
  }
});
