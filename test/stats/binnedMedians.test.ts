import { test } from "node:test";
import assert from "node:assert/strict";
import { binnedMedians, type BinnedMediansResult } from "../../lib/stats/binnedMedians.js";
import { assertAllClose, FLOAT64 } from "../tolerances.js";
import { assertLogitlabError, readFixture } from "./support.js";

interface BinnedCase {
  name: string;
  dataset: string;
  bins: number;
  method: "equal-width" | "quantile";
  expected: BinnedMediansResult;
}
const fixture = readFixture<{ datasets: Record<string, { x: number[]; y: number[] }>; cases: BinnedCase[] }>("binnedMedians.json");

test("binnedMedians(x, y, {bins, method}) matches numpy: edges, centres, counts, medians and quartiles per bin", () => {
  for (const c of fixture.cases) {
    const { x, y } = fixture.datasets[c.dataset];
    const result = binnedMedians(x, y, { bins: c.bins, method: c.method });
    assert.deepEqual(result.counts, c.expected.counts, `${c.name}: counts`);
    for (const key of ["edges", "centres", "medians", "q25", "q75", "iqr"] as const) {
      assertAllClose(result[key], c.expected[key], FLOAT64, `${c.name}: ${key}`);
    }
  }
});

test("binnedMedians keeps empty bins with count 0 and NaN summaries", () => {
  const tied = fixture.cases.filter((c) => c.dataset === "tied");
  assert.ok(tied.some((c) => c.expected.counts.includes(0)), "fixture should contain empty bins");
  const result = binnedMedians([0, 0, 0, 10], [1, 2, 3, 4], { bins: 5, method: "equal-width" });
  assert.deepEqual(result.counts, [3, 0, 0, 0, 1]);
  assert.deepEqual(result.medians.map((m) => (Number.isNaN(m) ? null : m)), [2, null, null, null, 4]);
  assert.ok(Number.isNaN(result.iqr[1]) && Number.isNaN(result.q25[2]) && Number.isNaN(result.q75[3]));
});

test("binnedMedians puts a value on an inner edge in the upper bin and max(x) in the last bin", () => {
  const result = binnedMedians([0, 1, 2, 3, 4], [10, 11, 12, 13, 14], { bins: 2, method: "equal-width" });
  assert.deepEqual(result.edges, [0, 2, 4]);
  assert.deepEqual(result.counts, [2, 3]);
  assert.deepEqual(result.medians, [10.5, 13]);
});

test("binnedMedians with quantile bins gives every bin about n/bins points", () => {
  const x = Array.from({ length: 100 }, (_, i) => (i * 37) % 101);
  const result = binnedMedians(x, x, { bins: 4, method: "quantile" });
  assert.deepEqual(result.counts, [25, 25, 25, 25]);
});

test("binnedMedians rejects a bad bin count, an unknown method, unequal lengths and NaN", () => {
  assertLogitlabError(() => binnedMedians([1, 2], [1, 2], { bins: 0, method: "quantile" }), "binnedMedians: bins must be an integer ≥ 1, got 0");
  assertLogitlabError(() => binnedMedians([1, 2], [1, 2], { bins: 2.5, method: "quantile" }), "binnedMedians: bins must be an integer ≥ 1, got 2.5");
  assertLogitlabError(
    // @ts-expect-error: an invalid method on purpose
    () => binnedMedians([1, 2], [1, 2], { bins: 2, method: "log" }),
    'binnedMedians: method must be "equal-width" or "quantile", got "log"',
  );
  assertLogitlabError(() => binnedMedians([1, 2], [1], { bins: 2, method: "quantile" }), "binnedMedians needs x and y of equal length, got 2 and 1");
  assertLogitlabError(() => binnedMedians([], [], { bins: 2, method: "quantile" }), "binnedMedians needs at least 1 pair, got 0");
  assertLogitlabError(() => binnedMedians([1, 2], [Number.NaN, 1], { bins: 2, method: "quantile" }), /^binnedMedians: y\[0\] is NaN;/);
});
