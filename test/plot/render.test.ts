// The export thread (lib/plot/render.ts): the same results as on the main thread, errors rebuilt as
// their classes, and a thread that dies fails its calls with one line and is replaced.
import { after, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_HINT, ChromiumMissingError, hasChromium } from "../../lib/plot/browser.js";
import { lineFigure } from "../../lib/plot/index.js";
import { closeBrowser, renderSvg, svgToPdf, svgToPng } from "../../lib/plot/render.js";
import { saveFigure } from "../../lib/plot/export.js";
import { LogitlabError } from "../../lib/util/errors.js";

const scratch = mkdtempSync(join(tmpdir(), "logitlab-render-"));
after(async () => {
  await closeBrowser();
  rmSync(scratch, { recursive: true, force: true });
});

function chromium(t: TestContext): boolean {
  if (hasChromium()) return true;
  if (process.env.LOGITLAB_REQUIRE_CHROMIUM === "1") assert.fail(`LOGITLAB_REQUIRE_CHROMIUM=1 but Chromium is missing: ${CHROMIUM_HINT}`);
  t.skip(`Chromium not found: ${CHROMIUM_HINT}`);
  return false;
}

const FIGURE = () => lineFigure([{ name: "a", y: [1, 3, 2] }], { title: "thread", xTitle: "step" });

/** Runs `task` with LOGITLAB_BROWSER_THREAD set to `mode` (unset for the default, the worker). */
async function withMode<T>(mode: string | undefined, task: () => Promise<T>): Promise<T> {
  const saved = process.env.LOGITLAB_BROWSER_THREAD;
  if (mode === undefined) delete process.env.LOGITLAB_BROWSER_THREAD;
  else process.env.LOGITLAB_BROWSER_THREAD = mode;
  try {
    return await task();
  } finally {
    if (saved === undefined) delete process.env.LOGITLAB_BROWSER_THREAD;
    else process.env.LOGITLAB_BROWSER_THREAD = saved;
  }
}

test("the export thread gives the same SVG, PNG and PDF pages as the main thread", async (t) => {
  if (!chromium(t)) return;
  const render = async () => {
    const svg = await renderSvg(FIGURE(), 300, 200, "test");
    return { svg, png: Buffer.from(await svgToPng(svg, 300, 200, 2, "test")), pdf: Buffer.from(await svgToPdf(svg, 300, 200, "test")) };
  };
  const worker = await withMode(undefined, render);
  const main = await withMode("main", render);
  // plotly.js names each plot's clip paths and traces with random hex ids; everything else is equal.
  const ids = (svg: string) => svg.replace(/(defs-|clip|trace)[0-9a-f]{6}/g, "$1_");
  assert.ok(ids(worker.svg) === ids(main.svg), "same SVG but for plotly.js's random ids");
  assert.ok(worker.png.equals(main.png), "PNG bytes equal");
  assert.equal(worker.pdf.subarray(0, 5).toString("latin1"), "%PDF-");
  assert.equal(main.pdf.subarray(0, 5).toString("latin1"), "%PDF-");
  await closeBrowser();
});

test("an error in the export thread comes back as its class, with the caller's context and file", async () => {
  const saved = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = join(scratch, "no-such-chrome"); // the thread shares this process's environment
  try {
    const error = await renderSvg(FIGURE(), 300, 200, "saveFigure", "/tmp/x.svg").then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ChromiumMissingError, String(error));
    assert.equal(error.context, "saveFigure");
    assert.equal(error.file, "/tmp/x.svg");
    assert.match(error.message, /^saveFigure: \/tmp\/x\.svg: CHROMIUM_PATH=.*no-such-chrome does not exist/);
  } finally {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  }
});

test("an export thread that dies fails its pending call with one line, and the next call starts a new one", async (t) => {
  if (!chromium(t)) return;
  await closeBrowser();
  process.env.LOGITLAB_TEST_RENDER_THREAD_EXIT = "1";
  let error: unknown;
  try {
    error = await renderSvg(FIGURE(), 300, 200, "test").then(() => undefined, (e: unknown) => e);
  } finally {
    delete process.env.LOGITLAB_TEST_RENDER_THREAD_EXIT;
  }
  assert.ok(error instanceof LogitlabError, String(error));
  assert.equal(error.message, "plot: the figure export thread stopped: exit code 3");
  const path = await saveFigure(FIGURE(), join(scratch, "after.svg"));
  assert.match(readFileSync(path, "utf8"), /^<svg/);
  await closeBrowser();
});
