// Renders every builder's example figure in real headless Chromium (one browser for the whole file)
// and checks the files: SVG marks and text labels, PNG size and content, one-page vector PDF; then
// that no token string can run as script, in a live plot, an exported HTML page and a table.
// The browser is whichever export picks (CHROMIUM_PATH, the system's, the bundled @sparticuz/chromium;
// run with LOGITLAB_CHROMIUM=bundled to test the bundled one on a machine that has both). With no
// Chromium at all the tests skip with the install hint, unless LOGITLAB_REQUIRE_CHROMIUM=1 (set by
// .ci/run), where a missing browser fails them.
import { after, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import {
  closeBrowser, figureBundle, hasChromium, lineFigure, paperTheme, PLOTLY_MIME, prewarmBrowser, saveFigure, saveFigureFiles, saveHtml, show, toHtmlTable,
  tokenHeatmap,
} from "../../lib/plot/index.js";
import { CHROMIUM_HINT, plotlyPath, svgToPng, withBrowser } from "../../lib/plot/browser.js";
import { LogitlabError } from "../../lib/util/errors.js";
import { CARTESIAN_TRACE_TYPES, traceTypes } from "../../lib/plot/plotlyBundle.js";
import { examples, XSS_TOKENS } from "./examples.js";
import { installFakeKernel } from "./fakeKernel.js";
import { inspectPdf, pngDpi, pngSize } from "./inspect.js";

const required = process.env.LOGITLAB_REQUIRE_CHROMIUM === "1";
const available = hasChromium();
const out = mkdtempSync(join(tmpdir(), "logitlab-plot-"));

after(() => closeBrowser());

/** true when the test can run; otherwise skips it with the install hint (or fails when Chromium is required). */
function chromium(t: TestContext): boolean {
  if (available) return true;
  if (required) assert.fail(`LOGITLAB_REQUIRE_CHROMIUM=1 but Chromium is missing: ${CHROMIUM_HINT}`);
  t.skip(`Chromium not found: ${CHROMIUM_HINT}`);
  return false;
}

/**
 * Runs `run` on a fresh page of the shared browser that records (and dismisses) every dialog, so a
 * script smuggled in through a token shows up as a dialog; resolves to run's facts plus `dialogs`.
 */
async function inWatchedPage<R extends object>(run: (page: Page) => Promise<R>): Promise<R & { dialogs: string[] }> {
  return withBrowser(async ({ browser }) => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      return { ...(await run(page)), dialogs };
    } finally {
      await page.close();
    }
  }, "test");
}

/** Runs `fn` in the browser's plotly page (DOMParser, canvas and Plotly are there). */
function inPage<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  return withBrowser(({ plotly }) => plotly.evaluate(fn as never, arg) as Promise<R>, "test");
}

interface SvgFacts {
  counts: Record<string, number>;
  texts: string[];
  images: number;
  width: number;
  height: number;
}

async function svgFacts(svg: string, selectors: string[]): Promise<SvgFacts> {
  return inPage(({ svg, selectors }) => {
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    if (doc.querySelector("parsererror")) throw new Error("SVG does not parse");
    const root = doc.documentElement;
    return {
      counts: Object.fromEntries(selectors.map((s) => [s, doc.querySelectorAll(s).length])),
      texts: Array.from(doc.querySelectorAll("text"), (t) => t.textContent ?? ""),
      images: doc.querySelectorAll("image").length,
      width: Number(root.getAttribute("width")),
      height: Number(root.getAttribute("height")),
    };
  }, { svg, selectors });
}

/** Share of pixels that differ from the top-left (background) pixel, decoded by the browser. */
function inkShare(png: Uint8Array): Promise<number> {
  return inPage(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - data[0]) + Math.abs(data[i + 1] - data[1]) + Math.abs(data[i + 2] - data[2]) > 30) ink++;
    }
    return ink / (data.length / 4);
  }, Buffer.from(png).toString("base64"));
}

test("every builder's example spec is valid for plotly.js (Plotly.validate reports nothing)", async (t) => {
  if (!chromium(t)) return;
  for (const example of examples) {
    const fig = example.figure();
    const problems = await withBrowser(({ plotly: page }) => page.evaluate(({ data, layout }) => {
      const plotly = (globalThis as unknown as { Plotly: { validate(d: unknown, l: unknown): { msg: string }[] | undefined } }).Plotly;
      return (plotly.validate(data, layout) ?? []).map((p) => p.msg);
    }, { data: fig.data, layout: fig.layout } as never), "test", undefined, { traceTypes: traceTypes(fig) });
    assert.deepEqual(problems, [], `${example.name}: ${problems.join("; ")}`);
  }
});

