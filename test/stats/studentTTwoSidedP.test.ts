import { test } from "node:test";
import assert from "node:assert/strict";
import { studentTTwoSidedP } from "../../lib/stats/studentTTwoSidedP.js";
import { assertClose, FLOAT64_ITERATIVE, FLOAT64_SPECIAL, FLOAT64_SPECIAL_SUBNORMAL } from "../tolerances.js";
import { readFixture } from "./support.js";

interface StudentCase { df: number; t: number; p: number; exact: number }
interface HugeCase { df: number; t: number; exact: number }
const { studentT, studentTHuge } = readFixture<{ studentT: StudentCase[]; studentTHuge: HugeCase[] }>("special.json");

test("studentTTwoSidedP(t, df) matches 2·scipy.special.stdtr(df, −|t|) from 1 to 1e7 degrees of freedom", () => {
  for (const dfWanted of [10, 1e3, 1e5, 1e6]) assert.ok(studentT.some((c) => c.df === dfWanted), `fixture lacks df=${dfWanted}`);
  for (const { df, t, p } of studentT) {
    assertClose(studentTTwoSidedP(t, df), p, FLOAT64_ITERATIVE, `df=${df} t=${t}`);
    assertClose(studentTTwoSidedP(-t, df), p, FLOAT64_ITERATIVE, `df=${df} t=${-t}`);
  }
});

test("studentTTwoSidedP(t, df) agrees with 50-digit mpmath to 1e-13, also at 1e6 df where a plain continued fraction drifts", () => {
  for (const { df, t, exact } of studentT) assertClose(studentTTwoSidedP(t, df), exact, FLOAT64_SPECIAL, `df=${df} t=${t}`);
});

test("studentTTwoSidedP(t, df) keeps tiny p-values (1e-30, 1e-100, 1e-300) to full relative precision", () => {
  const tiny = studentT.filter((c) => c.p < 1e-25);
  assert.ok(tiny.length >= 20, `only ${tiny.length} tiny-p cases in the fixture`);
  for (const { df, t, exact } of tiny) assertClose(studentTTwoSidedP(t, df), exact, FLOAT64_SPECIAL, `df=${df} t=${t}`);
});

test("studentTTwoSidedP gives 1 at t = 0, 0 at t = ±Infinity and NaN for NaN or df ≤ 0", () => {
  assert.equal(studentTTwoSidedP(0, 5), 1);
  assert.equal(studentTTwoSidedP(Infinity, 5), 0);
  assert.equal(studentTTwoSidedP(-Infinity, 1e6), 0);
  assert.ok(Number.isNaN(studentTTwoSidedP(Number.NaN, 5)));
  assert.ok(Number.isNaN(studentTTwoSidedP(1, 0)));
});

test("studentTTwoSidedP(t, df) stays finite and exact where t² overflows (|t| = 1.4e154, 1e160, 1e200, 1e308)", () => {
  assert.ok(studentTHuge.filter((c) => c.exact > 0).length >= 5, "the fixture needs representable far-tail p-values");
  for (const { df, t, exact } of studentTHuge) {
    for (const sign of [1, -1]) {
      const p = studentTTwoSidedP(sign * t, df);
      assert.ok(!Number.isNaN(p), `df=${df} t=${sign * t} gave NaN`);
      assertClose(p, exact, FLOAT64_SPECIAL_SUBNORMAL, `df=${df} t=${sign * t}`);
    }
  }
});
