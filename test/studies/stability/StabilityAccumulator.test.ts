// StabilityAccumulator: its percentiles are lib/stats' quantile, bit for bit, and its AUC is rocAuc.
import { test } from "node:test";
import assert from "node:assert/strict";
import { StabilityAccumulator } from "../../../lib/studies/stability/StabilityAccumulator.js";
import { comparePair } from "../../../lib/studies/stability/comparePair.js";
import { rocAuc } from "../../../lib/stats/rocAuc.js";
import { quantile } from "../../../lib/stats/quantile.js";
import type { ComparedStep } from "../../../lib/studies/stability/types.js";
import { seededRandom } from "../../../lib/util/seededRandom.js";

test("StabilityAccumulator percentiles equal quantile() from lib/stats exactly, and its AUC equals rocAuc(−margin, changed)", () => {
  const next = seededRandom(3);
  const settings = { k: 2, m: 1, cutoffTopP: 0.9 };
  const acc = new StabilityAccumulator(settings);
  const epsilons: number[] = [];
  const margins: number[] = [];
  const changed: boolean[] = [];
  for (let file = 0; file < 7; file++) {
    const reference: ComparedStep[] = [];
    const check: ComparedStep[] = [];
    for (let t = 0; t < 13 + file; t++) {
      // Probabilities on a coarse grid so that margins tie.
      const p = [0.4, 0.2 + Math.round(next() * 10) / 100, 0.2, 0.05].sort((a, b) => b - a);
      const swap = next() < 0.3;
      const pc = p[0] * (1 + (next() - 0.5) * 0.01);
      reference.push({ id: 1, prob: p[0], topIds: Int32Array.of(1, 2, 3, 4), topProbs: Float64Array.from(p) });
      check.push({ id: 1, prob: pc, topIds: swap ? Int32Array.of(1, 3, 2, 4) : Int32Array.of(1, 2, 3, 4), topProbs: Float64Array.from([pc, p[1], p[2], p[3]]) });
      epsilons.push(Math.abs(p[0] - pc));
      margins.push(p[1] - p[2]);
      changed.push(swap);
    }
    acc.addPair(`f${file}.json`, comparePair(reference, check, settings));
  }
  const { metrics } = acc.metrics();
  const [median, p95, p99] = quantile(epsilons, [0.5, 0.95, 0.99]);
  assert.equal(metrics.epsilon.median, median);
  assert.equal(metrics.epsilon.p95, p95);
  assert.equal(metrics.epsilon.p99, p99);
  assert.equal(metrics.epsilon.max, Math.max(...epsilons));
  assert.equal(metrics.margin.median_margin_changed, quantile(margins.filter((_, i) => changed[i]), 0.5));
  assert.equal(metrics.margin.median_margin_preserved, quantile(margins.filter((_, i) => !changed[i]), 0.5));
  assert.equal(metrics.margin.auc, rocAuc(margins.map((m) => -m), changed));
  assert.equal(metrics.margin.eligible_steps, margins.length);
});
