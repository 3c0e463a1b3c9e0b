import { test } from "node:test";
import assert from "node:assert/strict";
import { logGamma } from "../../lib/stats/logGamma.js";
import { assertClose } from "../tolerances.js";
import { readFixture } from "./support.js";

interface LogGammaCase { z: number; value: number }
const { logGamma: cases } = readFixture<{ logGamma: LogGammaCase[] }>("special.json");

// Used as an exponent: absolute error is what counts (see logBeta.test.ts).
const EXPONENT = { rtol: 1e-14, atol: 1e-13 };

test("logGamma(z) matches 50-digit mpmath from 1e-6 to 1e6", () => {
  for (const { z, value } of cases) assertClose(logGamma(z), value, EXPONENT, `ln Γ(${z})`);
});

test("logGamma is NaN for z ≤ 0 and Infinity at Infinity", () => {
  assert.ok(Number.isNaN(logGamma(0)));
  assert.ok(Number.isNaN(logGamma(-1.5)));
  assert.equal(logGamma(Infinity), Infinity);
});
