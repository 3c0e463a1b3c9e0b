import { test } from "node:test";
import assert from "node:assert/strict";
import {
  boxFigure, colorAt, colorScale, escapeHtml, heatmapFigure, histogramFigure, lineFigure, notebookTheme, paperTheme, scatter3dFigure,
  scatterFigure, smallMultiples, tokenHeatmap, violinFigure, visibleToken, withTheme, type PlotlyLayout, type PlotlyTrace,
} from "../../lib/plot/index.js";
import { LogitlabError } from "../../lib/util/errors.js";
import { seededNormals } from "../../lib/util/seededRandom.js";
import { examples, XSS_TOKENS } from "./examples.js";
import { matchSnapshot } from "./snapshot.js";

for (const example of examples) {
  test(`${example.name} example spec matches its snapshot (numbers rounded to 3 decimals)`, (t) => {
    const fig = example.figure();
    // A spec is plain JSON: no typed arrays, functions or undefined survive a round trip unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(fig)), JSON.parse(JSON.stringify(fig, (_, v) => (ArrayBuffer.isView(v) ? "typed" : v))));
    if (matchSnapshot(example.name, fig) === "written") t.diagnostic(`wrote snapshot ${example.name}.json`);
  });
}

const traceOf = (fig: { data: PlotlyTrace[] }, name: string): PlotlyTrace => {
  const trace = fig.data.find((t) => t.name === name);
  assert.ok(trace, `no trace named ${name}`);
  return trace;
};

test("scatterFigure(x, y) rejects x and y of different lengths with a LogitlabError naming both", () => {
  assert.throws(() => scatterFigure([1, 2], [1]), (e: Error) => e instanceof LogitlabError && /x and y must have the same length, got 2 and 1/.test(e.message));
});

test("scatterFigure(x, y) takes typed arrays and writes non-finite values as gaps (null)", () => {
  const fig = scatterFigure(new Float32Array([1, NaN, 3]), new Float64Array([1, 2, Infinity]));
  assert.deepEqual(fig.data[0].x, [1, null, 3]);
  assert.deepEqual(fig.data[0].y, [1, 2, null]);
});

test("scatterFigure escapes point labels and trace names, and prints r with a true minus sign", () => {
  const fig = scatterFigure([1, 2], [2, 1], { labels: ["<b>a</b>", "x&y"], name: "<i>", r: -0.5 });
  assert.deepEqual(fig.data[0].hovertext, ["&lt;b&gt;a&lt;/b&gt;", "x&amp;y"]);
  assert.equal(fig.data[0].name, "&lt;i&gt;");
  assert.equal((fig.layout.annotations as PlotlyLayout[])[0].text, "r = \u22120.500");
});

test("scatterFigure identity line spans the joint range of x and y; a fit function is drawn at 101 points", () => {
  const fig = scatterFigure([1, 2, 3], [0.5, 2, 4], { identityLine: true, fit: (v) => 2 * v });
  assert.deepEqual(traceOf(fig, "y = x").x, [0.5, 4]);
  const fit = traceOf(fig, "fit");
  assert.equal((fit.x as number[]).length, 101);
  assert.deepEqual([(fit.x as number[])[0], (fit.x as number[])[100], (fit.y as number[])[100]], [1, 3, 6]);
});

test("scatterFigure density 'points' colours each point by its local density and draws the densest last", () => {
  const x = seededNormals(500, 1);
  const fig = scatterFigure(x, x.map((v) => -v), { density: "points", gridSize: 10 });
  const colors = (fig.data[0].marker as { color: number[] }).color;
  assert.equal(colors.length, 500);
  assert.ok(colors.every((c, i) => i === 0 || c >= colors[i - 1]), "colours ascend");
  assert.ok(colors[499] > colors[0]);
});

test("scatterFigure hexbin counts every usable point once and leaves out non-positive values on log axes", () => {
  const x = seededNormals(5000, 2).map(Math.exp);
  const y = x.map((v, i) => (i % 100 === 0 ? -1 : v));
  const fig = scatterFigure(x, y, { density: "hexbin", gridSize: 10, logX: true, logY: true });
  const bins = traceOf(fig, "bins");
  const counts = bins.customdata as number[];
  assert.equal(counts.reduce((a, b) => a + b, 0), 5000 - 50);
  assert.ok(fig.data.filter((t) => t.fill === "toself").length <= 16);
  // One hexagon (7 corners) per bin, separated by nulls, across the fill traces.
  const corners = fig.data.filter((t) => t.fill === "toself").reduce((n, t) => n + (t.x as unknown[]).filter((v) => v !== null).length, 0);
  assert.equal(corners, 7 * counts.length);
});