for (const example of examples) {
  test(`${example.name} renders to SVG with the expected marks and text labels`, async (t) => {
    if (!chromium(t)) return;
    const fig = example.figure();
    const expected = example.expected(fig);
    const path = await saveFigure(fig, join(out, `${example.name}.svg`), { width: 500, height: 360 });
    const facts = await svgFacts(readFileSync(path, "utf8"), Object.keys(expected.counts));
    assert.deepEqual(facts.counts, expected.counts);
    for (const text of expected.texts) {
      assert.ok(facts.texts.some((s) => s.includes(text)), `${example.name}: no text element holds ${JSON.stringify(text)}`);
    }
    assert.deepEqual([facts.width, facts.height], [500, 360]);
    if (expected.images === 0) assert.equal(facts.images, 0, "a vector figure holds no raster image");
    else assert.ok(facts.images >= expected.images, `${facts.images} raster images`);
  });

  test(`${example.name} renders to a PNG of the requested pixel size that is not blank`, async (t) => {
    if (!chromium(t)) return;
    const path = await saveFigure(example.figure(), join(out, `${example.name}.png`), { width: 400, height: 300, scale: 2 });
    const png = readFileSync(path);
    assert.deepEqual(pngSize(png), { width: 800, height: 600 });
    assert.equal(Math.round(pngDpi(png)!), 192);
    const ink = await inkShare(png);
    assert.ok(ink > 0.01, `only ${(ink * 100).toFixed(2)} % of the pixels are drawn`);
  });

  test(`${example.name} renders to a valid one-page vector PDF of the requested size`, async (t) => {
    if (!chromium(t)) return;
    const fig = example.figure();
    const path = await saveFigure(fig, join(out, `${example.name}.pdf`), { width: "single", height: 240 });
    const pdf = inspectPdf(readFileSync(path));
    assert.ok(pdf.header && pdf.eof, "PDF header and %%EOF");
    assert.equal(pdf.pages, 1);
    assert.ok(pdf.mediaBox && Math.abs(pdf.mediaBox[0] - 252) < 0.5 && Math.abs(pdf.mediaBox[1] - 180) < 0.5, `MediaBox ${pdf.mediaBox} pt, expected 252 × 180`);
    assert.ok(pdf.pathOps > 10, `only ${pdf.pathOps} path operators: not vector drawing`);
    assert.ok(pdf.textOps > 0 && pdf.fonts > 0, "text is drawn as text with an embedded font");
    if (example.expected(fig).images === 0) assert.equal(pdf.images, 0, "no raster image in a vector figure");
  });
}

