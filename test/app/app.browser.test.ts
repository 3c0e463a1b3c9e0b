// `logitlab app` in real headless Chromium (Playwright): type a text, submit it, see the five figures;
// step a generation and see the text and figures grow by one token; a hostile text stays inert. The
// page may talk to its own server only. With no Chromium the test skips with the install hint, unless
// LOGITLAB_REQUIRE_CHROMIUM=1 (set by .ci/run), where it fails.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ready } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { CHROMIUM_HINT, withBrowser } from "../../lib/plot/browser.js";
import { closeBrowser, hasChromium } from "../../lib/plot/index.js";
import { startApp, type RunningApp } from "../../lib/app/startApp.js";
import { HOSTILE } from "../studies/interpret/hostile.js";

const root = join(import.meta.dirname, "..", "..");
const required = process.env.LOGITLAB_REQUIRE_CHROMIUM === "1";
let app: RunningApp | undefined;
let model: Awaited<ReturnType<typeof loadModel>> | undefined;

before(async () => {
  await ready();
  model = await loadModel(join(root, "data", "models", "tiny-gpt2-small"));
  app = await startApp(model, { port: 0 });
});
after(async () => {
  await app?.close();
  model?.dispose();
  await closeBrowser();
});

test("logitlab app in Chromium: type, submit, see the figures; step one token; hostile text inert", { timeout: 120_000 }, async (t) => {
  if (!hasChromium()) {
    if (required) assert.fail(`LOGITLAB_REQUIRE_CHROMIUM=1 but Chromium is missing: ${CHROMIUM_HINT}`);
    t.skip(`Chromium not found: ${CHROMIUM_HINT}`);
    return;
  }
  const url = app!.url;
  const result = await withBrowser(async ({ browser }) => {
    const context = await browser.newContext();
    const foreign: string[] = [];
    await context.route(/.*/, (route) => {
      if (route.request().url().startsWith(url)) return route.continue();
      foreign.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const plots = () => page.evaluate(() => document.querySelectorAll(".js-plotly-plot .main-svg").length);
    try {
      await page.goto(url);
      await page.fill("#text", "And God said");
      await page.click("#analyze");
      await page.waitForFunction(() => document.querySelectorAll(".js-plotly-plot").length === 5 && /predicted next/.test(document.getElementById("status")!.textContent ?? ""), undefined, { timeout: 60_000 });
      const first = { plots: await plots(), tokens: await page.locator("#tokens .token").count(), status: await page.textContent("#status") };
      const lensBefore = await page.evaluate(() => (document.getElementById("logit_lens") as unknown as { data: { z: unknown[][] }[] }).data[0].z[0].length);
      await page.click("#step");
      await page.waitForFunction((n) => document.querySelectorAll("#tokens .token").length === n + 1 && !(document.getElementById("analyze") as HTMLButtonElement).disabled, first.tokens, { timeout: 60_000 });
      const stepped = {
        tokens: await page.locator("#tokens .token").count(),
        text: await page.inputValue("#text"),
        lens: await page.evaluate(() => (document.getElementById("logit_lens") as unknown as { data: { z: unknown[][] }[] }).data[0].z[0].length),
      };
      await page.fill("#text", HOSTILE);
      await page.click("#analyze");
      await page.waitForFunction((text) => document.getElementById("current")!.textContent === text, HOSTILE, { timeout: 60_000 });
      await page.waitForTimeout(300);
      const hostile = await page.evaluate(() => ({
        injected: document.querySelectorAll("body img, body iframe, [onerror], [onload]").length,
        scripts: document.querySelectorAll("script").length,
        flag: (globalThis as unknown as { __xss?: unknown }).__xss ?? null,
        tokens: Array.from(document.querySelectorAll("#tokens .token"), (s) => s.textContent).join(""),
      }));
      return { first, lensBefore, stepped, hostile, dialogs, errors, foreign, plotsAfter: await plots() };
    } finally {
      await context.close();
    }
  }, "test");
  assert.ok(result.first.plots >= 5, `five figures drawn, got ${result.first.plots}`);
  assert.equal(result.first.tokens, 3, "And, God, said");
  assert.match(result.first.status ?? "", /^3 tokens; predicted next: /);
  assert.equal(result.stepped.tokens, 4, "one token appended");
  assert.equal(result.stepped.lens, result.lensBefore + 1, "the logit lens grew by one position");
  assert.ok(result.stepped.text.startsWith("And God said") && result.stepped.text.length > "And God said".length);
  assert.deepEqual(result.dialogs, [], "no alert() ran");
  assert.equal(result.hostile.flag, null, "no onerror handler ran");
  assert.equal(result.hostile.injected, 0, "no element was made from the text");
  assert.equal(result.hostile.scripts, 2, "only /plotly.js and /app.js");
  assert.equal(result.hostile.tokens, HOSTILE, "the tokens show the text as text");
  assert.deepEqual(result.foreign, [], "no request left the app's server");
  assert.deepEqual(result.errors, [], "no script error and no CSP violation");
});
