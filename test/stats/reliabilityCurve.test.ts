import { test } from "node:test";
import assert from "node:assert/strict";
import { reliabilityCurve, type ReliabilityBin } from "../../lib/stats/reliabilityCurve.js";
import { assertClose, FLOAT64, type Tolerance } from "../tolerances.js";
import { assertLogitlabError } from "./support.js";
import { readStudyFixture } from "./studyFixtures.js";

interface ReliabilityCase { name: string; scores: number[]; correct: number[]; bins: number; level: number; expected: ReliabilityBin[] }
const { cases } = readStudyFixture<{ cases: ReliabilityCase[] }>("reliabilityCurve.json");
const WILSON: Tolerance = { rtol: 1e-14, atol: 1e-15 };

test("reliabilityCurve(scores, correct) matches the numpy binning rule: counts, score ranges, means, accuracies and scipy Wilson intervals", () => {
  for (const c of cases) {
    const result = reliabilityCurve(c.scores, c.correct, { bins: c.bins, level: c.level });
    assert.equal(result.length, c.bins, c.name);
    assert.deepEqual(result.map((b) => [b.n, b.correct]), c.expected.map((b) => [b.n, b.correct]), `${c.name}: n and correct`);
    result.forEach((bin, i) => {
      const e = c.expected[i];
      for (const key of ["scoreLow", "scoreHigh", "meanScore", "accuracy"] as const) assertClose(bin[key], e[key], FLOAT64, `${c.name} bin ${i}: ${key}`);
      assertClose(bin.low, e.low, WILSON, `${c.name} bin ${i}: low`);
      assertClose(bin.high, e.high, WILSON, `${c.name} bin ${i}: high`);
    });
  }
});

test("reliabilityCurve never splits tied scores, keeps the bins they empty, and does not depend on input order", () => {
  const heavy = cases.find((c) => c.name === "a tied group spanning several bins");
  assert.ok(heavy && heavy.expected.some((b) => b.n === 0), "fixture should have empty bins");
  const result = reliabilityCurve([0, 0, 0, 0, 1, 2], [1, 1, 0, 0, 1, 0], { bins: 3 });
  assert.deepEqual(result.map((b) => b.n), [4, 0, 2]);
  assert.ok(Number.isNaN(result[1].accuracy) && Number.isNaN(result[1].low));
  const order = [5, 2, 0, 4, 1, 3];
  const shuffled = reliabilityCurve(order.map((i) => [0, 0, 0, 0, 1, 2][i]), order.map((i) => [1, 1, 0, 0, 1, 0][i]), { bins: 3 });
  assert.deepEqual(JSON.stringify(shuffled), JSON.stringify(result));
});

test("reliabilityCurve with one item, all-equal scores, and deciles by default", () => {
  const one = reliabilityCurve([0.5], [true], { bins: 1 });
  assert.deepEqual([one[0].n, one[0].accuracy, one[0].high], [1, 1, 1]);
  const equal = reliabilityCurve([2, 2, 2, 2], [1, 0, 1, 1]);
  assert.equal(equal.length, 10);
  assert.deepEqual(equal.map((b) => b.n), [4, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(equal[0].accuracy, 0.75);
});

test("reliabilityCurve rejects empty input, unequal lengths, NaN scores, bad outcomes and a bad bin count", () => {
  assertLogitlabError(() => reliabilityCurve([], []), "reliabilityCurve needs at least 1 value in scores, got 0");
  assertLogitlabError(() => reliabilityCurve([1, 2], [1]), "reliabilityCurve needs one outcome per score, got 2 scores and 1 outcomes");
  assertLogitlabError(() => reliabilityCurve([1, Number.NaN], [1, 0]), /^reliabilityCurve: scores\[1\] is NaN;/);
  assertLogitlabError(() => reliabilityCurve([1, 2], [1, 0.5]), "reliabilityCurve: correct[1] is 0.5; outcomes must be true/false or 1/0");
  assertLogitlabError(() => reliabilityCurve([1, 2], [1, 0], { bins: 0 }), "reliabilityCurve: bins must be an integer ≥ 1, got 0");
});
