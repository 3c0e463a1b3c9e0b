// compareStep / comparePair on hand-computed small cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compareStep } from "../../../lib/studies/stability/compareStep.js";
import { comparePair } from "../../../lib/studies/stability/comparePair.js";
import type { ComparedStep } from "../../../lib/studies/stability/types.js";
import { LogitlabError } from "../../../lib/util/errors.js";
import { assertClose, FLOAT64 } from "../../tolerances.js";

/** A step whose top_k list is already sorted (as parseRunFile returns it). */
const s = (id: number, prob: number, ids: number[], probs: number[]): ComparedStep =>
  ({ id, prob, topIds: Int32Array.from(ids), topProbs: Float64Array.from(probs) });
const K2 = { k: 2, m: 1, cutoffTopP: 0.9 };

test("compareStep leaves every metric null when the chosen ids differ", () => {
  const row = compareStep(s(1, 0.5, [1, 2, 3], [0.5, 0.3, 0.2]), s(2, 0.4, [2, 1, 3], [0.4, 0.35, 0.25]), K2, 4);
  assert.equal(row.agree, false);
  assert.equal(row.step, 4);
  assert.deepEqual([row.referenceId, row.checkId, row.referenceProb, row.checkProb], [1, 2, 0.5, 0.4]);
  for (const key of ["epsilon", "relativeEpsilon", "topkLength", "shortList", "setPreserved", "orderPreserved", "overlap", "eligible", "margin", "changed", "boundarySwap"] as const) {
    assert.equal(row[key], null, key);
  }
});

test("compareStep: epsilon = |p_ref − p_check| and relative epsilon = epsilon / p_ref", () => {
  const row = compareStep(s(1, 0.5, [1, 2, 3], [0.5, 0.3, 0.2]), s(1, 0.4, [1, 2, 3], [0.4, 0.35, 0.25]), K2, 0);
  assertClose(row.epsilon as number, 0.09999999999999998, FLOAT64, "epsilon"); // 0.5 - 0.4 in float64
  assertClose(row.relativeEpsilon as number, 0.19999999999999996, FLOAT64, "relative");
});

test("compareStep: relative epsilon is Infinity when only p_ref is 0, and 0 when both are", () => {
  assert.equal(compareStep(s(1, 0, [2, 1], [0.6, 0]), s(1, 0.1, [2, 1], [0.5, 0.1]), K2, 0).relativeEpsilon, Infinity);
  assert.equal(compareStep(s(1, 0, [2, 1], [0.6, 0]), s(1, 0, [2, 1], [0.5, 0]), K2, 0).relativeEpsilon, 0);
});

test("compareStep: a swapped pair inside the top-K keeps the set but not the order", () => {
  const row = compareStep(s(1, 0.5, [1, 2, 3], [0.5, 0.3, 0.2]), s(1, 0.4, [2, 1, 3], [0.41, 0.4, 0.19]), K2, 0);
  assert.deepEqual([row.setPreserved, row.orderPreserved, row.overlap, row.topkLength, row.shortList], [true, false, 1, 2, false]);
  assert.deepEqual([row.eligible, row.changed, row.boundarySwap], [true, false, null]);
  assertClose(row.margin as number, 0.09999999999999998, FLOAT64, "margin = 0.3 - 0.2");
});

test("compareStep: an id entering from rank K+1 ≤ K+M is a boundary swap", () => {
  // K = 2, M = 1: reference top-2 {1, 2}, check top-2 {1, 3}; 3 is the reference's rank 3 ≤ K+M.
  const row = compareStep(s(1, 0.5, [1, 2, 3, 4], [0.5, 0.3, 0.15, 0.05]), s(1, 0.4, [1, 3, 2, 4], [0.4, 0.3, 0.25, 0.05]), K2, 0);
  assert.deepEqual([row.setPreserved, row.orderPreserved, row.overlap], [false, false, 0.5]);
  assert.deepEqual([row.eligible, row.changed, row.boundarySwap], [true, true, true]);
  assertClose(row.margin as number, 0.15, FLOAT64, "margin = 0.3 - 0.15");
});