test("scatterFigure hexbin of 10^6 points gives a spec whose size depends on the bins, not on the points", () => {
  const x = seededNormals(1_000_000, 9);
  const fig = scatterFigure(x, x.map((v, i) => v + x[(i * 7919) % x.length]), { density: "hexbin", gridSize: 30 });
  const counts = traceOf(fig, "bins").customdata as number[];
  assert.equal(counts.reduce((a, b) => a + b, 0), 1_000_000);
  assert.ok(JSON.stringify(fig).length < 300_000, `${JSON.stringify(fig).length} characters`);
});

test("scatterFigure rejects an unknown density mode", () => {
  assert.throws(() => scatterFigure([1], [1], { density: "kde" as never }), /density must be "none", "points" or "hexbin"/);
});

test("lineFigure draws x = 0, 1, … by default and a band as one closed polygon (upper, then lower reversed)", () => {
  const fig = lineFigure([{ name: "a", y: [1, 2, 3], band: { lower: [0, 1, 2], upper: [2, 3, 4] } }]);
  const band = traceOf(fig, "a band");
  assert.deepEqual(band.x, [0, 1, 2, 2, 1, 0]);
  assert.deepEqual(band.y, [2, 3, 4, 2, 1, 0]);
  assert.deepEqual(traceOf(fig, "a").x, [0, 1, 2]);
  assert.throws(() => lineFigure([]), /needs at least one series/);
  assert.throws(() => lineFigure([{ name: "a", x: [1], y: [1, 2] }]), /series 0 \("a"\) x and y must have the same length/);
});

test("histogramFigure bins are [a, b) with the last closed, and log-spaced on a log x axis", () => {
  const fig = histogramFigure([0, 1, 1.5, 2, 3], { bins: [0, 1, 2, 3] });
  assert.deepEqual(fig.data[0].y, [1, 2, 2]);
  const log = histogramFigure([1, 10, 100, 1000], { bins: 3, logX: true });
  const edges = (log.data[0].customdata as number[][]).map((c) => c[0]);
  assert.deepEqual(edges.map((e) => Math.round(Math.log10(e) * 1e9) / 1e9), [0, 1, 2]);
  assert.deepEqual(log.data[0].y, [1, 1, 2]);
});

test("histogramFigure density bars integrate to 1 and hidden values are counted in a note", () => {
  const values = [...seededNormals(1000, 3), NaN, Infinity];
  const fig = histogramFigure(values, { bins: 17, normalize: "density" });
  const area = (fig.data[0].y as number[]).reduce((sum, h, i) => sum + h * (fig.data[0].width as number[])[i], 0);
  assert.ok(Math.abs(area - 1) < 1e-12, `area ${area}`);
  assert.match((fig.layout.annotations as PlotlyLayout[])[0].text as string, /^2 values not shown/);
  assert.throws(() => histogramFigure([-1, 0], { logX: true }), /no positive finite values to bin/);
  assert.throws(() => histogramFigure([1], { bins: [2, 1] }), /increasing/);
});

test("histogramFigure takes typed arrays and gives the same spec as for the plain array, non-finite values hidden", () => {
  const plain = [...seededNormals(500, 4).map(Math.exp), NaN, -Infinity, 0];
  const series = (values: ArrayLike<number>) => [{ name: "a", values }, { name: "b", values: plain.slice(100) }];
  for (const options of [{ bins: 12 }, { bins: 9, logX: true, normalize: "density" as const }]) {
    assert.deepEqual(histogramFigure(Float64Array.from(plain), options), histogramFigure(plain, options));
    assert.deepEqual(histogramFigure(series(Float64Array.from(plain)), options), histogramFigure(series(plain), options));
  }
  assert.throws(() => histogramFigure([1, "2" as unknown as number]), /series 0 \("values"\) values\[1\] is "2", not a number/);
});

test("violinFigure and boxFigure draw one trace per group, escape names and drop non-finite values", () => {
  const violin = violinFigure([{ name: "<a>", values: [1, NaN, 2] }, { name: "b", values: [3, 4] }]);
  assert.deepEqual(violin.data.map((t) => [t.type, t.name, t.y]), [["violin", "&lt;a&gt;", [1, 2]], ["violin", "b", [3, 4]]]);
  const box = boxFigure([{ name: "a", values: [1, 2] }], { horizontal: true });
  assert.deepEqual([box.data[0].x, box.data[0].orientation], [[1, 2], "h"]);
  assert.throws(() => violinFigure([{ name: "a", values: [NaN] }]), /group 0 \("a"\) has no finite values/);
});

