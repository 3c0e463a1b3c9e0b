import { test } from "node:test";
import assert from "node:assert/strict";
import { normalTwoSidedP } from "../../lib/stats/normalTwoSidedP.js";
import { assertClose, FLOAT64_ITERATIVE, FLOAT64_SPECIAL } from "../tolerances.js";
import { readFixture } from "./support.js";

interface NormalCase { z: number; p: number; exact: number }
const { normal, normalHuge } = readFixture<{ normal: NormalCase[]; normalHuge: { z: number; exact: number }[] }>("special.json");

test("normalTwoSidedP(z) matches 2·scipy.special.ndtr(−|z|) for z from 0 to 37", () => {
  for (const { z, p } of normal) {
    assertClose(normalTwoSidedP(z), p, FLOAT64_ITERATIVE, `z=${z}`);
    assertClose(normalTwoSidedP(-z), p, FLOAT64_ITERATIVE, `z=${-z}`);
  }
});

test("normalTwoSidedP(z) agrees with mpmath erfc(|z|/√2) to 1e-13, down to p ≈ 1e-299", () => {
  for (const { z, exact } of normal) assertClose(normalTwoSidedP(z), exact, FLOAT64_SPECIAL, `z=${z}`);
});

test("normalTwoSidedP is 0 for ±Infinity and NaN for NaN", () => {
  assert.equal(normalTwoSidedP(Infinity), 0);
  assert.equal(normalTwoSidedP(-Infinity), 0);
  assert.ok(Number.isNaN(normalTwoSidedP(Number.NaN)));
});

test("normalTwoSidedP(z) is 0, not NaN, where z² overflows (|z| = 40, 1e10, 1.4e154, 1e200, 1e308)", () => {
  assert.ok(normalHuge.some((c) => c.z > 1.34e154), "the fixture needs a z whose square overflows");
  for (const { z, exact } of normalHuge) {
    assert.equal(normalTwoSidedP(z), exact, `z=${z}`);
    assert.equal(normalTwoSidedP(-z), exact, `z=${-z}`);
  }
});