test("compareStep: an id entering from beyond the reference's top-(K+M) is not a boundary swap", () => {
  // Same lists, M = 0: the window is the reference's top-2, which does not hold 3.
  const row = compareStep(s(1, 0.5, [1, 2, 3, 4], [0.5, 0.3, 0.15, 0.05]), s(1, 0.4, [1, 3, 2, 4], [0.4, 0.3, 0.25, 0.05]), { ...K2, m: 0 }, 0);
  assert.deepEqual([row.changed, row.boundarySwap], [true, false]);
  // An id the reference does not list at all is never a boundary swap.
  const far = compareStep(s(1, 0.5, [1, 2, 3], [0.5, 0.3, 0.2]), s(1, 0.4, [1, 9, 2], [0.4, 0.3, 0.2]), { ...K2, m: 5 }, 0);
  assert.deepEqual([far.changed, far.boundarySwap], [true, false]);
});

test("compareStep: a step is not eligible when the reference top-1 reaches the cut-off or has fewer than K+1 entries", () => {
  const peaked = compareStep(s(1, 0.95, [1, 2, 3], [0.95, 0.03, 0.02]), s(1, 0.95, [1, 3, 2], [0.95, 0.03, 0.02]), K2, 0);
  assert.deepEqual([peaked.eligible, peaked.margin, peaked.changed, peaked.setPreserved], [false, null, null, false]);
  const atCutoff = compareStep(s(1, 0.9, [1, 2, 3], [0.9, 0.06, 0.04]), s(1, 0.9, [1, 2, 3], [0.9, 0.06, 0.04]), K2, 0);
  assert.equal(atCutoff.eligible, false);
  const short = compareStep(s(1, 0.5, [1, 2], [0.5, 0.3]), s(1, 0.5, [1, 2], [0.5, 0.3]), K2, 0);
  assert.equal(short.eligible, false);
});

test("compareStep compares lists shorter than K on the shorter length and flags them", () => {
  const row = compareStep(s(1, 0.5, [1, 2], [0.5, 0.3]), s(1, 0.5, [1, 2, 3, 4], [0.5, 0.2, 0.2, 0.1]), { k: 3, m: 1, cutoffTopP: 0.9 }, 0);
  assert.deepEqual([row.topkLength, row.shortList, row.setPreserved, row.orderPreserved, row.overlap], [2, true, true, true, 1]);
  const partial = compareStep(s(1, 0.5, [1, 2, 5], [0.5, 0.3, 0.1]), s(1, 0.5, [1, 7], [0.5, 0.3]), { k: 3, m: 1, cutoffTopP: 0.9 }, 0);
  assert.deepEqual([partial.topkLength, partial.shortList, partial.setPreserved, partial.overlap], [2, true, false, 0.5]);
});

test("comparePair: perplexity = exp(−mean log p) over agreeing steps only", () => {
  const one = (id: number, p: number) => s(id, p, [id], [p]);
  const pair = comparePair([one(1, 0.5), one(2, 0.25), one(3, 0.9)], [one(1, 0.25), one(2, 0.25), one(4, 0.1)], { k: 1, m: 0, cutoffTopP: 0.9 });
  assert.equal(pair.agreeingSteps, 2);
  assertClose(pair.referencePerplexity, Math.SQRT2 * 2, FLOAT64, "reference: exp(-(ln .5 + ln .25)/2) = 2√2");
  assertClose(pair.checkPerplexity, 4, FLOAT64, "check: exp(-ln .25) = 4");
});

test("comparePair: a zero probability gives an infinite perplexity, and no agreeing step gives NaN", () => {
  const one = (id: number, p: number) => s(id, p, [id], [p]);
  const zero = comparePair([one(1, 0.5), one(2, 0.5)], [one(1, 0), one(2, 0.5)], { k: 1, m: 0, cutoffTopP: 0.9 });
  assert.equal(zero.checkPerplexity, Infinity);
  assertClose(zero.referencePerplexity, 2, FLOAT64, "reference");
  const none = comparePair([one(1, 0.5)], [one(2, 0.5)], { k: 1, m: 0, cutoffTopP: 0.9 });
  assert.ok(Number.isNaN(none.referencePerplexity) && Number.isNaN(none.checkPerplexity));
});

test("comparePair rejects files with different step counts", () => {
  const one = (id: number, p: number) => s(id, p, [id], [p]);
  assert.throws(() => comparePair([one(1, 0.5)], [one(1, 0.5), one(1, 0.5)], { k: 1, m: 0, cutoffTopP: 0.9 }), (e: unknown) =>
    e instanceof LogitlabError && /the check file has 2 steps, its reference has 1/.test(e.message));
});
