import { test } from "node:test";
import assert from "node:assert/strict";
import { kendall } from "../../lib/stats/kendall.js";
import { assertClose, FLOAT64, FLOAT64_ITERATIVE } from "../tolerances.js";
import { assertLogitlabError, lcgPairs, readFixture } from "./support.js";

interface CorrelationCase { name: string; n: number; x: number[]; y: number[]; kendall: { tau: number; p: number } }
interface LargeCase { name: string; recipe: { n: number; noise: number }; kendall?: { tau: number; p: number } }
const { cases, large } = readFixture<{ cases: CorrelationCase[]; large: LargeCase[] }>("correlation.json");

test('kendall(x, y) matches scipy.stats.kendalltau(method="asymptotic"): tau-b and two-sided p, with and without ties', () => {
  for (const c of cases) {
    const result = kendall(c.x, c.y);
    assert.equal(result.n, c.n);
    assertClose(result.tau, c.kendall.tau, FLOAT64, `${c.name}: tau`);
    assertClose(result.p, c.kendall.p, FLOAT64_ITERATIVE, `${c.name}: p`);
  }
});

test("kendall(x, y) counts discordant pairs in O(n log n): 1e5 tied pairs match scipy", () => {
  const c = large.find((k) => k.kendall);
  assert.ok(c?.kendall, "fixture has no large kendall case");
  const { x, y } = lcgPairs(c.recipe.n, c.recipe.noise);
  const result = kendall(x, y);
  assertClose(result.tau, c.kendall.tau, FLOAT64, "tau");
  assertClose(result.p, c.kendall.p, FLOAT64_ITERATIVE, "p");
});

test("kendall(x, y) agrees with a direct count over all pairs", () => {
  const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
  const y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4];
  let concordantMinusDiscordant = 0;
  let xTies = 0;
  let yTies = 0;
  const pairs = (x.length * (x.length - 1)) / 2;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      concordantMinusDiscordant += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      if (x[i] === x[j]) xTies++;
      if (y[i] === y[j]) yTies++;
    }
  }
  const tauB = concordantMinusDiscordant / Math.sqrt((pairs - xTies) * (pairs - yTies));
  assertClose(kendall(x, y).tau, tauB, FLOAT64, "tau");
});

test("kendall(x, y) returns NaN tau and p for constant input", () => {
  const result = kendall([1, 2, 3, 4], [0, 0, 0, 0]);
  assert.ok(Number.isNaN(result.tau) && Number.isNaN(result.p));
});

test("kendall(x, y) rejects too few pairs, unequal lengths and NaN", () => {
  assertLogitlabError(() => kendall([1, 2], [3, 4]), "kendall needs at least 3 pairs, got 2");
  assertLogitlabError(() => kendall([1, 2, 3], [3, 4, 5, 6]), "kendall needs x and y of equal length, got 3 and 4");
  assertLogitlabError(() => kendall([1, 2, 3], [3, 4, Number.NaN]), /^kendall: y\[2\] is NaN;/);
});
