import { test } from "node:test";
import assert from "node:assert/strict";
import { toCsv, toHtmlTable, toLatex, toTextTable } from "../../lib/plot/index.js";

// toCsv (logitlab's one CSV dialect) moved to lib/io: test/io/toCsv.test.ts checks it; here only its re-export.
test("toLatex writes a booktabs table with escaped cells, right-aligned number columns and caption and label", () => {
  const tex = toLatex([{ "model_name": "gpt_2 & co", r: 0.87345, n: 1000, p: 1.2e-7 }, { "model_name": "50%", r: -0.5, n: 12, p: NaN }], { caption: "Correlation $\\rho$", label: "tab:r" });
  assert.equal(tex, [
    "\\begin{table}[t]",
    "  \\centering",
    "  \\caption{Correlation $\\rho$}",
    "  \\label{tab:r}",
    "  \\begin{tabular}{lrrr}",
    "    \\toprule",
    "    model\\_name & r & n & p \\\\",
    "    \\midrule",
    "    gpt\\_2 \\& co & 0.873 & 1000 & $1.20 \\times 10^{-7}$ \\\\",
    "    50\\% & -0.500 & 12 & -- \\\\",
    "    \\bottomrule",
    "  \\end{tabular}",
    "\\end{table}",
    "",
  ].join("\n"));
});

test("toLatex escapes every LaTeX special character in cells", () => {
  const tex = toLatex([{ t: "\\ & % $ # _ { } ~ ^" }]);
  assert.ok(tex.includes("    \\textbackslash{} \\& \\% \\$ \\# \\_ \\{ \\} \\textasciitilde{} \\textasciicircum{} \\\\"), tex);
  assert.ok(!tex.includes("\\caption") && !tex.includes("\\label"));
  assert.throws(() => toLatex([]), /at least one column/);
});

test("toHtmlTable escapes headers, cells and caption", () => {
  const html = toHtmlTable([{ "<h>": "<b>x</b>" }], { caption: "a & b" });
  assert.ok(html.includes("<caption>a &amp; b</caption>"));
  assert.ok(html.includes("<th style=\"text-align:left\">&lt;h&gt;</th>"));
  assert.ok(html.includes("<td style=\"text-align:left\">&lt;b&gt;x&lt;/b&gt;</td>"));
});

test("toTextTable aligns text left and numbers right, formatting non-integers with `decimals`", () => {
  assert.equal(toTextTable([{ m: "a", v: 1 }, { m: "bbb", v: 2.5 }], { decimals: 1 }), "m      v\n---  ---\na      1\nbbb  2.5");
});

test("toCsv and toLatex are still exported by lib/plot (from lib/io)", () => {
  assert.equal(toCsv([{ a: 1 }]), "a\n1\n");
});

test("tables reject rows that are not objects", () => {
  assert.throws(() => toCsv([1 as never]), /row 0 is not an object/);
});
