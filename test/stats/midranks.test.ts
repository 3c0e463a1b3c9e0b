import { test } from "node:test";
import assert from "node:assert/strict";
import { midranks } from "../../lib/stats/midranks.js";
import { assertLogitlabError, readFixture } from "./support.js";

interface RankCase { name: string; values: number[]; expected: number[] }
const fixture = readFixture<{ midranks: RankCase[] }>("quantile.json");

test('midranks(values) matches scipy.stats.rankdata(values, method="average")', () => {
  for (const c of fixture.midranks) assert.deepEqual(midranks(c.values), c.expected, c.name);
});

test("midranks(values) gives tied values the average of the ranks they span", () => {
  assert.deepEqual(midranks([7, 3, 7, 7, 1]), [4, 2, 4, 4, 1]);
  assert.deepEqual(midranks([2, 2]), [1.5, 1.5]);
  assert.deepEqual(midranks([42]), [1]);
});

test("midranks rejects empty input and NaN, naming the index", () => {
  assertLogitlabError(() => midranks([]), "midranks needs at least 1 value in values, got 0");
  assertLogitlabError(() => midranks([1, 2, Number.NaN]), /^midranks: values\[2\] is NaN;/);
});
