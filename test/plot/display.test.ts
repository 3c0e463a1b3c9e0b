// show / showTable / saveFigure without a browser: the display bundle, the fallback when Chromium is
// missing, and the one-line error. CHROMIUM_PATH points nowhere for this whole file, so nothing here
// launches a browser (the browser tests are in browser.test.ts).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  describeFigure, figureBundle, hasChromium, heatmapFigure, lineFigure, paperTheme, PLOTLY_MIME, plotlyBundle, saveFigure, saveFigureFiles, saveHtml, show,
  showTable, tokenHeatmap,
} from "../../lib/plot/index.js";
import { LogitlabError } from "../../lib/util/errors.js";
import { plotlyPath } from "../../lib/plot/browser.js";
import { exportSize } from "../../lib/plot/export.js";
import { installFakeKernel } from "./fakeKernel.js";

before(() => {
  process.env.CHROMIUM_PATH = join(tmpdir(), "logitlab-no-such-chromium");
});

test("hasChromium() is false when CHROMIUM_PATH names a missing file", () => {
  assert.equal(hasChromium(), false);
});

test("saveFigure without Chromium fails with one LogitlabError line that says how to install it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-nochrome-"));
  await assert.rejects(saveFigure(lineFigure([{ name: "a", y: [1, 2] }]), join(dir, "a.png")), (error: Error) => {
    assert.ok(error instanceof LogitlabError);
    assert.ok(!error.message.includes("\n"), "one line");
    assert.match(error.message, /^saveFigure: .*a\.png: CHROMIUM_PATH=.* does not exist; point CHROMIUM_PATH at a working Chromium or Chrome binary, or unset it/);
    return true;
  });
  assert.deepEqual(readdirSync(dir), [], "nothing is written");
});

test("saveFigure rejects an unknown extension and a bad size before touching the browser", async () => {
  const fig = lineFigure([{ name: "a", y: [1, 2] }]);
  await assert.rejects(saveFigure(fig, "/tmp/x.jpg"), /unknown figure format "\.jpg"; use \.svg, \.png or \.pdf/);
  await assert.rejects(saveFigure(fig, "/tmp/x.svg", { width: 5 }), /width 5 px is outside \[10, 20000\]/);
  await assert.rejects(saveFigure(fig, "/tmp/x.png", { scale: 0 }), /scale 0 is outside/);
});

test("show(fig) without Chromium sends the Plotly JSON and text/plain, saying why there is no image", async () => {
  const kernel = installFakeKernel();
  try {
    await show(lineFigure([{ name: "a", y: [1, 2, 3] }], { title: "<b>Loss</b>" }));
    assert.equal(kernel.messages.length, 1);
    const { data } = kernel.messages[0];
    assert.deepEqual(Object.keys(data), [PLOTLY_MIME, "text/plain"]);
    const figure = data[PLOTLY_MIME] as { data: { y: number[] }[]; layout: Record<string, unknown>; config: Record<string, unknown> };
    assert.deepEqual(figure.data[0].y, [1, 2, 3]);
    assert.equal(figure.config.displaylogo, false);
    assert.match(data["text/plain"] as string, /^Figure "Loss": scatter \(3 points\) \(no static image: CHROMIUM_PATH=.* does not exist; point CHROMIUM_PATH at/);
  } finally {
    kernel.remove();
  }
});

test("show(fig) outside a notebook prints the one-line description", async () => {
  const lines: unknown[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    await show(heatmapFigure([[1, 2], [3, 4]]), { image: "none" });
  } finally {
    console.log = log;
  }
  assert.deepEqual(lines, ["Figure: heatmap (2×2 cells)"]);
});

test("figureBundle with image 'none' holds only the Plotly JSON and the text", async () => {
  const bundle = await figureBundle(lineFigure([{ name: "a", y: [1] }]), { image: "none" });
  assert.deepEqual(Object.keys(bundle.data), [PLOTLY_MIME, "text/plain"]);
  assert.equal(bundle.data["text/plain"], "Figure: scatter (1 points)");
});

test("showTable(rows) sends escaped HTML with a text/plain fallback in one message", () => {
  const kernel = installFakeKernel();
  try {
    showTable([{ token: "<script>alert(1)</script>", p: 0.5 }], { caption: "top" });
    assert.equal(kernel.messages.length, 1);
    const { data } = kernel.messages[0];
    assert.deepEqual(Object.keys(data), ["text/html", "text/plain"]);
    assert.match(data["text/html"] as string, /<td style="text-align:left">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td>/);
    assert.ok(!(data["text/html"] as string).includes("<script>"));
    assert.equal(data["text/plain"], "top\ntoken                          p\n-------------------------  -----\n<script>alert(1)</script>  0.500");
  } finally {
    kernel.remove();
  }
});

test("describeFigure names the title and each trace's type and size", () => {
  const fig = tokenHeatmap([{ label: "a", tokens: ["x", "y"], values: [NaN, 1] }], { title: "T" });
  assert.equal(describeFigure(fig), 'Figure "T": bar (1 points), bar (1 points)');
});

test("saveHtml writes one self-contained page: plotly.js inlined, specs as escaped JSON, no network URL", async () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-html-"));
  // A title is Plotly text and is not escaped by the builder: saveHtml itself must keep it inside the JSON.
  const figs = [tokenHeatmap({ tokens: ["</script><script>alert(1)</script>"], values: [1] }), lineFigure([{ name: "a", y: [1] }], { title: "</script><!--" })];
  const path = await saveHtml(figs, join(dir, "t.html"), { title: "<T>" });
  const html = readFileSync(path, "utf8");
  assert.deepEqual(readdirSync(dir), ["t.html"]);
  assert.ok(plotlyBundle(figs).endsWith("plotly-cartesian.min.js"), "2-D figures: the cartesian bundle");
  const ours = html.replace(readFileSync(plotlyBundle(figs), "utf8"), "");
  assert.ok(ours.length < html.length - 1_000_000, "plotly.js is inlined verbatim");
  assert.ok(!/<script[^>]+src=/i.test(ours), "no external script");
  assert.ok(!/https?:/i.test(ours), "no URL outside plotly.js itself (which names one only for geo maps)");
  assert.equal((ours.match(/<\/script>/gi) ?? []).length, 4, "plotly, two specs, the loader: no data closes a script element");
  assert.ok(ours.includes("<title>&lt;T&gt;</title>"));
  assert.ok(ours.includes('"text":"\\u003c/script\\u003e\\u003c!--"'), "< in JSON is written as \\u003c");
  assert.ok(ours.includes("\\u0026lt;/script\\u0026gt;"), "the token was escaped by the builder (& then as \\u0026 in JSON)");
});

