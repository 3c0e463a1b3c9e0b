import { test } from "node:test";
import assert from "node:assert/strict";
import { studentTTwoSidedP } from "../../lib/stats/studentTTwoSidedP.js";
import { assertClose, FLOAT64_ITERATIVE, FLOAT64_SPECIAL } from "../tolerances.js";
import { readFixture } from "./support.js";

interface StudentCase { df: number; t: number; p: number; exact: number }
const { studentT } = readFixture<{ studentT: StudentCase[] }>("special.json");

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
