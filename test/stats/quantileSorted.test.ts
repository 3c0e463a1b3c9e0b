import { test } from "node:test";
import assert from "node:assert/strict";
import { quantile } from "../../lib/stats/quantile.js";
import { quantileSorted } from "../../lib/stats/quantileSorted.js";
import { assertAllClose, FLOAT64 } from "../tolerances.js";
import { assertLogitlabError, readFixture } from "./support.js";

interface QuantileCase { name: string; values: number[]; q: number[]; expected: number[] }
const fixture = readFixture<{ quantile: QuantileCase[] }>("quantile.json");
const ascending = (values: number[]) => Float64Array.from(values).sort();

test("quantileSorted(sortedValues, q) matches numpy.quantile's default linear interpolation", () => {
  for (const c of fixture.quantile) {
    const sorted = ascending(c.values);
    assertAllClose(quantileSorted(sorted, c.q), c.expected, FLOAT64, c.name);
    c.q.forEach((q, i) => assertAllClose(quantileSorted(sorted, q), c.expected[i], FLOAT64, `${c.name} q=${q}`));
  }
});

test("quantileSorted equals quantile bit for bit and reads its input in place, plain or typed", () => {
  for (const c of fixture.quantile) {
    const sorted = ascending(c.values);
    const before = Array.from(sorted);
    assert.deepEqual(quantileSorted(sorted, c.q), quantile(c.values, c.q), c.name);
    assert.deepEqual(quantileSorted(Array.from(sorted), c.q), quantile(c.values, c.q), c.name);
    assert.deepEqual(Array.from(sorted), before);
  }
});

test("quantileSorted(sortedValues, 0 / 1) gives the extremes and 0.5 the median", () => {
  assert.deepEqual(quantileSorted([-1, 2, 3, 4], [0, 0.5, 1]), [-1, 2.5, 4]);
  assert.equal(quantileSorted([7], 0.99), 7);
});

test("quantileSorted rejects empty input and q outside [0, 1], and NaN or a descending pair where it reads", () => {
  assertLogitlabError(() => quantileSorted([], 0.5), "quantileSorted needs at least 1 value in sortedValues, got 0");
  assertLogitlabError(() => quantileSorted([1, 2], 1.5), "quantileSorted: q = 1.5 is outside [0, 1]");
  assertLogitlabError(() => quantileSorted([1, 2], [0.5, Number.NaN]), "quantileSorted: q[1] = NaN is outside [0, 1]");
  assertLogitlabError(() => quantileSorted([1, Number.NaN, 3], 0.5), /^quantileSorted: sortedValues\[1\] is NaN;/);
  assertLogitlabError(() => quantileSorted([3, 2, 1], 0.25), "quantileSorted: sortedValues are not ascending: [0] = 3 > [1] = 2");
});
