import { test } from "node:test";
import assert from "node:assert/strict";
import { fitUnimodal, type UnimodalModel, type UnimodalParameters } from "../../lib/stats/fitUnimodal.js";
import { binnedMedians } from "../../lib/stats/binnedMedians.js";
import { assertAllClose, assertClose, FLOAT64_ITERATIVE } from "../tolerances.js";
import { assertLogitlabError, readFixture } from "./support.js";

interface FitCase {
  name: string;
  model: UnimodalModel;
  x: number[];
  y: number[];
  parameters: UnimodalParameters;
  standardErrors: UnimodalParameters;
  covariance: number[][];
  r2: number;
  probe: { x: number[]; y: number[] };
}
const { cases } = readFixture<{ cases: FitCase[] }>("fitUnimodal.json");
const KEYS = ["amplitude", "centre", "width", "offset"] as const;

test("fitUnimodal(x, y, {model}) matches scipy.optimize.curve_fit: parameters, standard errors, covariance and R²", () => {
  for (const c of cases) {
    const fit = fitUnimodal(c.x, c.y, { model: c.model });
    assert.ok(fit.converged, `${c.name}: not converged after ${fit.iterations} iterations`);
    for (const key of KEYS) {
      assertClose(fit.parameters[key], c.parameters[key], FLOAT64_ITERATIVE, `${c.name}: ${key}`);
      assertClose(fit.standardErrors[key], c.standardErrors[key], FLOAT64_ITERATIVE, `${c.name}: standard error of ${key}`);
    }
    assertAllClose(fit.covariance, c.covariance, { rtol: FLOAT64_ITERATIVE.rtol, atol: 1e-12 * Math.max(...c.covariance.flat().map(Math.abs)) }, `${c.name}: covariance`);
    assertClose(fit.r2, c.r2, FLOAT64_ITERATIVE, `${c.name}: r2`);
  }
});

test("fitUnimodal returns a callable curve through the fitted parameters", () => {
  for (const c of cases) {
    const fit = fitUnimodal(c.x, c.y, { model: c.model });
    c.probe.x.forEach((x, i) => assertClose(fit.curve(x), c.probe.y[i], FLOAT64_ITERATIVE, `${c.name}: curve(${x})`));
  }
});

test("fitUnimodal finds a dip (negative amplitude) from data-driven starting values", () => {
  const dip = cases.find((c) => c.parameters.amplitude < 0);
  assert.ok(dip, "fixture has no dip");
  const fit = fitUnimodal(dip.x, dip.y, { model: dip.model });
  assert.ok(fit.parameters.amplitude < 0);
  assert.ok(fit.parameters.width > 0);
});

test("fitUnimodal recovers exact Gaussian and log-normal bumps and reports the peak position", () => {
  const xs = Array.from({ length: 25 }, (_, i) => 0.2 + i * 0.4);
  const gaussian = fitUnimodal(xs, xs.map((x) => 0.5 + 2 * Math.exp(-((x - 4) ** 2) / (2 * 1.3 ** 2))), { model: "gaussian" });
  assertAllClose(KEYS.map((k) => gaussian.parameters[k]), [2, 4, 1.3, 0.5], FLOAT64_ITERATIVE, "gaussian");
  assertClose(gaussian.peakX, 4, FLOAT64_ITERATIVE, "gaussian peak");
  assertClose(gaussian.r2, 1, FLOAT64_ITERATIVE, "gaussian r2");
  const lognormal = fitUnimodal(xs, xs.map((x) => 1 + 3 * Math.exp(-((Math.log(x) - 1) ** 2) / (2 * 0.5 ** 2))), { model: "lognormal" });
  assertAllClose(KEYS.map((k) => lognormal.parameters[k]), [3, 1, 0.5, 1], FLOAT64_ITERATIVE, "lognormal");
  assertClose(lognormal.peakX, Math.E, FLOAT64_ITERATIVE, "lognormal peak");
  assert.equal(lognormal.curve(0), lognormal.parameters.offset);
  assert.ok(Number.isNaN(lognormal.curve(-1)));
});

test("fitUnimodal fits the binned medians of noisy data (the intended pipeline)", () => {
  // Deterministic scatter around a bump: y = 1 + 2·exp(−(x − 5)²/2) + a ±0.2 saw-tooth.
  const x = Array.from({ length: 400 }, (_, i) => (i * 7.31) % 10);
  const y = x.map((v, i) => 1 + 2 * Math.exp(-((v - 5) ** 2) / 2) + 0.2 * (((i * 13) % 7) / 3 - 1));
  const binned = binnedMedians(x, y, { bins: 20, method: "equal-width" });
  const keep = binned.counts.map((count) => count > 0);
  const fit = fitUnimodal(binned.centres.filter((_, i) => keep[i]), binned.medians.filter((_, i) => keep[i]), { model: "gaussian" });
  assert.ok(fit.converged);
  assert.ok(Math.abs(fit.parameters.centre - 5) < 0.1, `centre ${fit.parameters.centre}`);
  assert.ok(Math.abs(fit.parameters.width - 1) < 0.1, `width ${fit.parameters.width}`);
  assert.ok(fit.r2 > 0.95, `r2 ${fit.r2}`);
});

test("fitUnimodal accepts starting values and still reaches the same optimum", () => {
  const c = cases[0];
  const fit = fitUnimodal(c.x, c.y, { model: c.model, initial: { centre: c.parameters.centre + 0.5, width: 2, offset: undefined } });
  for (const key of KEYS) assertClose(fit.parameters[key], c.parameters[key], FLOAT64_ITERATIVE, key);
});

test("fitUnimodal rejects fewer than 5 points, unknown models, NaN and non-positive x for the lognormal model", () => {
  assertLogitlabError(() => fitUnimodal([1, 2, 3, 4], [1, 2, 1, 0], { model: "gaussian" }), "fitUnimodal needs at least 5 pairs, got 4");
  assertLogitlabError(
    // @ts-expect-error: an invalid model on purpose
    () => fitUnimodal([1, 2, 3, 4, 5], [1, 2, 3, 2, 1], { model: "cauchy" }),
    'fitUnimodal: model must be "gaussian" or "lognormal", got "cauchy"',
  );
  assertLogitlabError(() => fitUnimodal([1, 2, 3, 4, 5], [1, 2, Number.NaN, 2, 1], { model: "gaussian" }), /^fitUnimodal: y\[2\] is NaN;/);
  assertLogitlabError(
    () => fitUnimodal([1, 2, 0, 4, 5], [1, 2, 3, 2, 1], { model: "lognormal" }),
    "fitUnimodal: x[2] = 0 is not positive; the lognormal model needs x > 0",
  );
  assertLogitlabError(
    () => fitUnimodal([1, 2, 3, 4, 5], [1, 2, 3, 2, 1], { model: "gaussian", initial: { width: 0 } }),
    "fitUnimodal: initial width = 0 must be a finite number other than 0",
  );
});
