import { test } from "node:test";
import assert from "node:assert/strict";
import { fitExponentialBump } from "../../lib/stats/fitExponentialBump.js";
import { linearFit } from "../../lib/stats/linearFit.js";
import { assertAllClose, assertClose, FLOAT64_ITERATIVE, type Tolerance } from "../tolerances.js";
import { assertLogitlabError } from "./support.js";
import { readStudyFixture } from "./studyFixtures.js";

interface BumpCase {
  name: string; x: number[]; y: number[];
  parameters: [number, number, number]; standardErrors: [number, number, number]; covariance: number[][];
  r2: number; residualStandardError: number;
}
const { cases } = readStudyFixture<{ cases: BumpCase[] }>("fitExponentialBump.json");
/** Both fits stop at a zero gradient; parameters agree to what the conditioning of J allows (as fitUnimodal's tests). */
const FIT: Tolerance = { rtol: 1e-8, atol: 1e-12 };

test("fitExponentialBump(x, y) matches scipy.optimize.curve_fit: a, b, c, standard errors, covariance, R² and s", () => {
  for (const c of cases) {
    const fit = fitExponentialBump(c.x, c.y);
    assert.ok(fit.converged, `${c.name}: converged`);
    assertAllClose([fit.parameters.a, fit.parameters.b, fit.parameters.c], c.parameters, FIT, `${c.name}: parameters`);
    assertAllClose([fit.standardErrors.a, fit.standardErrors.b, fit.standardErrors.c], c.standardErrors, FIT, `${c.name}: standard errors`);
    assertAllClose(fit.covariance, c.covariance, { rtol: FIT.rtol, atol: 1e-10 * Math.max(...c.covariance.flat().map(Math.abs)) }, `${c.name}: covariance`);
    assertClose(fit.r2, c.r2, FLOAT64_ITERATIVE, `${c.name}: r2`);
    assertClose(fit.residualStandardError, c.residualStandardError, FIT, `${c.name}: s`);
    assert.equal(fit.n, c.x.length);
  }
});

test("fitExponentialBump reports the extremum at 1/b and its height, and a curve for a linear model of y on the fit", () => {
  const c = cases[0];
  const fit = fitExponentialBump(c.x, c.y);
  const { a, b } = fit.parameters;
  assertClose(fit.peakX, 1 / b, FLOAT64_ITERATIVE, "peakX");
  assertClose(fit.peakY, fit.curve(1 / b), FLOAT64_ITERATIVE, "peakY");
  assert.ok(a > 0 && b > 0);
  const linear = linearFit(c.x.map(fit.curve), c.y);
  assertClose(linear.slope, 1, { rtol: 1e-6, atol: 0 }, "least-squares fit: the regression of y on the fitted values has slope 1");
});

test("fitExponentialBump recovers an exact curve, with or without starting values", () => {
  const x = [0, 0.5, 1, 1.5, 2, 3, 4, 5];
  const y = x.map((v) => 0.5 + 2 * v * Math.exp(-1.5 * v));
  for (const fit of [fitExponentialBump(x, y), fitExponentialBump(x, y, { initial: { a: 1, b: 1, c: 0 } })]) {
    assertAllClose([fit.parameters.a, fit.parameters.b, fit.parameters.c], [2, 1.5, 0.5], { rtol: 1e-10, atol: 1e-12 }, "parameters");
    assertClose(fit.r2, 1, { rtol: 1e-12, atol: 0 }, "r2");
  }
});

test("fitExponentialBump of constant y gives a = 0, c = y and NaN R²", () => {
  const fit = fitExponentialBump([0, 1, 2, 3, 4], [0.7, 0.7, 0.7, 0.7, 0.7]);
  assert.equal(fit.parameters.a, 0);
  assertClose(fit.parameters.c, 0.7, { rtol: 1e-15, atol: 0 }, "c");
  assert.ok(Number.isNaN(fit.r2));
});

test("fitExponentialBump rejects too few points, x all 0, NaN and a non-finite start", () => {
  assertLogitlabError(() => fitExponentialBump([1, 2, 3], [1, 2, 3]), "fitExponentialBump needs at least 4 pairs, got 3");
  assertLogitlabError(() => fitExponentialBump([0, 0, 0, 0], [1, 2, 3, 4]),
    "fitExponentialBump: all 4 x values are 0; the curve a·x·exp(−b·x) + c is then the constant c");
  assertLogitlabError(() => fitExponentialBump([1, 2, 3, 4], [1, Number.NaN, 3, 4]), /^fitExponentialBump: y\[1\] is NaN;/);
  assertLogitlabError(() => fitExponentialBump([1, 2, 3, 4], [1, 2, 3, 4], { initial: { b: Infinity } }),
    "fitExponentialBump: initial b = Infinity must be a finite number");
});
