import { test } from "node:test";
import assert from "node:assert/strict";
import { pearson } from "../../lib/stats/pearson.js";
import { assertAllClose, assertClose, FLOAT64, FLOAT64_BOUNDED, FLOAT64_ITERATIVE } from "../tolerances.js";
import { assertLogitlabError, lcgPairs, readFixture } from "./support.js";

interface CorrelationCase {
  name: string;
  n: number;
  x: number[];
  y: number[];
  pearson: { r: number; p: number; ci95: [number, number] };
}
interface LargeCase { name: string; n: number; recipe: { n: number; noise: number }; pearson: CorrelationCase["pearson"] }
const { cases, large } = readFixture<{ cases: CorrelationCase[]; large: LargeCase[] }>("correlation.json");

test("pearson(x, y) matches scipy.stats.pearsonr: r, two-sided p and the Fisher-z 95% interval", () => {
  for (const c of cases) {
    const result = pearson(c.x, c.y);
    assert.equal(result.n, c.n);
    assertClose(result.r, c.pearson.r, FLOAT64_BOUNDED, `${c.name}: r`);
    assertClose(result.p, c.pearson.p, FLOAT64_ITERATIVE, `${c.name}: p`);
    assertAllClose(result.ci95, c.pearson.ci95, FLOAT64_BOUNDED, `${c.name}: ci95`);
  }
});

test("pearson(x, y) keeps a tiny p-value (n = 1000, p ≈ 1e-60) to 1e-10 relative", () => {
  const c = cases.find((k) => k.pearson.p < 1e-40);
  assert.ok(c, "fixture has no tiny-p case");
  assertClose(pearson(c.x, c.y).p, c.pearson.p, FLOAT64_ITERATIVE, `${c.name}: p`);
});

test("pearson(x, y) stays accurate at 1e5 and 1e6 pairs (t test with 1e6 degrees of freedom)", () => {
  for (const c of large) {
    const { x, y } = lcgPairs(c.recipe.n, c.recipe.noise);
    const result = pearson(x, y);
    assertClose(result.r, c.pearson.r, FLOAT64_BOUNDED, `${c.name}: r`);
    assertClose(result.p, c.pearson.p, FLOAT64_ITERATIVE, `${c.name}: p`);
    assertAllClose(result.ci95, c.pearson.ci95, FLOAT64_BOUNDED, `${c.name}: ci95`);
  }
});

test("pearson(x, y) with 3 pairs has the interval [−1, 1], as scipy", () => {
  assert.deepEqual(pearson([1, 2, 4], [1.5, 1, 3.5]).ci95, [-1, 1]);
});

test("pearson(x, y) of an exact line gives r = ±1, p = 0 and a zero-width interval", () => {
  const result = pearson([1, 2, 3, 4, 5], [10, 8, 6, 4, 2]);
  assert.equal(result.r, -1);
  assert.equal(result.p, 0);
  assert.deepEqual(result.ci95, [-1, -1]);
});

test("pearson(x, y) returns NaN r, p and interval when an input is constant (scipy's ConstantInputWarning case)", () => {
  for (const result of [pearson([1, 2, 3, 4], [5, 5, 5, 5]), pearson([7, 7, 7], [1, 2, 3])]) {
    assert.ok(Number.isNaN(result.r) && Number.isNaN(result.p));
    assert.ok(result.ci95.every(Number.isNaN));
  }
});

test("pearson(x, y) does not overflow with values near 1e200", () => {
  const x = [1e200, -2e200, 3e200, 0.5e200];
  const y = [2, -3, 7, 1];
  const scaled = pearson(x.map((v) => v / 1e200), y);
  assertClose(pearson(x, y).r, scaled.r, FLOAT64, "r");
});

test("pearson(x, y) rejects too few pairs, unequal lengths and NaN or infinite values, naming the index", () => {
  assertLogitlabError(() => pearson([1, 2], [3, 4]), "pearson needs at least 3 pairs, got 2");
  assertLogitlabError(() => pearson([], []), "pearson needs at least 3 pairs, got 0");
  assertLogitlabError(() => pearson([1, 2, 3], [1, 2]), "pearson needs x and y of equal length, got 3 and 2");
  assertLogitlabError(
    () => pearson([1, 2, 3, 4, 5], [1, 2, 3, 4, Number.NaN]),
    "pearson: y[4] is NaN; every value must be a finite number (drop or impute missing values first)",
  );
  assertLogitlabError(() => pearson([1, Infinity, 3], [1, 2, 3]), /^pearson: x\[1\] is Infinity;/);
});
