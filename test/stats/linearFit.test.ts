import { test } from "node:test";
import assert from "node:assert/strict";
import { linearFit } from "../../lib/stats/linearFit.js";
import { assertClose, FLOAT64, FLOAT64_BOUNDED, FLOAT64_ITERATIVE, NIST_CERTIFIED } from "../tolerances.js";
import { assertLogitlabError, readFixture } from "./support.js";

interface FitCase {
  name: string;
  x: number[];
  y: number[];
  slope: number;
  intercept: number;
  r: number;
  r2: number;
  p: number;
  stderr: number;
  interceptStderr: number;
}
const { cases } = readFixture<{ cases: FitCase[] }>("linearFit.json");

interface Norris {
  x: number[];
  y: number[];
  certified: {
    slope: number;
    intercept: number;
    slopeStandardDeviation: number;
    interceptStandardDeviation: number;
    residualStandardDeviation: number;
    rSquared: number;
  };
}
const norris = readFixture<Norris>("nist-norris.json");

test("linearFit(x, y) matches scipy.stats.linregress: slope, intercept, r, p and both standard errors", () => {
  for (const c of cases) {
    const fit = linearFit(c.x, c.y);
    assert.equal(fit.n, c.x.length);
    assertClose(fit.slope, c.slope, FLOAT64, `${c.name}: slope`);
    assertClose(fit.intercept, c.intercept, FLOAT64_ITERATIVE, `${c.name}: intercept`);
    assertClose(fit.r, c.r, FLOAT64_BOUNDED, `${c.name}: r`);
    assertClose(fit.r2, c.r2, FLOAT64_ITERATIVE, `${c.name}: r2`);
    assertClose(fit.p, c.p, FLOAT64_ITERATIVE, `${c.name}: p`);
    // linregress forms SSR as (1 − r²)·Syy, we sum the residuals: equal up to rounding.
    assertClose(fit.stderr, c.stderr, FLOAT64_ITERATIVE, `${c.name}: stderr`);
    assertClose(fit.interceptStderr, c.interceptStderr, FLOAT64_ITERATIVE, `${c.name}: interceptStderr`);
  }
});

test("linearFit(x, y) reproduces the NIST StRD Norris certified values to 1e-12 relative or better", () => {
  const fit = linearFit(norris.x, norris.y);
  const certified = norris.certified;
  // The certified values are printed to 15 digits. Measured agreement: slope 4e-15, R² 3e-16, standard
  // errors 2e-14, intercept 1.7e-13 (b₀ = ȳ − b₁x̄ ≈ 428.6 − 428.9 loses ~3 digits to cancellation).
  assertClose(fit.slope, certified.slope, NIST_CERTIFIED, "slope");
  assertClose(fit.intercept, certified.intercept, NIST_CERTIFIED, "intercept");
  assertClose(fit.stderr, certified.slopeStandardDeviation, NIST_CERTIFIED, "slope standard deviation");
  assertClose(fit.interceptStderr, certified.interceptStandardDeviation, NIST_CERTIFIED, "intercept standard deviation");
  assertClose(fit.r2, certified.rSquared, NIST_CERTIFIED, "R-squared");
});

test("linearFit(x, y) of points on a line has zero standard errors and r2 = 1", () => {
  const fit = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
  assert.equal(fit.slope, 2);
  assert.equal(fit.intercept, 1);
  assert.equal(fit.stderr, 0);
  assert.equal(fit.interceptStderr, 0);
  assert.equal(fit.r2, 1);
  assert.equal(fit.p, 0);
});

test("linearFit(x, y) with constant y gives slope 0 and NaN r, r2 and p", () => {
  const fit = linearFit([1, 2, 3, 4], [5, 5, 5, 5]);
  assert.equal(fit.slope, 0);
  assert.equal(fit.intercept, 5);
  assert.ok(Number.isNaN(fit.r) && Number.isNaN(fit.r2) && Number.isNaN(fit.p));
});

test("linearFit(x, y) rejects constant x, too few pairs, unequal lengths and NaN", () => {
  assertLogitlabError(() => linearFit([2, 2, 2], [1, 2, 3]), "linearFit: all 3 x values are equal (2); the slope of a vertical line is undefined");
  assertLogitlabError(() => linearFit([1, 2], [1, 2]), "linearFit needs at least 3 pairs, got 2");
  assertLogitlabError(() => linearFit([1, 2, 3], [1, 2]), "linearFit needs x and y of equal length, got 3 and 2");
  assertLogitlabError(() => linearFit([1, 2, 3], [1, Number.NaN, 2]), /^linearFit: y\[1\] is NaN;/);
});