test("heatmapFigure keeps repeated labels in their own columns and escapes labels and hover text", () => {
  const fig = heatmapFigure([[1, 2, 3]], { x: ["the", "<cat>", "the"], hoverText: [["a", "<b>", "c"]] });
  const xaxis = fig.layout.xaxis as PlotlyLayout;
  assert.deepEqual(fig.data[0].x, [0, 1, 2]);
  assert.deepEqual(xaxis.ticktext, ["the", "&lt;cat&gt;", "the"]);
  assert.deepEqual(fig.data[0].hovertext, [["a", "&lt;b&gt;", "c"]]);
  assert.throws(() => heatmapFigure([[1, 2], [3]]), /z\[1\] has 1 values, z\[0\] has 2/);
  assert.throws(() => heatmapFigure([[1, 2]], { x: ["a"] }), /x has 1 labels for 2 columns/);
});

test("smallMultiples moves each panel to its own axes, shares ranges and shows tick labels only on the outer panels", () => {
  const panel = (k: number): ReturnType<typeof lineFigure> => lineFigure([{ name: "m", y: [k, k + 1] }], { xTitle: "step" });
  const fig = smallMultiples([panel(0), panel(1), panel(2), panel(3)], { columns: 2 });
  assert.deepEqual(fig.data.map((t) => `${t.xaxis}/${t.yaxis}`), ["x/y", "x2/y2", "x3/y3", "x4/y4"]);
  const axis = (name: string): PlotlyLayout => fig.layout[name] as PlotlyLayout;
  assert.deepEqual([axis("xaxis").showticklabels, axis("xaxis3").showticklabels], [false, true]);
  assert.deepEqual([axis("yaxis").showticklabels, axis("yaxis2").showticklabels], [true, false]);
  assert.deepEqual([axis("xaxis4").matches, axis("yaxis4").matches, axis("xaxis4").anchor], ["x", "y", "y4"]);
  assert.deepEqual((axis("xaxis3").title as PlotlyLayout).text, "step");
  // The legend lists "m" once.
  assert.deepEqual(fig.data.map((t) => t.showlegend), [undefined, false, false, false]);
});

test("smallMultiples moves panel annotations to the panel's axes and keeps only the first colour bar", () => {
  const a = scatterFigure([1, 2], [1, 2], { r: 1, color: [1, 2] });
  const fig = smallMultiples([a, a]);
  const annotations = fig.layout.annotations as PlotlyLayout[];
  assert.deepEqual(annotations.map((n) => [n.xref, n.yref]), [["x domain", "y domain"], ["x2 domain", "y2 domain"]]);
  assert.deepEqual(fig.data.map((t) => (t.marker as PlotlyLayout).showscale), [true, false]);
});

test("scatter3dFigure splits points into one trace per group in order of first appearance", () => {
  const fig = scatter3dFigure([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], { groups: ["b", "a", "b", "a"], labels: ["<1>", "2", "3", "4"] });
  assert.deepEqual(fig.data.map((t) => [t.name, t.x, t.hovertext]), [["b", [1, 3], ["&lt;1&gt;", "3"]], ["a", [2, 4], ["2", "4"]]]);
});

test("tokenHeatmap wraps tokens at lineWidth characters and starts a new line after a newline token", () => {
  const tokens = ["aaaa", "bbbb", "cccc", "\n", "dd", "eeeeeeeeeeeeeeeeeeee"];
  const fig = tokenHeatmap({ tokens, values: [1, 2, 3, 4, 5, 6] }, { lineWidth: 12 });
  const bars = fig.data[0];
  const lines = bars.y as number[];
  const ends = (bars.base as number[]).map((b, i) => b + (bars.x as number[])[i]);
  // aaaa bbbb on line 0 (each 4.6 cells wide), cccc ↵ on line 1, dd on line 2, the long token alone on line 3.
  assert.deepEqual(lines, [0, 0, 1, 1, 2, 3]);
  assert.ok(ends.slice(0, 5).every((e) => e <= 12), `ends ${ends}`);
  assert.deepEqual(bars.text, ["aaaa", "bbbb", "cccc", "↵", "dd", "eeeeeeeeeeeeeeeeeeee"]);
});

