// The interpretability study end to end on the bundled tiny GPT-2 (no figures: the page and the
// tables), and the settings it must refuse (committed config files in test/fixtures/interpret/rejected).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ready } from "../../../lib/backend/backend.js";
import { runStudy } from "../../../lib/studies/runStudy.js";
import { interpretStudy } from "../../../lib/studies/interpret/interpretStudy.js";
import { resolveInterpretConfig } from "../../../lib/studies/interpret/resolveInterpretConfig.js";
import { analyzeInterpret } from "../../../lib/studies/interpret/analyzeInterpret.js";

const root = join(import.meta.dirname, "..", "..", "..");
const small = join(root, "data", "models", "tiny-gpt2-small");
const rejected = join(root, "test", "fixtures", "interpret", "rejected");
import { HOSTILE } from "./hostile.js";

before(async () => {
  await ready();
});

test("interpret writes the page and the tables; hostile text appears only escaped in the page", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-interpret-")), "run");
  const run = await runStudy(interpretStudy, resolveInterpretConfig({ model: small, text: HOSTILE, out }), { progress: "silent", figures: false });
  assert.deepEqual(run.written.map((p) => p.slice(out.length + 1)).sort(), ["interpret.html", "summary.json", "summary.md", "tokens.csv"]);
  const html = readFileSync(join(out, "interpret.html"), "utf8");
  assert.ok(!/<script>alert|<img src=x/i.test(html), "no piece of the text is raw markup in the page");
  assert.ok(html.includes("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "the text is shown escaped");
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  assert.equal(summary.text, HOSTILE);
  assert.equal(summary.provenance.library, "logitlab");
  assert.equal(summary.next_tokens.length, 10);
  const csvText = readFileSync(join(out, "tokens.csv"), "utf8");
  const csv = csvText.split("\n");
  assert.ok(csvText.includes(`\n${summary.tokens - 1},`) && !csvText.includes(`\n${summary.tokens},`), "one row per token (a lens token may be a quoted newline, so rows are not lines)");
  assert.match(csv[0], /^index,token,id,logit_sum_saliency,grad_norm,input_x_gradient,attention_importance,lens_layer0_token,lens_layer0_prob,lens_layer1_token,lens_layer1_prob$/);
});

test("interpret refuses an empty text, one past the context, one too long, a NUL and top-k 0 (committed config files)", async () => {
  await assert.rejects(analyzeInterpret(resolveInterpretConfig({ model: small, text: "   " })), /interpret: field "text": the text is empty|the text is empty/);
  await assert.rejects(analyzeInterpret(resolveInterpretConfig({ model: small, text: "And God said ".repeat(40) })), /the text is \d+ tokens but the model's context is 64; shorten it/);
  assert.throws(() => resolveInterpretConfig({ model: small, text: "a".repeat(4001) }), /the text is 4001 characters; at most 4000 are accepted/);
  assert.throws(() => resolveInterpretConfig({}, { configFile: join(rejected, "nul-text.json") }), /the text holds a NUL character.*character 17|character 17.*NUL/);
  assert.throws(() => resolveInterpretConfig({}, { configFile: join(rejected, "top-k-zero.json") }), /TOP_K/);
});
