import { test } from "node:test";
import assert from "node:assert/strict";
import { mcnemar } from "../../lib/stats/mcnemar.js";
import { assertClose, FLOAT64_ITERATIVE } from "../tolerances.js";
import { assertLogitlabError } from "./support.js";
import { readStudyFixture } from "./studyFixtures.js";

interface McNemarCase {
  name: string; first: number[]; second: number[];
  b: number; c: number; bothTrue: number; bothFalse: number; exactP: number; chiSquare: number; chiSquareP: number;
}
const { cases } = readStudyFixture<{ cases: McNemarCase[] }>("mcnemar.json");

test("mcnemar(first, second) matches scipy: b, c, binomtest(b, b + c, 0.5) and chi2.sf of the corrected statistic", () => {
  for (const c of cases) {
    const result = mcnemar(c.first, c.second);
    assert.deepEqual([result.b, result.c, result.bothTrue, result.bothFalse, result.n], [c.b, c.c, c.bothTrue, c.bothFalse, c.first.length], c.name);
    assertClose(result.exactP, c.exactP, FLOAT64_ITERATIVE, `${c.name}: exact p`);
    assertClose(result.chiSquare, c.chiSquare, FLOAT64_ITERATIVE, `${c.name}: chi-square`);
    assertClose(result.chiSquareP, c.chiSquareP, FLOAT64_ITERATIVE, `${c.name}: chi-square p`);
    assert.equal(result.p, result.exactP, `${c.name}: p is the exact p`);
  }
});

test("mcnemar keeps a tiny exact p (300 vs 20 discordant pairs) to 1e-10 relative", () => {
  const c = cases.find((k) => k.name === "lopsided 300 vs 20");
  assert.ok(c && c.exactP < 1e-50, "fixture should have a tiny p");
  assertClose(mcnemar(c.first, c.second).exactP, c.exactP, FLOAT64_ITERATIVE, "exact p");
});

test("mcnemar with b = c gives p = 1 and a zero corrected statistic; without discordant pairs p = 1 and NaN chi-square", () => {
  const tie = mcnemar([1, 1, 0, 0, 1, 0], [0, 0, 1, 1, 1, 0]);
  assert.deepEqual([tie.b, tie.c, tie.p, tie.chiSquare, tie.chiSquareP], [2, 2, 1, 0, 1]);
  const none = mcnemar([true, false], [true, false]);
  assert.equal(none.p, 1);
  assert.ok(Number.isNaN(none.chiSquare) && Number.isNaN(none.chiSquareP));
  const single = mcnemar([1], [0]);
  assert.deepEqual([single.b, single.c, single.p], [1, 0, 1]);
});

test("mcnemar accepts booleans and 0/1 alike, and swapping the techniques swaps b and c only", () => {
  const a = [true, true, false, true, false, true, true];
  const b = [false, true, true, false, false, false, true];
  const asNumbers = mcnemar(a.map(Number), b.map(Number));
  assert.deepEqual(mcnemar(a, b), asNumbers);
  const swapped = mcnemar(b, a);
  assert.deepEqual([swapped.b, swapped.c, swapped.p], [asNumbers.c, asNumbers.b, asNumbers.p]);
});

test("mcnemar rejects empty input, unequal lengths and values other than true/false/1/0, naming the index", () => {
  assertLogitlabError(() => mcnemar([], []), "mcnemar needs at least 1 pair, got 0");
  assertLogitlabError(() => mcnemar([1, 0], [1]), "mcnemar needs paired outcomes of equal length, got 2 and 1");
  assertLogitlabError(() => mcnemar([1, 2], [1, 0]), "mcnemar: first[1] is 2; outcomes must be true/false or 1/0");
  assertLogitlabError(() => mcnemar([1, 0], [1, Number.NaN]), "mcnemar: second[1] is NaN; outcomes must be true/false or 1/0");
  // @ts-expect-error: strings on purpose
  assertLogitlabError(() => mcnemar(["yes"], [true]), 'mcnemar: first[0] is "yes"; outcomes must be true/false or 1/0');
  // @ts-expect-error: null on purpose
  assertLogitlabError(() => mcnemar(null, [true]), "mcnemar: first must be an array of booleans (or 0/1), got null");
});
