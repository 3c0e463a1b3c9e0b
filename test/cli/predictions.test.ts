// `logitlab predictions`: registered in the CLI, --help generated from its options, a run on the
// bundled defaults writes token_logprobs.csv and the summaries, and a too-long text exits 2 in one line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { studies } from "../../lib/cli/studies.js";
import { predictionsStudy } from "../../lib/studies/predictions/predictionsStudy.js";
import { cli } from "./support.js";

test("the CLI's study registry holds the predictions study object", () => {
  assert.ok(studies.includes(predictionsStudy as never));
});

test("logitlab predictions --help lists --model, --text and --out with their environment names", async () => {
  const { code, out } = await cli(["predictions", "--help"]);
  assert.equal(code, 0);
  assert.ok(out.startsWith("usage: logitlab predictions [options]"));
  for (const option of predictionsStudy.options) assert.ok(out.includes(`--${option.flag}`) && out.includes(`[${option.env}]`), option.flag);
});

test("logitlab predictions --model A --model B writes token_logprobs.csv with index, token, id and per-model columns", { timeout: 120_000 }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-cli-predictions-")), "p");
  const { code, out: stdout } = await cli(["predictions", "--model", "data/models/tiny-gpt2-small", "--model", "data/models/tiny-gpt2-large", "--out", out, "--no-figures", "--ignore-env"]);
  assert.equal(code, 0);
  assert.match(stdout, /pearson r/);
  assert.deepEqual(readdirSync(out).sort(), ["summary.json", "summary.md", "token_logprobs.csv"]);
  const header = readFileSync(join(out, "token_logprobs.csv"), "utf8").split("\n")[0];
  assert.equal(header, "index,token,id," + ["tiny-gpt2-small", "tiny-gpt2-large"].flatMap((m) => [`${m}_logprob`, `${m}_rank`, `${m}_entropy`]).join(","));
});

test("logitlab predictions --text <too long> exits 2 with one line naming the file and the 64-token context", { timeout: 60_000 }, async () => {
  const { code, err } = await cli(["predictions", "--text", "test/fixtures/predictions/too-long.txt", "--out", join(mkdtempSync(join(tmpdir(), "logitlab-")), "p"), "--no-figures", "--quiet", "--ignore-env"]);
  assert.equal(code, 2);
  assert.equal(err.split("\n").length, 1);
  assert.match(err, /too-long\.txt.*context of 64 tokens/);
});
