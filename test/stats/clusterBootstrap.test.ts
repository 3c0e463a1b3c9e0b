import { test } from "node:test";
import assert from "node:assert/strict";
import { clusterBootstrap } from "../../lib/stats/clusterBootstrap.js";
import { pearson } from "../../lib/stats/pearson.js";
import { assertAllClose, assertClose, FLOAT64_BOUNDED, type Tolerance } from "../tolerances.js";
import { assertLogitlabError } from "./support.js";
import { readStudyFixture } from "./studyFixtures.js";

interface Dataset { x: number[]; y: number[]; clusters: (string | number)[] }
interface BootstrapCase {
  dataset: string; statistic: "pearson" | "spearman"; resamples: number; level: number; seed: number; allReplicates: boolean;
  estimate: number; low: number; high: number; undefinedResamples: number; replicates: number[]; clusters: number;
}
const fixture = readStudyFixture<{ datasets: Record<string, Dataset>; cases: BootstrapCase[] }>("clusterBootstrap.json");
/**
 * Each replicate is a correlation of a few hundred pairs summed in a different order than scipy
 * (FLOAT64_BOUNDED); a percentile interpolates between two of them, so the same bound holds.
 */
const REPLICATE: Tolerance = FLOAT64_BOUNDED;

test("clusterBootstrap(x, y, clusters) redraws exactly gen.py's mulberry32 resamples: every replicate and the interval match scipy", () => {
  for (const c of fixture.cases) {
    const { x, y, clusters } = fixture.datasets[c.dataset];
    const what = `${c.dataset} ${c.statistic} B=${c.resamples} seed=${c.seed}`;
    const result = clusterBootstrap(x, y, clusters, { statistic: c.statistic, resamples: c.resamples, level: c.level, seed: c.seed });
    assert.equal(result.clusters, c.clusters, `${what}: clusters`);
    assert.equal(result.resamples, c.resamples, `${what}: resamples`);
    assert.equal(result.undefinedResamples, c.undefinedResamples, `${what}: undefined resamples`);
    assertClose(result.estimate, c.estimate, REPLICATE, `${what}: estimate`);
    const compared = c.allReplicates ? result.replicates : result.replicates.slice(0, c.replicates.length);
    assertAllClose(compared, c.replicates, REPLICATE, `${what}: replicates`);
    assertClose(result.low, c.low, REPLICATE, `${what}: low`);
    assertClose(result.high, c.high, REPLICATE, `${what}: high`);
  }
});

test("clusterBootstrap's interval is wider than pearson's Fisher-z interval when steps within a prompt are dependent", () => {
  const { x, y } = fixture.datasets.prompts40;
  const c = fixture.cases.find((k) => k.dataset === "prompts40" && k.statistic === "pearson" && k.resamples === 2000);
  assert.ok(c);
  const fisher = pearson(x, y).ci95;
  assert.ok(c.high - c.low > fisher[1] - fisher[0], `cluster bootstrap ${c.high - c.low} vs Fisher z ${fisher[1] - fisher[0]}`);
  assert.ok(c.low < c.estimate && c.estimate < c.high);
});

