import { test } from "node:test";
import assert from "node:assert/strict";
import { wilsonInterval } from "../../lib/stats/wilsonInterval.js";
import { assertClose, type Tolerance } from "../tolerances.js";
import { assertLogitlabError } from "./support.js";
import { readStudyFixture } from "./studyFixtures.js";

interface WilsonCase { k: number; n: number; level: number; continuityCorrection: boolean; low: number; high: number; scipy: [number, number] }
const { cases } = readStudyFixture<{ cases: WilsonCase[] }>("wilsonInterval.json");
/** Bounded by 1 and a short formula through Φ⁻¹ (AS 241, ~1e-16): a few ulps absolute. */
const WILSON: Tolerance = { rtol: 1e-14, atol: 1e-15 };

test("wilsonInterval(k, n) matches the Wilson formula in numpy and scipy's binomtest(k, n).proportion_ci(method='wilson')", () => {
  for (const c of cases.filter((k) => !k.continuityCorrection)) {
    const result = wilsonInterval(c.k, c.n, { level: c.level });
    assertClose(result.low, c.low, WILSON, `${c.k}/${c.n} @${c.level}: low`);
    assertClose(result.high, c.high, WILSON, `${c.k}/${c.n} @${c.level}: high`);
    assertClose(result.low, c.scipy[0], WILSON, `${c.k}/${c.n} @${c.level}: scipy low`);
    assert.equal(result.estimate, c.k / c.n);
  }
});

test("wilsonInterval(k, n, {continuityCorrection: true}) matches Newcombe's corrected interval (scipy method='wilsoncc')", () => {
  const corrected = cases.filter((k) => k.continuityCorrection);
  assert.ok(corrected.length >= 40);
  for (const c of corrected) {
    const result = wilsonInterval(c.k, c.n, { level: c.level, continuityCorrection: true });
    assertClose(result.low, c.low, WILSON, `${c.k}/${c.n} @${c.level} cc: low`);
    assertClose(result.high, c.high, WILSON, `${c.k}/${c.n} @${c.level} cc: high`);
    assert.ok(result.low <= wilsonInterval(c.k, c.n, { level: c.level }).low + 1e-15, "the corrected interval is wider");
  }
});

test("wilsonInterval is exactly [0, …] at k = 0 and […, 1] at k = n, also for n = 1", () => {
  assert.equal(wilsonInterval(0, 1).low, 0);
  assert.equal(wilsonInterval(1, 1).high, 1);
  assert.equal(wilsonInterval(0, 30, { continuityCorrection: true }).low, 0);
  assert.equal(wilsonInterval(30, 30, { continuityCorrection: true }).high, 1);
  assert.deepEqual(Object.keys(wilsonInterval(3, 10)).sort(), ["continuityCorrection", "estimate", "high", "level", "low"]);
});

test("wilsonInterval rejects zero trials, counts out of range or not integers, NaN and a bad level", () => {
  assertLogitlabError(() => wilsonInterval(0, 0), "wilsonInterval needs at least 1 trial (an integer), got 0");
  assertLogitlabError(() => wilsonInterval(1, 2.5), "wilsonInterval needs at least 1 trial (an integer), got 2.5");
  assertLogitlabError(() => wilsonInterval(11, 10), "wilsonInterval: successes must be an integer in [0, 10], got 11");
  assertLogitlabError(() => wilsonInterval(-1, 10), "wilsonInterval: successes must be an integer in [0, 10], got -1");
  assertLogitlabError(() => wilsonInterval(Number.NaN, 10), "wilsonInterval: successes must be an integer in [0, 10], got NaN");
  assertLogitlabError(() => wilsonInterval(1.5, 10), "wilsonInterval: successes must be an integer in [0, 10], got 1.5");
  assertLogitlabError(() => wilsonInterval(1, 10, { level: 1 }), "wilsonInterval: level must be in (0, 1), got 1");
  assertLogitlabError(() => wilsonInterval(1, 10, { level: 95 }), "wilsonInterval: level must be in (0, 1), got 95");
});
