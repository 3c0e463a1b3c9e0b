import { test } from "node:test";
import assert from "node:assert/strict";
import { perClusterCorrelation, type SkippedCluster } from "../../lib/stats/perClusterCorrelation.js";
import { assertClose, FLOAT64_BOUNDED } from "../tolerances.js";
import { assertLogitlabError } from "./support.js";
import { readStudyFixture } from "./studyFixtures.js";

interface Expected { correlations: { cluster: string; n: number; value: number }[]; skipped: SkippedCluster[] }
const fixture = readStudyFixture<{ x: number[]; y: number[]; clusters: string[]; expected: Record<"pearson" | "spearman", Expected> }>(
  "perClusterCorrelation.json",
);

test("perClusterCorrelation(x, y, clusters) matches scipy pearsonr / spearmanr per prompt and lists the skipped prompts with why", () => {
  for (const statistic of ["pearson", "spearman"] as const) {
    const expected = fixture.expected[statistic];
    const result = perClusterCorrelation(fixture.x, fixture.y, fixture.clusters, { statistic });
    assert.equal(result.statistic, statistic);
    assert.deepEqual(result.correlations.map((c) => [c.cluster, c.n]), expected.correlations.map((c) => [c.cluster, c.n]));
    result.correlations.forEach((c, i) => assertClose(c.value, expected.correlations[i].value, FLOAT64_BOUNDED, `${statistic} ${c.cluster}`));
    assert.deepEqual(result.values, result.correlations.map((c) => c.value));
    assert.deepEqual(result.skipped, expected.skipped);
  }
  assert.deepEqual(fixture.expected.pearson.skipped.map((s) => s.reason), ["fewer than 3 pairs", "constant x", "constant y"]);
});

test("perClusterCorrelation of a single pair skips it, and takes numeric labels in order of first appearance", () => {
  assert.deepEqual(perClusterCorrelation([1], [2], [0]), {
    statistic: "pearson", correlations: [], values: [], skipped: [{ cluster: 0, n: 1, reason: "fewer than 3 pairs" }],
  });
  const result = perClusterCorrelation([1, 5, 2, 6, 3, 7], [1, 7, 2, 6, 3, 5], [9, 4, 9, 4, 9, 4], { statistic: "spearman" });
  assert.deepEqual(result.correlations, [{ cluster: 9, n: 3, value: 1 }, { cluster: 4, n: 3, value: -1 }]);
});

test("perClusterCorrelation rejects empty input, NaN, bad labels and an unknown statistic", () => {
  assertLogitlabError(() => perClusterCorrelation([], [], []), "perClusterCorrelation needs at least 1 pair, got 0");
  assertLogitlabError(() => perClusterCorrelation([1, 2], [Number.NaN, 1], ["a", "a"]), /^perClusterCorrelation: y\[0\] is NaN;/);
  assertLogitlabError(() => perClusterCorrelation([1, 2], [1, 1], ["a"]), "perClusterCorrelation needs one cluster label per pair, got 1 labels for 2 pairs");
  // @ts-expect-error: undefined label on purpose
  assertLogitlabError(() => perClusterCorrelation([1, 2], [1, 1], ["a", undefined]), /clusters\[1\] is undefined/);
  assertLogitlabError(
    // @ts-expect-error: an unknown statistic on purpose
    () => perClusterCorrelation([1, 2, 3], [1, 2, 3], ["a", "a", "a"], { statistic: "kendall" }),
    'perClusterCorrelation: statistic must be "pearson" or "spearman", got "kendall"',
  );
});
