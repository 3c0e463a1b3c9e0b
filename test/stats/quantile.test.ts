import { test } from "node:test";
import assert from "node:assert/strict";
import { quantile } from "../../lib/stats/quantile.js";
import { assertAllClose, FLOAT64 } from "../tolerances.js";
import { assertLogitlabError, readFixture } from "./support.js";

interface QuantileCase { name: string; values: number[]; q: number[]; expected: number[] }
const fixture = readFixture<{ quantile: QuantileCase[] }>("quantile.json");

test("quantile(values, q) matches numpy.quantile's default linear interpolation", () => {
  for (const c of fixture.quantile) {
    assertAllClose(quantile(c.values, c.q), c.expected, FLOAT64, c.name);
    c.q.forEach((q, i) => assertAllClose(quantile(c.values, q), c.expected[i], FLOAT64, `${c.name} q=${q}`));
  }
});

test("quantile(values, 0.5) is the median and q = 0 / 1 are the extremes", () => {
  assert.equal(quantile([5, 1, 4, 2, 3], 0.5), 3);
  assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
  assert.equal(quantile([4, -1, 3, 2], 0), -1);
  assert.equal(quantile([4, -1, 3, 2], 1), 4);
});

test("quantile accepts typed arrays and leaves its input unsorted", () => {
  const values = new Float64Array([3, 1, 2]);
  assert.equal(quantile(values, 0.5), 2);
  assert.deepEqual(Array.from(values), [3, 1, 2]);
});

test("quantile rejects empty input, non-finite values and q outside [0, 1]", () => {
  assertLogitlabError(() => quantile([], 0.5), "quantile needs at least 1 value in values, got 0");
  assertLogitlabError(() => quantile([1, Number.NaN], 0.5), /^quantile: values\[1\] is NaN;/);
  assertLogitlabError(() => quantile([1, 2], 1.5), "quantile: q = 1.5 is outside [0, 1]");
  assertLogitlabError(() => quantile([1, 2], [0.5, -0.1]), "quantile: q[1] = -0.1 is outside [0, 1]");
});
