// The page `logitlab interpret` writes, opened in real headless Chromium: hostile text stays inert
// (no dialog, no handler, no element made from it, shown as text), every figure is drawn under the
// page's Content-Security-Policy, and the page asks the network for nothing. With no Chromium the
// test skips with the install hint, unless LOGITLAB_REQUIRE_CHROMIUM=1 (set by .ci/run), where it fails.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ready } from "../../../lib/backend/backend.js";
import { CHROMIUM_HINT, withBrowser } from "../../../lib/plot/browser.js";
import { closeBrowser, hasChromium } from "../../../lib/plot/index.js";
import { runStudy } from "../../../lib/studies/runStudy.js";
import { interpretStudy } from "../../../lib/studies/interpret/interpretStudy.js";
import { resolveInterpretConfig } from "../../../lib/studies/interpret/resolveInterpretConfig.js";
import { HOSTILE } from "./hostile.js";

const root = join(import.meta.dirname, "..", "..", "..");
const required = process.env.LOGITLAB_REQUIRE_CHROMIUM === "1";

before(async () => {
  await ready();
});
after(() => closeBrowser());

test("interpret.html holds hostile text inert in headless Chromium, draws all five figures offline", async (t) => {
  if (!hasChromium()) {
    if (required) assert.fail(`LOGITLAB_REQUIRE_CHROMIUM=1 but Chromium is missing: ${CHROMIUM_HINT}`);
    t.skip(`Chromium not found: ${CHROMIUM_HINT}`);
    return;
  }
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-interpret-page-")), "run");
  const model = join(root, "data", "models", "tiny-gpt2-small");
  await runStudy(interpretStudy, resolveInterpretConfig({ model, text: HOSTILE, out }), { progress: "silent", figures: false });
  const result = await withBrowser(async ({ browser }) => {
    const context = await browser.newContext();
    const requests: string[] = [];
    const dialogs: string[] = [];
    const errors: string[] = [];
    context.on("request", (request) => {
      if (!request.url().startsWith("file:") && !/^(data|blob):/.test(request.url())) requests.push(request.url());
    });
    const page = await context.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    try {
      await page.goto(pathToFileURL(join(out, "interpret.html")).href);
      await page.waitForFunction(() => document.querySelectorAll(".js-plotly-plot .main-svg").length >= 5, undefined, { timeout: 30_000 });
      // Hover every token of the saliency rows and every lens cell's neighbourhood: hover text is markup too.
      const box = await page.locator("#saliency .nsewdrag").first().boundingBox();
      if (box) for (let x = 5; x < box.width; x += 25) await page.mouse.move(box.x + x, box.y + box.height / 2);
      await page.waitForTimeout(200);
      return {
        requests, dialogs, errors,
        ...(await page.evaluate(() => ({
          plots: document.querySelectorAll(".js-plotly-plot").length,
          scripts: document.querySelectorAll("script").length,
          injected: document.querySelectorAll("body img, body iframe, [onerror], [onload]").length,
          text: document.getElementById("text")?.textContent ?? "",
          body: document.body.textContent ?? "",
          flag: (globalThis as unknown as { __xss?: unknown }).__xss ?? null,
        }))),
      };
    } finally {
      await context.close();
    }
  }, "test");
  assert.deepEqual(result.dialogs, [], "no alert() ran");
  assert.equal(result.flag, null, "no onerror handler ran");
  assert.equal(result.injected, 0, "no element was made from the text");
  assert.equal(result.plots, 5, "next_token, attention_mean, attention_grid, saliency, logit_lens");
  assert.equal(result.scripts, 7, "plotly.js, five JSON specs, the drawing script");
  assert.equal(result.text, HOSTILE, "the text is shown as text, character for character");
  assert.deepEqual(result.requests, [], "the page asks the network for nothing");
  assert.deepEqual(result.errors, [], "no script error and no Content-Security-Policy violation");
});