test("saveFigure writes atomically (no temp files left) and defaults to the paper theme at 3.5 in", async (t) => {
  if (!chromium(t)) return;
  const dir = mkdtempSync(join(tmpdir(), "logitlab-save-"));
  await saveFigure(lineFigure([{ name: "a", y: [1, 2, 3] }], { xTitle: "step" }), join(dir, "nested", "a.svg"));
  const svg = readFileSync(join(dir, "nested", "a.svg"), "utf8");
  assert.deepEqual(readdirSync(join(dir, "nested")), ["a.svg"]);
  assert.match(svg, /^<svg[^>]* width="336" height="252"/);
  assert.match(svg, /font-family: ?['"]?DejaVu Serif/);
  assert.equal(paperTheme.width, 336);
});

test("saveFigureFiles draws the PNG from the SVG in the rasterizer page: the same bytes as saveFigure's PNG (Plotly.toImage), typed arrays and NaN included", async (t) => {
  if (!chromium(t)) return;
  const dir = mkdtempSync(join(tmpdir(), "logitlab-files-"));
  const fig = lineFigure([{ name: "a", y: [1, 3, 2] }, { name: "b", y: [2, NaN, 1] }], { xTitle: "step" });
  // A typed array as plotly.js also takes it: it must reach the page as numbers.
  (fig.data[0] as unknown as { y: unknown }).y = Float64Array.of(1, 3, 2);
  const result = await saveFigureFiles(fig, join(dir, "fig"));
  assert.deepEqual(result.written, ["json", "html", "svg", "png", "pdf"].map((e) => join(dir, `fig.${e}`)));
  await saveFigure(fig, join(dir, "alone.png"));
  assert.ok(Buffer.from(readFileSync(join(dir, "fig.png"))).equals(readFileSync(join(dir, "alone.png"))), "PNG bytes equal a separate render");
  const facts = await svgFacts(readFileSync(join(dir, "fig.svg"), "utf8"), [".scatterlayer .trace"]);
  assert.equal(facts.counts[".scatterlayer .trace"], 2);
  assert.ok(pngSize(readFileSync(join(dir, "fig.png"))).width > 1000);
});

test("svgToPng rejects text that is not an SVG image with one line naming the caller", async (t) => {
  if (!chromium(t)) return;
  const error = await svgToPng("<svg><unclosed", 100, 80, 1, "saveFigure", "/tmp/x.png").then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof LogitlabError, String(error));
  assert.match(error.message, /^saveFigure: \/tmp\/x\.png: the PNG could not be drawn: .*the SVG could not be loaded as an image$/);
  assert.ok(!error.message.includes("\n"));
  const png = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="80"><rect width="50" height="40" fill="red"/></svg>', 100, 80, 2, "saveFigure");
  assert.deepEqual(pngSize(png), { width: 200, height: 160 });
});

test("CARTESIAN_TRACE_TYPES is the installed cartesian bundle's trace list, and a 3-D figure is drawn with the full bundle", async (t) => {
  if (!chromium(t)) return;
  const listed = await inPage(() => Object.keys((globalThis as unknown as { Plotly: { PlotSchema: { get(): { traces: object } } } }).Plotly.PlotSchema.get().traces), undefined);
  assert.deepEqual([...listed].sort(), [...CARTESIAN_TRACE_TYPES].sort());
  const dir = mkdtempSync(join(tmpdir(), "logitlab-3d-"));
  const solid = { data: [{ type: "scatter3d", mode: "markers", x: [1, 2], y: [2, 1], z: [3, 4] }], layout: {} } as unknown as ReturnType<typeof lineFigure>;
  const svg = readFileSync(await saveFigure(solid, join(dir, "s.svg")), "utf8");
  assert.match(svg, /^<svg/);
  const facts = await svgFacts(svg, ["image"]);
  assert.ok(facts.images >= 1, "the 3-D scene is drawn (as an image, as plotly.js draws scenes)");
});

test("concurrent exports share the browser's lanes and all finish; prewarmBrowser starts it ahead", async (t) => {
  if (!chromium(t)) return;
  await closeBrowser();
  prewarmBrowser();
  const dir = mkdtempSync(join(tmpdir(), "logitlab-lanes-"));
  const paths = Array.from({ length: 5 }, (_, i) => join(dir, `f${i}.svg`));
  await Promise.all(paths.map((path, i) => saveFigure(lineFigure([{ name: "a", y: [i, i + 1] }], { xTitle: `axis s${i}` }), path)));
  for (const [i, path] of paths.entries()) assert.ok(readFileSync(path, "utf8").includes(`s${i}`), path);
});

test("show(fig) in a tslab cell sends one bundle with the Plotly JSON, a PNG of the figure and text/plain", async (t) => {
  if (!chromium(t)) return;
  const kernel = installFakeKernel();
  try {
    await show(lineFigure([{ name: "a", y: [1, 3, 2] }], { title: "Loss" }), { width: 500, height: 300 });
    assert.equal(kernel.messages.length, 1);
    const { data, metadata } = kernel.messages[0];
    assert.deepEqual(Object.keys(data).sort(), [PLOTLY_MIME, "image/png", "text/plain"].sort());
    const plotly = data[PLOTLY_MIME] as { data: unknown[]; layout: { template?: unknown } };
    assert.equal(plotly.data.length, 1);
    assert.ok(plotly.layout.template, "the notebook theme travels with the figure");
    const png = Buffer.from(data["image/png"] as string, "base64");
    assert.deepEqual(pngSize(png), { width: 1000, height: 600 });
    assert.deepEqual(metadata["image/png"], { width: 500, height: 300 });
    assert.equal(data["text/plain"], 'Figure "Loss": scatter (3 points)');
    const svgBundle = await figureBundle(lineFigure([{ name: "a", y: [1, 2] }]), { image: "svg" });
    assert.match(svgBundle.data["image/svg+xml"] as string, /^<svg/);
  } finally {
    kernel.remove();
  }
});

const XSS_FIGURE = (): ReturnType<typeof tokenHeatmap> =>
  tokenHeatmap([{ label: XSS_TOKENS[2], tokens: ["safe", ...XSS_TOKENS], values: [-1, -2, -3, -4], ids: [1, 2, 3, 4] }]);

test("a token heatmap with <script>alert(1)</script> runs no script when plotted live and hovered, and shows the token as text", async (t) => {
  if (!chromium(t)) return;
  const result = await inWatchedPage(async (page) => {
    await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="plot"></div></body></html>');
    await page.addScriptTag({ path: plotlyPath() });
    const fig = XSS_FIGURE();
    const facts = await page.evaluate(async (spec) => {
      const plotly = (globalThis as unknown as { Plotly: { newPlot(d: unknown, a: unknown, b: unknown): Promise<unknown>; Fx: { hover(d: unknown, p: unknown): void } } }).Plotly;
      const div = document.getElementById("plot")!;
      await plotly.newPlot(div, spec.data, spec.layout);
      for (let k = 0; k < 4; k++) plotly.Fx.hover(div, [{ curveNumber: 0, pointNumber: k }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return {
        scripts: document.querySelectorAll("script").length,
        injected: div.querySelectorAll("script, img, iframe, [onerror], [onload]").length,
        text: div.textContent ?? "",
        hover: document.querySelector(".hoverlayer")?.textContent ?? "",
        flag: (globalThis as unknown as { __xss?: unknown }).__xss ?? null,
      };
    }, fig);
    await page.waitForTimeout(200);
    return facts;
  });
  assert.deepEqual(result.dialogs, [], "no alert() ran");
  assert.equal(result.flag, null, "no onerror handler ran");
  assert.equal(result.scripts, 1, "only the plotly.js script element exists");
  assert.equal(result.injected, 0, "no element was created from a token");
  for (const token of XSS_TOKENS) assert.ok(result.text.includes(token), `token ${token} is shown as text`);
  assert.ok(result.hover.includes(JSON.stringify(XSS_TOKENS[2])), `the hover shows the last hovered token as text: ${result.hover}`);
});

test("saveHtml of a token heatmap with script tokens loads in the browser, plots, and runs no token as script", async (t) => {
  if (!chromium(t)) return;
  const path = await saveHtml([XSS_FIGURE(), lineFigure([{ name: "</script><script>alert(3)</script>", y: [1, 2] }])], join(out, "xss.html"));
  const html = readFileSync(path, "utf8");
  assert.ok(!html.includes("<script>alert"), "no token appears as raw markup in the file");
  const result = await inWatchedPage(async (page) => {
    await page.goto(pathToFileURL(path).href);
    await page.waitForSelector("#figure-1 .main-svg");
    await page.waitForTimeout(200);
    return await page.evaluate(() => ({
      scripts: document.querySelectorAll("script").length,
      plots: document.querySelectorAll(".js-plotly-plot").length,
      text: document.body.textContent ?? "",
      flag: (globalThis as unknown as { __xss?: unknown }).__xss ?? null,
    }));
  });
  assert.deepEqual(result.dialogs, []);
  assert.equal(result.flag, null);
  assert.equal(result.scripts, 4, "plotly.js, two JSON specs, the loader");
  assert.equal(result.plots, 2);
  for (const token of XSS_TOKENS) assert.ok(result.text.includes(token), `token ${token} is shown as text`);
});

test("toHtmlTable (showTable's HTML) shows script-like cells as text without running them", async (t) => {
  if (!chromium(t)) return;
  const html = toHtmlTable(XSS_TOKENS.map((token, i) => ({ token, "<th>": i })), { caption: "<script>alert(4)</script>" });
  const result = await inWatchedPage(async (page) => {
    await page.setContent(`<!DOCTYPE html><html><body>${html}</body></html>`);
    await page.waitForTimeout(200);
    return await page.evaluate(() => ({
      cells: Array.from(document.querySelectorAll("td, th, caption"), (c) => c.textContent),
      elements: document.querySelectorAll("script, img, svg").length,
      flag: (globalThis as unknown as { __xss?: unknown }).__xss ?? null,
    }));
  });
  assert.deepEqual(result.dialogs, []);
  assert.equal(result.flag, null);
  assert.equal(result.elements, 0);
  assert.deepEqual(result.cells, ["<script>alert(4)</script>", "token", "<th>", ...XSS_TOKENS.flatMap((token, i) => [token, String(i)])]);
});
