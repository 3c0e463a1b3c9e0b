// `logitlab correlation`: registered in the CLI, --help from its options, a small run on the bundled
// models and prompt samples writes every output, a re-run takes the cells from the cache (--force
// regenerates them), --parquet writes steps.parquet, and bad inputs (a dataset with rejected rows, a too-long prompt, a dataset that
// cannot be read) are one warning line each while the run goes on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { studies } from "../../lib/cli/studies.js";
import { correlationStudy } from "../../lib/studies/correlation/correlationStudy.js";
import { parquetReadObjects } from "hyparquet";
import { cli } from "./support.js";

const small = ["--prompts", "2", "--max-tokens", "5", "--bootstrap", "20", "--no-figures", "--ignore-env"];

test("the CLI's study registry holds the correlation study; --help lists every option with its environment name", async () => {
  assert.ok(studies.includes(correlationStudy as never));
  const { code, out } = await cli(["correlation", "--help"]);
  assert.equal(code, 0);
  for (const option of correlationStudy.options) assert.ok(out.includes(`--${option.flag}`) && out.includes(`[${option.env}]`), option.flag);
  assert.ok(out.includes("--force"));
});

test("logitlab correlation on the bundled models writes the grid's files; a re-run uses the cache unless --force", { timeout: 240_000 }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-cli-correlation-")), "c");
  const args = ["correlation", "--model", "data/models/tiny-llama", "--model", "data/models/tiny-gpt2-small", "--dataset", "data/prompts/gsm8k", "--dataset", "data/prompts/xsum", "--out", out, ...small];
  const first = await cli(args);
  assert.equal(first.code, 0, first.err);
  assert.equal(first.out.split("\n").filter((l) => / × /.test(l)).length, 4);
  assert.deepEqual(readdirSync(out).sort(), ["cache", "correlation_stats.csv", "correlation_stats.tex", "fits.csv", "per_prompt_r.csv", "summary.json", "summary.md", "tiny-gpt2-small", "tiny-llama"]);
  assert.deepEqual(readdirSync(join(out, "tiny-llama")).sort(), ["gsm8k", "xsum"]);
  const steps = readFileSync(join(out, "tiny-llama", "gsm8k", "steps.csv"), "utf8").trim().split("\n");
  assert.equal(steps[0], "prompt,step,token_id,nucleus_entropy,full_entropy,cosine,nucleus_size,truncated,covered_mass,nucleus_covered");
  assert.equal(steps.length, 1 + 2 * 5);
  const prompts = readFileSync(join(out, "tiny-llama", "gsm8k", "prompts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(prompts.map((p) => [p.prompt, p.steps, p.stop_reason, p.seed]), [[0, 5, "maxTokens", 0], [1, 5, "maxTokens", 1]]);
  assert.ok(prompts[0].token_ids.length > 0);
  const stats = readFileSync(join(out, "correlation_stats.csv"), "utf8").trim().split("\n");
  assert.equal(stats.length, 1 + 4 * 2);
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  assert.equal(summary.provenance.library, "logitlab");
  assert.ok(summary.cells.every((c: { cached: boolean }) => !c.cached));
  assert.equal(readdirSync(join(out, "cache")).length, 4);

  const second = await cli(args);
  assert.equal(second.code, 0, second.err);
  assert.equal(second.out.split("\n").filter((l) => /\(cached\)/.test(l)).length, 4);
  assert.equal(readFileSync(join(out, "tiny-llama", "gsm8k", "steps.csv"), "utf8").trim().split("\n").length, steps.length, "the cached cell writes the same steps");
  const forced = await cli([...args, "--force"]);
  assert.equal(forced.code, 0, forced.err);
  assert.equal(forced.out.split("\n").filter((l) => /\(cached\)/.test(l)).length, 0);
});

test("bad inputs are one warning line each and the run goes on", { timeout: 120_000 }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-cli-correlation-")), "c");
  const { code, err, out: stdout } = await cli(["correlation", "--model", "data/models/tiny-gpt2-small", "--dataset", "test/fixtures/correlation/bad", "--dataset", "test/fixtures/correlation/not-parquet.parquet", "--dataset", "test/fixtures/correlation/too-long.jsonl", "--out", out, "--parquet", ...small.map((a) => (a === "2" ? "3" : a))]);
  assert.equal(code, 0, err);
  assert.match(err, /bad\/test\.jsonl line 2: is not JSON/);
  assert.match(err, /not-parquet\.parquet: is not a Parquet file .*; dataset skipped/);
  assert.match(err, /tiny-gpt2-small × too-long prompt 1: the prompt has \d+ tokens but .* holds 64; shorten the prompt; skipped/);
  assert.equal(stdout.split("\n").filter((l) => / × /.test(l)).length, 2);
  const prompts = readFileSync(join(out, "tiny-gpt2-small", "too-long", "prompts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(prompts.map((p) => p.stop_reason), ["maxTokens", "error", "maxTokens"]);
  // --parquet: steps.parquet beside steps.csv, the same rows (read back with hyparquet).
  const csv = readFileSync(join(out, "tiny-gpt2-small", "too-long", "steps.csv"), "utf8").trim().split("\n");
  const bytes = readFileSync(join(out, "tiny-gpt2-small", "too-long", "steps.parquet"));
  const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
  assert.equal(rows.length, csv.length - 1);
  assert.deepEqual(Object.keys(rows[0]), csv[0].split(","));
  const first = csv[1].split(",");
  assert.deepEqual([rows[0].prompt, rows[0].token_id, rows[0].nucleus_entropy, rows[0].truncated], [Number(first[0]), Number(first[2]), Number(first[3]), false]);
});
