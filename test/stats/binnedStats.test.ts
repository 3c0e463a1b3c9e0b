import { test } from "node:test";
import assert from "node:assert/strict";
import { binnedMedians } from "../../lib/stats/binnedMedians.js";
import { binnedStats } from "../../lib/stats/binnedStats.js";
import { assertAllClose, FLOAT64 } from "../tolerances.js";
import { assertLogitlabError } from "./support.js";
import { readStudyFixture } from "./studyFixtures.js";

interface BinnedStatsCase {
  dataset: string; bins: number; method: "equal-width" | "quantile"; ddof: 0 | 1;
  expected: { edges: number[]; counts: number[]; medians: number[]; means: number[]; sds: number[] };
}
const fixture = readStudyFixture<{ datasets: Record<string, { x: number[]; y: number[] }>; cases: BinnedStatsCase[] }>("binnedStats.json");

test("binnedStats(x, y, {bins, method, ddof}) matches numpy: edges, counts, and np.median, np.mean, np.std(ddof) per bin", () => {
  for (const c of fixture.cases) {
    const { x, y } = fixture.datasets[c.dataset];
    const what = `${c.dataset} ${c.bins} ${c.method} ddof=${c.ddof}`;
    const result = binnedStats(x, y, { bins: c.bins, method: c.method, ddof: c.ddof });
    assert.deepEqual(result.counts, c.expected.counts, `${what}: counts`);
    for (const key of ["edges", "medians", "means", "sds"] as const) assertAllClose(result[key], c.expected[key], FLOAT64, `${what}: ${key}`);
    assert.equal(result.ddof, c.ddof);
  }
});

test("binnedStats keeps everything binnedMedians gives, and defaults to the sample SD (ddof 1)", () => {
  const { x, y } = fixture.datasets["entropy-cosine"];
  const options = { bins: 50, method: "equal-width" as const };
  const result = binnedStats(x, y, options);
  const medians = binnedMedians(x, y, options);
  for (const key of Object.keys(medians) as (keyof typeof medians)[]) assert.deepEqual(result[key], medians[key], key);
  assert.equal(result.ddof, 1);
});

test("binnedStats: a one-point bin has SD NaN with ddof 1 and 0 with ddof 0; empty bins are NaN", () => {
  const sample = binnedStats([2], [0.5], { bins: 3, method: "equal-width" });
  assert.deepEqual(sample.counts, [0, 1, 0]);
  assert.ok(Number.isNaN(sample.sds[1]) && Number.isNaN(sample.means[0]) && Number.isNaN(sample.sds[2]));
  assert.equal(sample.means[1], 0.5);
  assert.deepEqual(binnedStats([2], [0.5], { bins: 1, method: "equal-width", ddof: 0 }).sds, [0]);
});

test("binnedStats rejects what binnedMedians rejects, under its own name, and a bad ddof", () => {
  assertLogitlabError(() => binnedStats([], [], { bins: 2, method: "quantile" }), "binnedStats needs at least 1 pair, got 0");
  assertLogitlabError(() => binnedStats([1, 2], [1], { bins: 2, method: "quantile" }), "binnedStats needs x and y of equal length, got 2 and 1");
  assertLogitlabError(() => binnedStats([1, Number.NaN], [1, 2], { bins: 2, method: "quantile" }), /^binnedStats: x\[1\] is NaN;/);
  assertLogitlabError(() => binnedStats([1, 2], [1, 2], { bins: 0, method: "quantile" }), "binnedStats: bins must be an integer ≥ 1, got 0");
  // @ts-expect-error: a bad ddof on purpose
  assertLogitlabError(() => binnedStats([1, 2], [1, 2], { bins: 2, method: "quantile", ddof: 2 }), "binnedStats: ddof must be 0 or 1, got 2");
});