test("clusterBootstrap is deterministic under its seed and changes with it", () => {
  const { x, y, clusters } = fixture.datasets.prompts40;
  const a = clusterBootstrap(x, y, clusters, { resamples: 50, seed: 3 });
  const b = clusterBootstrap(x, y, clusters, { resamples: 50, seed: 3 });
  const other = clusterBootstrap(x, y, clusters, { resamples: 50, seed: 4 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.replicates, other.replicates);
});

test("clusterBootstrap's interval collapses to the estimate when every cluster is identical", () => {
  const one = { x: [1, 2, 3, 4], y: [2, 1, 4, 3] };
  const x = Array.from({ length: 5 }, () => one.x).flat();
  const y = Array.from({ length: 5 }, () => one.y).flat();
  const clusters = x.map((_, i) => Math.floor(i / 4));
  const result = clusterBootstrap(x, y, clusters, { resamples: 100, seed: 11 });
  assert.equal(result.low, result.estimate);
  assert.equal(result.high, result.estimate);
  assert.ok(result.replicates.every((r) => r === result.estimate));
});

test("clusterBootstrap counts resamples with an undefined statistic and leaves them out; all-constant data give NaN", () => {
  const c = fixture.cases.find((k) => k.dataset === "singletons");
  assert.ok(c && c.undefinedResamples > 0, "fixture should have undefined resamples");
  const flat = clusterBootstrap([1, 2, 3, 4, 5, 6], [5, 5, 5, 5, 5, 5], ["a", "a", "a", "b", "b", "b"], { resamples: 20 });
  assert.equal(flat.undefinedResamples, 20);
  assert.ok([flat.estimate, flat.low, flat.high].every(Number.isNaN));
});

test("clusterBootstrap takes a custom statistic, and its defaults are pearson, B = 2000, level 0.95, seed 0", () => {
  const { x, y, clusters } = fixture.datasets["two-clusters"];
  const meanDifference = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v - b[i], 0) / a.length;
  const custom = clusterBootstrap(x, y, clusters, { statistic: meanDifference, resamples: 30 });
  assert.equal(custom.estimate, meanDifference(x, y));
  const defaults = clusterBootstrap(x, y, clusters);
  assert.deepEqual([defaults.resamples, defaults.level, defaults.replicates.length], [2000, 0.95, 2000]);
  const explicit = clusterBootstrap(x, y, clusters, { statistic: "pearson", resamples: 2000, level: 0.95, seed: 0 });
  assert.deepEqual(defaults, explicit);
});

test("clusterBootstrap rejects one cluster, unequal lengths, NaN, bad labels and bad options", () => {
  assertLogitlabError(() => clusterBootstrap([1, 2, 3], [1, 2, 4], ["a", "a", "a"]), "clusterBootstrap needs at least 2 clusters, got 1");
  assertLogitlabError(() => clusterBootstrap([], [], []), "clusterBootstrap needs at least 1 pair, got 0");
  assertLogitlabError(() => clusterBootstrap([1, 2], [1, 2], ["a"]), "clusterBootstrap needs one cluster label per pair, got 1 labels for 2 pairs");
  assertLogitlabError(() => clusterBootstrap([1, 2], [1], ["a", "b"]), "clusterBootstrap needs x and y of equal length, got 2 and 1");
  assertLogitlabError(() => clusterBootstrap([1, Number.NaN], [1, 2], ["a", "b"]), /^clusterBootstrap: x\[1\] is NaN;/);
  assertLogitlabError(() => clusterBootstrap([1, 2], [1, 2], ["a", Number.NaN]),
    "clusterBootstrap: clusters[1] is NaN; a cluster label must be a string or a finite number");
  // @ts-expect-error: an object label on purpose
  assertLogitlabError(() => clusterBootstrap([1, 2], [1, 2], ["a", {}]), /clusters\[1\] is object/);
  assertLogitlabError(() => clusterBootstrap([1, 2], [1, 2], ["a", "b"], { resamples: 0 }), "clusterBootstrap: resamples must be an integer ≥ 1, got 0");
  assertLogitlabError(() => clusterBootstrap([1, 2], [1, 2], ["a", "b"], { level: 0 }), "clusterBootstrap: level must be in (0, 1), got 0");
  assertLogitlabError(() => clusterBootstrap([1, 2], [1, 2], ["a", "b"], { seed: 1.5 }), "clusterBootstrap: seed must be an integer, got 1.5");
  assertLogitlabError(
    // @ts-expect-error: an unknown statistic on purpose
    () => clusterBootstrap([1, 2], [1, 2], ["a", "b"], { statistic: "kendall" }),
    'clusterBootstrap: statistic must be "pearson", "spearman" or a function, got "kendall"',
  );
});