test("saveHtml inlines the full plotly.js bundle when a figure has a trace type the cartesian bundle lacks", async () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-html3d-"));
  const flat = lineFigure([{ name: "a", y: [1, 2] }]);
  const solid = { data: [{ type: "scatter3d", mode: "markers", x: [1], y: [2], z: [3] }], layout: {} } as unknown as typeof flat;
  assert.equal(plotlyBundle([flat, solid]), plotlyPath());
  const html = readFileSync(await saveHtml([flat, solid], join(dir, "t.html")), "utf8");
  assert.ok(html.includes(readFileSync(plotlyPath(), "utf8")), "the full bundle is inlined");
  assert.ok(!html.includes(readFileSync(plotlyBundle([flat]), "utf8")), "not the cartesian one");
});

test("saveFigureFiles without Chromium writes the spec JSON and HTML and lists the static files it skipped", async () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-files-"));
  const result = await saveFigureFiles(lineFigure([{ name: "a", y: [1, 2] }]), join(dir, "fig"));
  assert.deepEqual(result.written, [join(dir, "fig.json"), join(dir, "fig.html")]);
  assert.deepEqual(result.skipped, ["svg", "png", "pdf"].map((e) => join(dir, `fig.${e}`)));
  assert.match(result.reason!, /^CHROMIUM_PATH=.* does not exist; point CHROMIUM_PATH at/);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "fig.json"), "utf8")).data[0].y, [1, 2]);
});

test("export size: named paper widths, the figure's own size, and its aspect kept when only the width is given", () => {
  const plain = lineFigure([{ name: "a", y: [1, 2] }]);
  const sized = { ...plain, layout: { ...plain.layout, width: 400, height: 100 } };
  assert.deepEqual(exportSize(plain, {}, paperTheme), { width: 336, height: 252 });
  assert.deepEqual(exportSize(plain, { width: "double" }, paperTheme), { width: 672, height: 504 });
  assert.deepEqual(exportSize(sized, {}, paperTheme), { width: 400, height: 100 });
  assert.deepEqual(exportSize(sized, { width: 800 }, paperTheme), { width: 800, height: 200 });
  assert.deepEqual(exportSize(sized, { width: "single", height: 90 }, paperTheme), { width: 336, height: 90 });
  assert.throws(() => exportSize(plain, { width: "triple" as never }, paperTheme), /width "triple" is not a number, "single" or "double"/);
});
