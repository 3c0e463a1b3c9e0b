// rocAucSorted: rocAuc for scores split by class and sorted, against scipy's Mann–Whitney U.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rocAuc } from "../../lib/stats/rocAuc.js";
import { rocAucSorted } from "../../lib/stats/rocAucSorted.js";
import { seededRandom } from "../../lib/util/seededRandom.js";
import { assertClose, FLOAT64 } from "../tolerances.js";
import { readFixture } from "./support.js";

interface AucCase { name: string; scores: number[]; labels: number[]; expected: number }
const { cases } = readFixture<{ cases: AucCase[] }>("rocAuc.json");

const split = (scores: ArrayLike<number>, labels: ArrayLike<number | boolean>) => {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) (labels[i] ? pos : neg).push(scores[i]);
  return { pos: Float64Array.from(pos).sort(), neg: Float64Array.from(neg).sort() };
};

test("rocAucSorted(pos, neg) is U / (n₊ n₋) of scipy.stats.mannwhitneyu", () => {
  for (const c of cases) {
    const { pos, neg } = split(c.scores, c.labels);
    assertClose(rocAucSorted(pos, neg), c.expected, FLOAT64, c.name);
  }
});

test("rocAucSorted equals rocAuc exactly on tied random scores, and swapping the classes gives 1 − AUC", () => {
  const random = seededRandom(11);
  const scores = Array.from({ length: 2000 }, () => Math.round(random() * 50) / 50);
  const labels = scores.map((s) => random() < 0.2 + 0.6 * s);
  const { pos, neg } = split(scores, labels);
  assert.equal(rocAucSorted(pos, neg), rocAuc(scores, labels));
  assertClose(rocAucSorted(neg, pos), 1 - rocAucSorted(pos, neg), FLOAT64);
});

test("rocAucSorted is NaN when a class is empty", () => {
  assert.ok(Number.isNaN(rocAucSorted([], [1, 2])));
  assert.ok(Number.isNaN(rocAucSorted([1], [])));
});
