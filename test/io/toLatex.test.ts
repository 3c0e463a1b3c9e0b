// toLatex / escapeLatex: the one booktabs writer, as the stability study's summary.tex uses it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { toLatex } from "../../lib/io/toLatex.js";
import { escapeLatex } from "../../lib/io/escapeLatex.js";

test("escapeLatex writes the tables' math symbols and OT1-unsafe characters as LaTeX commands", () => {
  assert.equal(escapeLatex("ε / p_ref, |A ∩ B| / K, x ≥ 1, −∞"),
    "\\ensuremath{\\varepsilon} / p\\_ref, \\textbar{}A \\ensuremath{\\cap} B\\textbar{} / K, x \\ensuremath{\\geq} 1, \\ensuremath{-}\\ensuremath{\\infty}");
});

test("toLatex of a study's metric table leaves no raw ε, ∞ or | in the body", () => {
  const tex = toLatex([{ metric: "ε p99", definition: "mean of |A ∩ B| / K", value: "∞" }], { caption: "Stability", label: "tab:s" });
  assert.ok(!/[ε∞∩|]/.test(tex.replace(/\\textbar\{\}/g, "")), tex);
  assert.match(tex, /\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
});
