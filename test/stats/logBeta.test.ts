import { test } from "node:test";
import assert from "node:assert/strict";
import { logBeta } from "../../lib/stats/logBeta.js";
import { assertClose } from "../tolerances.js";
import { readFixture } from "./support.js";

interface LogBetaCase { a: number; b: number; value: number }
const { logBeta: cases } = readFixture<{ logBeta: LogBetaCase[] }>("special.json");

// ln B is used as an exponent, so what matters is its absolute error (1e-13 absolute is 1e-13
// relative in exp(… − ln B)); ln B(1, 1) = 0 has no relative precision to test.
const EXPONENT = { rtol: 1e-14, atol: 1e-13 };

test("logBeta(a, b) matches 50-digit mpmath (where scipy.special.betaln is 2e-10 off), including a huge argument next to a small one", () => {
  for (const { a, b, value } of cases) assertClose(logBeta(a, b), value, EXPONENT, `ln B(${a}, ${b})`);
});

test("logBeta is symmetric and NaN for non-positive arguments", () => {
  assert.equal(logBeta(0.5, 5e5), logBeta(5e5, 0.5));
  assert.ok(Number.isNaN(logBeta(0, 1)));
  assert.ok(Number.isNaN(logBeta(1, -2)));
});