test("tokenHeatmap escapes every token, keeps whitespace visible and puts token, id and value in the hover", () => {
  const fig = tokenHeatmap({ label: "<m>", tokens: [XSS_TOKENS[0], " ", "\t"], values: [-1, -2, -3], ids: [7, 220, 197] });
  const bars = fig.data[0];
  assert.deepEqual(bars.text, ["&lt;script&gt;alert(1)&lt;/script&gt;", "␣", "⇥"]);
  const hover = bars.hovertext as string[];
  assert.equal(hover[0], "&#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34;<br>id 7<br>value \u22121.000<br>&lt;m&gt;<br>position 0");
  assert.match(hover[2], /^&#34;\\t&#34;<br>id 197/);
  assert.equal((fig.layout.annotations as PlotlyLayout[])[0].text, "<b>&lt;m&gt;</b>");
  for (const text of [...(bars.text as string[]), ...hover]) assert.ok(!/<(?!br>|\/?b>)/.test(text), `unescaped markup in ${text}`);
});

test("tokenHeatmap shares one colour range across rows, draws value-less tokens grey and picks readable text colours", () => {
  const fig = tokenHeatmap([
    { label: "a", tokens: ["x", "y"], values: [NaN, -10] },
    { label: "b", tokens: ["x", "y"], values: [0, -5] },
  ]);
  const markers = [fig.data[0], fig.data[2]].map((t) => t.marker as PlotlyLayout);
  assert.deepEqual(markers.map((m) => [m.cmin, m.cmax, m.showscale]), [[-10, 0, true], [-10, 0, false]]);
  assert.deepEqual(fig.data.map((t) => t.name), ["a", "a (no value)", "b"]);
  assert.equal((fig.data[1].marker as PlotlyLayout).color, "#d9d9d9");
  // viridis: dark purple at the low end (white text); teal and yellow further up (black text).
  assert.deepEqual((fig.data[0].textfont as PlotlyLayout).color, ["#ffffff"]);
  assert.deepEqual((fig.data[2].textfont as PlotlyLayout).color, ["#000000", "#000000"]);
  const symmetric = tokenHeatmap({ tokens: ["a", "b"], values: [-1, 3] }, { zmid: 0, colorscale: "blueRed" });
  const marker = symmetric.data[0].marker as PlotlyLayout;
  assert.deepEqual([marker.cmin, marker.cmax], [-3, 3]);
});

test("tokenHeatmap rejects rows whose values or ids do not match the tokens", () => {
  assert.throws(() => tokenHeatmap({ label: "m", tokens: ["a", "b"], values: [1] }), /row 0 \("m"\) values and tokens must have the same length, got 1 and 2/);
  assert.throws(() => tokenHeatmap({ tokens: ["a"], values: [1], ids: [1, 2] }), /ids and tokens/);
  assert.throws(() => tokenHeatmap({ tokens: [3 as unknown as string], values: [1] }), /tokens\[0\] is 3, not a string/);
  assert.throws(() => tokenHeatmap([]), /needs at least one row/);
});

test("escapeHtml escapes the five HTML-special characters and nothing else", () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a> ok ↵`), "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt; ok ↵");
});

test("visibleToken shows whitespace-only tokens and control characters, keeps spaces inside words", () => {
  assert.deepEqual(
    [visibleToken("  "), visibleToken("\u00a0"), visibleToken("\r\n"), visibleToken("\u0000"), visibleToken("\u007f"), visibleToken("a b")],
    ["␣␣", "␣", "␍↵", "␀", "␡", "a b"],
  );
});

test("colorAt interpolates between stops in RGB and clamps outside [0, 1]; colorScale checks custom stops", () => {
  const scale = colorScale([[0, "#000000"], [0.5, "#ff0000"], [1, "#ffffff"]]);
  assert.deepEqual([colorAt(scale, -1), colorAt(scale, 0.25), colorAt(scale, 0.75), colorAt(scale, 2)], [
    "rgb(0, 0, 0)", "rgb(128, 0, 0)", "rgb(255, 128, 128)", "rgb(255, 255, 255)",
  ]);
  assert.throws(() => colorScale([[0.1, "#000000"], [1, "#ffffff"]]), /first at 0 and the last at 1/);
  assert.throws(() => colorScale([[0, "red"], [1, "#ffffff"]]), /stop 0: colour "red" is not #rrggbb/);
  assert.throws(() => colorScale("jet" as never), /unknown colour scale "jet"/);
});

test("withTheme sets the template once and never replaces a figure's own", () => {
  const fig = lineFigure([{ name: "a", y: [1, 2] }]);
  const paper = withTheme(fig, paperTheme);
  assert.equal(paper.layout.template, paperTheme.template);
  assert.equal(withTheme(paper, notebookTheme).layout.template, paperTheme.template);
  assert.equal(fig.layout.template, undefined, "the input figure is not modified");
});
