// promptingSummary against a float64 reference (test/fixtures/prompting/gen_summary.py): on a seeded
// synthetic evaluation table — 2 models × 3 techniques × 150 questions with buggy samples, strict and
// robust outcomes, tied and NaN scores, and non-final earlier attempts it must ignore — the counts,
// accuracies and Wilson intervals (scipy binomtest), McNemar exact p (scipy), AUROC by brute-force
// pair counting (no scipy or sklearn) and the reliability deciles (numpy) all match.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promptingSummary, UNCERTAINTY_SCORES } from "../../../lib/studies/prompting/promptingSummary.js";
import { FLOAT64_ITERATIVE, FLOAT64_BOUNDED } from "../../tolerances.js";

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "prompting", "summary-reference.json"), "utf8"));
const rows = fixture.rows.map((r: Record<string, unknown>) => {
  const out = { ...r };
  for (const s of UNCERTAINTY_SCORES) if (out[s] === null) out[s] = NaN;
  return out;
});
const expected = fixture.expected as ReturnType<typeof promptingSummary>["models"];

const near = (actual: number | null, wanted: number | null, tol: { rtol: number; atol: number }, what: string) => {
  if (wanted === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - wanted) <= tol.atol + tol.rtol * Math.abs(wanted), `${what}: ${actual} vs ${wanted}`);
};

test("the synthetic table has buggy, NaN-score and non-final rows (the cases the summary must handle)", () => {
  assert.ok(rows.some((r: { final: boolean }) => !r.final));
  assert.ok(rows.some((r: { full_entropy: number }) => Number.isNaN(r.full_entropy)));
  assert.ok(rows.filter((r: { buggy: boolean; final: boolean }) => r.buggy && r.final).length > 30);
});

test("promptingSummary matches the scipy / numpy / pair-counting reference", () => {
  const summary = promptingSummary(rows);
  assert.deepEqual(summary.models.map((m) => m.model), expected.map((m) => m.model));
  for (const [k, model] of expected.entries()) {
    const mine = summary.models[k];
    for (const [t, want] of model.techniques.entries()) {
      const got = mine.techniques[t];
      assert.equal(got.technique, want.technique);
      for (const mode of ["strict", "robust"] as const) {
        const where = `${model.model} ${want.technique} ${mode}`;
        for (const key of ["n", "buggy", "correct"] as const) assert.equal(got[mode][key], want[mode][key], `${where} ${key}`);
        near(got[mode].accuracy_original, want[mode].accuracy_original, FLOAT64_BOUNDED, `${where} accuracy_original`);
        near(got[mode].accuracy_all, want[mode].accuracy_all, FLOAT64_BOUNDED, `${where} accuracy_all`);
        for (const key of ["accuracy_original_interval", "accuracy_all_interval"] as const) {
          const [lo, hi] = want[mode][key] ?? [null, null];
          near(got[mode][key]?.[0] ?? null, lo, FLOAT64_ITERATIVE, `${where} ${key} low`);
          near(got[mode][key]?.[1] ?? null, hi, FLOAT64_ITERATIVE, `${where} ${key} high`);
        }
        for (const score of UNCERTAINTY_SCORES) {
          assert.equal(got.auroc[mode][score].n, want.auroc[mode][score].n, `${where} ${score} n`);
          assert.equal(got.auroc[mode][score].wrong, want.auroc[mode][score].wrong, `${where} ${score} wrong`);
          near(got.auroc[mode][score].auroc, want.auroc[mode][score].auroc, FLOAT64_BOUNDED, `${where} ${score} auroc`);
        }
        assert.equal(got.reliability[mode].length, want.reliability[mode].length, `${where} bins`);
        for (const [b, bin] of want.reliability[mode].entries()) {
          assert.equal(got.reliability[mode][b].n, bin.n, `${where} bin ${b} n`);
          assert.equal(got.reliability[mode][b].correct, bin.correct, `${where} bin ${b} correct`);
          near(Number.isNaN(got.reliability[mode][b].low) ? null : got.reliability[mode][b].low, bin.low, FLOAT64_ITERATIVE, `${where} bin ${b} low`);
          near(Number.isNaN(got.reliability[mode][b].high) ? null : got.reliability[mode][b].high, bin.high, FLOAT64_ITERATIVE, `${where} bin ${b} high`);
        }
      }
    }
    assert.equal(mine.mcnemar.length, model.mcnemar.length);
    for (const [i, want] of model.mcnemar.entries()) {
      const got = mine.mcnemar[i];
      assert.deepEqual([got.first, got.second, got.mode, got.n, got.b, got.c], [want.first, want.second, want.mode, want.n, want.b, want.c]);
      near(got.p, want.p, { rtol: 1e-12, atol: 0 }, `${model.model} ${want.first}/${want.second} ${want.mode} p`);
    }
  }
});

test("a technique whose samples are all buggy has no original accuracy, AUROC or reliability bins", () => {
  const row = { model: "m", technique: "cot" as const, index: 0, final: true, correct: false, buggy: true, robust_correct: false, robust_buggy: true, stop_reason: "context", tokens: 3, original_entropy: 0.5, nucleus_entropy: 1, full_entropy: 2, cosine: 0.1 };
  const t = promptingSummary([row, { ...row, index: 1 }]).models[0].techniques[0];
  assert.deepEqual([t.strict.accuracy_original, t.strict.accuracy_original_interval, t.strict.accuracy_all], [null, null, 0]);
  assert.equal(t.auroc.strict.original_entropy.auroc, null);
  assert.deepEqual(t.reliability.strict, []);
  assert.deepEqual(t.stop_reasons, { context: 2 });
});
