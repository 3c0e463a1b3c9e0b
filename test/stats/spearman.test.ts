import { test } from "node:test";
import assert from "node:assert/strict";
import { spearman } from "../../lib/stats/spearman.js";
import { assertClose, FLOAT64, FLOAT64_ITERATIVE } from "../tolerances.js";
import { assertLogitlabError, lcgPairs, readFixture } from "./support.js";

interface CorrelationCase { name: string; n: number; x: number[]; y: number[]; spearman: { rho: number; p: number } }
interface LargeCase { name: string; recipe: { n: number; noise: number }; spearman?: { rho: number; p: number } }
const { cases, large } = readFixture<{ cases: CorrelationCase[]; large: LargeCase[] }>("correlation.json");

test("spearman(x, y) matches scipy.stats.spearmanr: rho and two-sided p", () => {
  for (const c of cases) {
    const result = spearman(c.x, c.y);
    assert.equal(result.n, c.n);
    assertClose(result.rho, c.spearman.rho, FLOAT64, `${c.name}: rho`);
    assertClose(result.p, c.spearman.p, FLOAT64_ITERATIVE, `${c.name}: p`);
  }
});

test("spearman(x, y) matches scipy on 1e5 pairs with many ties", () => {
  const c = large.find((k) => k.spearman);
  assert.ok(c?.spearman, "fixture has no large spearman case");
  const { x, y } = lcgPairs(c.recipe.n, c.recipe.noise);
  const result = spearman(x, y);
  assertClose(result.rho, c.spearman.rho, FLOAT64, "rho");
  assertClose(result.p, c.spearman.p, FLOAT64_ITERATIVE, "p");
});

test("spearman(x, y) gives tied values their average rank", () => {
  // Midranks of x: [1.5, 1.5, 3, 4]; of y: [1, 2, 3.5, 3.5]. Centred on 2.5 they give
  // Sxy = 4, Sxx = Syy = 4.5, so rho = 8/9 (ordinal ranks 1, 2 for the ties would give 0.8).
  assertClose(spearman([1, 1, 2, 3], [1, 2, 3, 3]).rho, 8 / 9, FLOAT64, "rho");
});

test("spearman(x, y) depends only on order: any increasing transform leaves rho unchanged", () => {
  const x = [0.3, 2.2, -1, 4, 0.9, 3.3];
  const y = [1, 0.5, -2, 8, 2, 2.5];
  assert.equal(spearman(x.map(Math.exp), y.map((v) => v ** 3)).rho, spearman(x, y).rho);
});

test("spearman(x, y) of a monotone relation gives rho = 1 and p = 0", () => {
  const result = spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 25]);
  assert.equal(result.rho, 1);
  assert.equal(result.p, 0);
});

test("spearman(x, y) returns NaN rho and p for constant input", () => {
  const result = spearman([3, 3, 3, 3], [1, 2, 3, 4]);
  assert.ok(Number.isNaN(result.rho) && Number.isNaN(result.p));
});

test("spearman(x, y) rejects too few pairs, unequal lengths and NaN", () => {
  assertLogitlabError(() => spearman([1, 2], [3, 4]), "spearman needs at least 3 pairs, got 2");
  assertLogitlabError(() => spearman([1, 2, 3], [3, 4]), "spearman needs x and y of equal length, got 3 and 2");
  assertLogitlabError(() => spearman([1, Number.NaN, 3], [3, 4, 5]), /^spearman: x\[1\] is NaN;/);
});
