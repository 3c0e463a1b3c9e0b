// rocAuc: Mann–Whitney AUC with midranks, on hand-counted cases and against scipy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rocAuc } from "../../lib/stats/rocAuc.js";
import { assertClose, FLOAT64 } from "../tolerances.js";
import { assertLogitlabError, readFixture } from "./support.js";

interface AucCase { name: string; scores: number[]; labels: number[]; expected: number }
const { cases } = readFixture<{ cases: AucCase[] }>("rocAuc.json");

test("rocAuc(scores, labels) is U / (n₊ n₋) of scipy.stats.mannwhitneyu, ties by midranks", () => {
  for (const c of cases) {
    assertClose(rocAuc(c.scores, c.labels), c.expected, FLOAT64, c.name);
    assertClose(rocAuc(Float64Array.from(c.scores), c.labels.map(Boolean)), c.expected, FLOAT64, c.name);
  }
});

test("rocAuc is 1 for perfect separation and 0 for reversed", () => {
  assert.equal(rocAuc([1, 2, 3, 4], [0, 0, 1, 1]), 1);
  assert.equal(rocAuc([1, 2, 3, 4], [1, 1, 0, 0]), 0);
});

test("rocAuc counts a tie between classes as 1/2 (midranks)", () => {
  // pairs (pos, neg): (0.4, 0.1) 1, (0.4, 0.4) ½, (0.8, 0.1) 1, (0.8, 0.4) 1 → 3.5 / 4
  assert.equal(rocAuc([0.1, 0.4, 0.4, 0.8], [false, true, false, true]), 0.875);
  // all scores equal → ½
  assert.equal(rocAuc([2, 2, 2, 2, 2], [1, 0, 1, 0, 0]), 0.5);
});

test("rocAuc handles ties within a class and many-way ties across classes", () => {
  // pos {1, 3, 3}, neg {1, 1, 2, 3}: by pairs 1:(½+½+0+0) 3:(1+1+1+½) twice → 1 + 3.5 + 3.5 = 8 over 12
  assert.equal(rocAuc([1, 3, 3, 1, 1, 2, 3], [1, 1, 1, 0, 0, 0, 0]), 8 / 12);
});

test("rocAuc accepts infinite scores and gives NaN when a class is empty", () => {
  assert.equal(rocAuc([-Infinity, Infinity], [0, 1]), 1);
  assert.ok(Number.isNaN(rocAuc([1, 2], [0, 0])));
  assert.ok(Number.isNaN(rocAuc([], [])));
});

test("rocAuc rejects NaN scores and mismatched lengths", () => {
  assertLogitlabError(() => rocAuc([1, NaN], [0, 1]), "rocAuc: score 1 is NaN");
  assertLogitlabError(() => rocAuc([1, 2], [0]), "rocAuc needs one label per score, got 2 scores and 1 labels");
});
