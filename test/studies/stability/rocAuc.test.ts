// rocAuc: Mann–Whitney AUC with midranks, on hand-counted cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rocAuc } from "../../../lib/studies/stability/rocAuc.js";

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
  assert.throws(() => rocAuc([1, NaN], [0, 1]), /score 1 is NaN/);
  assert.throws(() => rocAuc([1, 2], [0]), /one label per score/);
});
