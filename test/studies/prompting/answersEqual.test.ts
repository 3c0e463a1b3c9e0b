import { test } from "node:test";
import assert from "node:assert/strict";
import { answersEqual } from "../../../lib/studies/prompting/answersEqual.js";
import { extractAnswer } from "../../../lib/studies/prompting/extractAnswer.js";
import { parseGold } from "../../../lib/studies/prompting/parseGold.js";

test("answersEqual compares numbers exactly, with no tolerance", () => {
  assert.equal(answersEqual(72, 72), true);
  assert.equal(answersEqual(0.75, 3 / 4), true);
  assert.equal(answersEqual(0.33, 1 / 3), false);
  assert.equal(answersEqual(72, 72.000001), false);
  assert.equal(answersEqual(-0, 0), true);
});

test("answersEqual is false when either side is buggy (null) or NaN", () => {
  assert.equal(answersEqual(null, 72), false);
  assert.equal(answersEqual(72, null), false);
  assert.equal(answersEqual(null, null), false);
  assert.equal(answersEqual(Number.NaN, Number.NaN), false);
});

test("strict extraction and strict gold agree on a negative answer (both lose the sign), as in the original", () => {
  const gold = parseGold("4 - 7 = -3\n#### -3").answer;
  assert.equal(answersEqual(extractAnswer('#### {"answer": -3}', "cot").answer, gold), true);
  assert.equal(answersEqual(extractAnswer('#### {"answer": 3}', "cot").answer, gold), true, "the original's strip cannot tell 3 from −3");
  const robustGold = parseGold("4 - 7 = -3\n#### -3", { mode: "robust" }).answer;
  assert.equal(answersEqual(extractAnswer('#### {"answer": 3}', "cot", { mode: "robust" }).answer, robustGold), false);
});

test("\"72.0\" and \"72\" read as the same number in both modes", () => {
  for (const mode of ["strict", "robust"] as const) {
    assert.equal(answersEqual(extractAnswer('{"answer": "72.0"}', "baseline", { mode }).answer, parseGold("#### 72", { mode }).answer), true);
  }
});
