// The correlation study's analysis against scipy/numpy (test/fixtures/correlation/stats.json, written
// by gen.py): the original's filter, Pearson and Spearman (filtered and all points), the per-prompt
// Pearson r, the 50 equal-width bins' medians, SDs (np.std, ddof 0) and counts; and the tables' CSV
// and TeX formats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toCsv } from "../../../lib/io/toCsv.js";
import { toLatex } from "../../../lib/io/toLatex.js";
import { analyzeCell } from "../../../lib/studies/correlation/analyzeCell.js";
import { correlationTables } from "../../../lib/studies/correlation/correlationTables.js";
import { assertClose, FLOAT64_BOUNDED, FLOAT64_ITERATIVE, FLOAT64, type Tolerance } from "../../tolerances.js";

const root = join(import.meta.dirname, "..", "..", "..");
const ref = JSON.parse(readFileSync(join(root, "test/fixtures/correlation/stats.json"), "utf8")) as {
  prompt: number[]; entropy: number[]; cosine: number[];
  filtered: { n: number; pearson: number; pearsonP: number; spearman: number; spearmanP: number };
  all: { n: number; pearson: number; pearsonP: number; spearman: number; spearmanP: number };
  perPromptPearson: number[];
  bins: { edges: number[]; medians: (number | null)[]; sds: (number | null)[]; counts: number[] };
};
/** p-values this small (1e-100) come from the t tail: relative accuracy of the incomplete Beta. */
const P_VALUE: Tolerance = { rtol: 1e-9, atol: 0 };

const steps = ref.prompt.map((prompt, i) => ({ prompt, nucleusEntropy: ref.entropy[i], fullEntropy: 2 * ref.entropy[i], cosine: ref.cosine[i] }));
const cell = analyzeCell(steps, { resamples: 200, seed: 3 });

test("the original's filter and Pearson / Spearman match scipy, filtered and on all points", () => {
  assert.equal(cell.filtered.n, ref.filtered.n);
  assert.equal(cell.all.n, ref.all.n);
  assert.equal(cell.dropped, ref.all.n - ref.filtered.n);
  assertClose(cell.filtered.r, ref.filtered.pearson, FLOAT64_BOUNDED, "r");
  assertClose(cell.filtered.rho, ref.filtered.spearman, FLOAT64_BOUNDED, "rho");
  assertClose(cell.all.r, ref.all.pearson, FLOAT64_BOUNDED, "r (all)");
  assertClose(cell.all.rho, ref.all.spearman, FLOAT64_BOUNDED, "rho (all)");
  assertClose(cell.filtered.rP, ref.filtered.pearsonP, P_VALUE, "r p-value");
  assertClose(cell.filtered.rhoP, ref.filtered.spearmanP, P_VALUE, "rho p-value");
  // Full entropy here is 2 × the nucleus entropy: a linear map leaves r and ρ unchanged.
  assertClose(cell.fullFiltered.r, ref.filtered.pearson, FLOAT64_ITERATIVE, "r (full entropy)");
  // The bootstrap intervals hold the estimates and resample 12 prompts.
  assert.equal(cell.filtered.prompts, 12);
  assert.ok(cell.filtered.rLow < cell.filtered.r && cell.filtered.r < cell.filtered.rHigh);
  assert.ok(cell.filtered.rhoLow < cell.filtered.rho && cell.filtered.rho < cell.filtered.rhoHigh);
});

test("per-prompt r and the 50-bin medians, SDs and counts match numpy", () => {
  assert.equal(cell.perPrompt.length, ref.perPromptPearson.length);
  cell.perPrompt.forEach((p, k) => assertClose(p.r, ref.perPromptPearson[k], FLOAT64_BOUNDED, `prompt ${k} r`));
  assert.deepEqual(cell.bins.counts, ref.bins.counts);
  ref.bins.medians.forEach((m, i) => (m === null ? assert.ok(Number.isNaN(cell.bins.medians[i])) : assertClose(cell.bins.medians[i], m, FLOAT64, `median ${i}`)));
  ref.bins.sds.forEach((s, i) => (s === null ? assert.ok(Number.isNaN(cell.bins.sds[i])) : assertClose(cell.bins.sds[i], s, { rtol: 1e-12, atol: 1e-15 }, `sd ${i}`)));
  // The fit skips the empty bins (the original filled them with 0).
  assert.equal(cell.fit.binsUsed, ref.bins.counts.filter((c) => c > 0).length);
});

test("correlation_stats.csv is long form with both point sets; the TeX table has models as rows and r / ρ cells", () => {
  const tables = correlationTables({ models: ["m"], datasets: ["gsm8k", "xsum"], cells: [{ model: "m", dataset: "gsm8k", engine: "tfjs", analysis: cell }] });
  const csv = toCsv(tables.stats).split("\n");
  assert.equal(csv[0], "model,dataset,engine,entropy,n,prompts,r,r_p,r_ci_low,r_ci_high,rho,rho_p,rho_ci_low,rho_ci_high,all_n,all_prompts,all_r,all_r_p,all_r_ci_low,all_r_ci_high,all_rho,all_rho_p,all_rho_ci_low,all_rho_ci_high");
  assert.match(csv[1], new RegExp(`^m,gsm8k,tfjs,nucleus,${ref.filtered.n},12,`));
  assert.match(csv[2], /^m,gsm8k,tfjs,full,/);
  assert.equal(Number(csv[1].split(",")[6]), cell.filtered.r, "CSV keeps full precision");
  const tex = toLatex(tables.tex).split("\n");
  assert.ok(tex.includes("    model & gsm8k & xsum \\\\"));
  assert.ok(tex.includes(`    m & ${cell.filtered.r.toFixed(3)} / ${cell.filtered.rho.toFixed(3)} & -- \\\\`), tex.join("\n")); // a missing cell is "--"
  assert.ok(tex.includes("    \\toprule") && tex.includes("    \\bottomrule"));
  const fits = toCsv(tables.fits).split("\n")[0];
  assert.equal(fits, "model,dataset,bins_used,a,a_se,b,b_se,c,c_se,r2,converged,linear_slope,linear_intercept,linear_r2,note");
});

test("no points, one-token nuclei only and uncovered nuclei give NaN statistics and a fit note, not an error", () => {
  const only = analyzeCell([0, 1, 2].map((prompt) => ({ prompt, nucleusEntropy: 0, fullEntropy: 0.1, cosine: 1 })), { resamples: 10 });
  assert.equal(only.filtered.n, 0);
  assert.ok(Number.isNaN(only.filtered.r));
  assert.equal(only.fit.note, "no points after the filter");
  const uncovered = analyzeCell([{ prompt: 0, nucleusEntropy: NaN, fullEntropy: NaN, cosine: NaN }], { resamples: 10 });
  assert.equal(uncovered.points, 0);
});
