// `logitlab reasoning-words`: registered in the CLI; a run on the bundled stand-in models (a 3-sample
// data file, to stay fast) writes every output; the per-model cache is reused, and invalidated when
// the data or a setting changes or with --force; the dashboard opens from disk in headless Chromium
// with no console error and draws every figure (skips without Chromium unless LOGITLAB_REQUIRE_CHROMIUM=1).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { studies } from "../../lib/cli/studies.js";
import { reasoningWordsStudy } from "../../lib/studies/reasoningWords/reasoningWordsStudy.js";
import { closeBrowser, hasChromium } from "../../lib/plot/index.js";
import { CHROMIUM_HINT, withBrowser } from "../../lib/plot/browser.js";
import { cli } from "./support.js";

const root = join(import.meta.dirname, "..", "..");
const small = join(root, "test", "fixtures", "reasoningWords", "small.jsonl");
const dir = mkdtempSync(join(tmpdir(), "logitlab-cli-rw-"));
const out = join(dir, "rw");
after(() => closeBrowser());

test("the CLI's registry holds the reasoning-words study, and --help lists every option", async () => {
  assert.ok(studies.includes(reasoningWordsStudy as never));
  const { code, out: help } = await cli(["reasoning-words", "--help"]);
  assert.equal(code, 0);
  for (const option of reasoningWordsStudy.options) assert.ok(help.includes(`--${option.flag}`) && help.includes(`[${option.env}]`), option.flag);
  assert.ok(help.includes("--force"));
});

test("logitlab reasoning-words on the bundled stand-ins writes every output, with n in every aggregate", { timeout: 600_000 }, async () => {
  const { code, out: stdout, err } = await cli(["reasoning-words", "--data", small, "--out", out, "--no-figures", "--ignore-env"]);
  assert.equal(code, 0, err);
  assert.match(stdout, /baseline .*3 scored, mean entropy/);
  assert.deepEqual(readdirSync(out).sort(), ["analysis_results.json", "cache", "dashboard.html", "per_position.csv", "summary.json", "word_tokens.csv"]);
  const results = JSON.parse(readFileSync(join(out, "analysis_results.json"), "utf8"));
  assert.deepEqual(results.models.map((m: { role: string }) => m.role), ["baseline", "sft"]);
  for (const model of results.models) {
    assert.equal(model.samples, 3);
    assert.equal(model.perWord.wait.occurrence.n, 1);
    assert.equal(model.perWord.so.propensityExact.n, 3);
    assert.equal(model.byCorrectness.so.incorrect.propensityFirstToken.n, 1);
    assert.equal(model.alongAnswer.anyWord.length, 20);
    assert.ok(model.forkingThreshold > 0);
  }
  assert.deepEqual(results.labels.map((l: { source: string; correct: number; incorrect: number }) => [l.source, l.correct, l.incorrect]), [["data", 2, 1], ["data", 2, 1]]);
  const csv = readFileSync(join(out, "per_position.csv"), "utf8").split("\n");
  assert.match(csv[0], /^model,sample,level,correct,position,normalized_position,token_id,entropy,forking,logprob,wait_propensity_exact,wait_propensity_first_token,wait_occurrence_probability,/);
  assert.equal(readdirSync(join(out, "cache")).length, 2);
});

test("the cache is reused, and invalidated by a changed data file, a changed setting and --force", { timeout: 600_000 }, async () => {
  const cached = await cli(["reasoning-words", "--data", small, "--out", out, "--no-figures", "--ignore-env"]);
  assert.equal(cached.code, 0, cached.err);
  assert.match(cached.out, /baseline .*3 scored \(cached\)/);
  assert.match(cached.out, /sft .*3 scored \(cached\)/);
  const changed = join(dir, "changed.jsonl");
  copyFileSync(small, changed);
  appendFileSync(changed, '{"query":"What is 1 + 1?","answer":"So 2. \\\\boxed{2}","level":1,"correct":true}\n');
  const newData = await cli(["reasoning-words", "--data", changed, "--out", out, "--no-figures", "--ignore-env", "--propensity", "firstTokenOnly"]);
  assert.equal(newData.code, 0, newData.err);
  assert.match(newData.out, /baseline .*4 scored, /);
  const newSetting = await cli(["reasoning-words", "--data", small, "--out", out, "--no-figures", "--ignore-env", "--propensity", "firstTokenOnly"]);
  assert.match(newSetting.out, /baseline .*3 scored, /);
  assert.equal(readdirSync(join(out, "cache")).length, 6);
  const again = await cli(["reasoning-words", "--data", small, "--out", out, "--no-figures", "--ignore-env", "--propensity", "firstTokenOnly"]);
  assert.match(again.out, /baseline .*3 scored \(cached\)/);
  const forced = await cli(["reasoning-words", "--data", small, "--out", out, "--no-figures", "--ignore-env", "--propensity", "firstTokenOnly", "--force"]);
  assert.match(forced.out, /baseline .*3 scored, /);
});

test("dashboard.html opens from disk in headless Chromium with no console error and draws every figure", { timeout: 120_000 }, async (t) => {
  if (!hasChromium()) {
    if (process.env.LOGITLAB_REQUIRE_CHROMIUM === "1") assert.fail(`LOGITLAB_REQUIRE_CHROMIUM=1 but Chromium is missing: ${CHROMIUM_HINT}`);
    t.skip(`Chromium not found: ${CHROMIUM_HINT}`);
    return;
  }
  const html = readFileSync(join(out, "dashboard.html"), "utf8");
  const expected = (html.match(/<script type="application\/json" id="[^"]*-spec">/g) ?? []).length;
  assert.equal(expected, 7);
  const facts = await withBrowser(async ({ browser }) => {
    const context = await browser.newContext();
    const requests: string[] = [];
    await context.route(/^(https?|wss?|ftp):/i, (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    try {
      await page.goto(pathToFileURL(join(out, "dashboard.html")).href, { waitUntil: "load" });
      await page.waitForFunction((n) => document.querySelectorAll(".figure .main-svg").length >= n, expected, { timeout: 60_000 });
      const drawn = await page.evaluate(() => Array.from(document.querySelectorAll(".figure")).map((div) => div.querySelectorAll(".main-svg").length > 0 && div.querySelector(".plot-container") !== null));
      const tables = await page.evaluate(() => document.querySelectorAll("table").length);
      return { errors, drawn, tables, requests };
    } finally {
      await context.close();
    }
  }, "test");
  assert.deepEqual(facts.errors, []);
  assert.deepEqual(facts.requests, []);
  assert.equal(facts.drawn.length, expected);
  assert.ok(facts.drawn.every(Boolean), JSON.stringify(facts.drawn));
  assert.equal(facts.tables, 2);
});
