import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { logisticProbe } from "../../lib/interpret/logisticProbe.js";
import { seededNormals } from "../../lib/util/seededRandom.js";

// scipy BFGS fit of the same penalised loss: test/fixtures/interpret/gen.py (logistic_case).
const reference = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "interpret", "reference.json"), "utf8")).logistic as {
  features: number[][];
  labels: number[];
  l2: number;
  weights: number[];
  bias: number;
};

test("logisticProbe reaches scipy's optimum of the L2-penalised logistic loss on overlapping classes", () => {
  const probe = logisticProbe(reference.features, reference.labels, { l2: reference.l2, heldOutFraction: 0 });
  reference.weights.forEach((w, j) => assert.ok(Math.abs(probe.weights[j] - w) <= 1e-6 * Math.max(1, Math.abs(w)), `weight ${j}: ${probe.weights[j]} vs ${w}`));
  assert.ok(Math.abs(probe.bias - reference.bias) <= 1e-6 * Math.max(1, Math.abs(reference.bias)), `bias ${probe.bias} vs ${reference.bias}`);
  assert.ok(Number.isNaN(probe.heldOutAccuracy));
  assert.ok(Math.abs(Math.hypot(...probe.direction) - 1) < 1e-12);
});

test("logisticProbe separates a linearly separable synthetic set: held-out accuracy 1, direction along the true normal", () => {
  // 300 draws in 16 dimensions, label = side of the hyperplane normal·x = 0.3, with a margin of 0.5 on each side.
  const d = 16;
  const noise = seededNormals(300 * d, 7);
  const normal = Array.from({ length: d }, (_, j) => (j === 2 ? 0.8 : j === 5 ? -0.6 : 0));
  const features: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 300; i++) {
    const x = noise.slice(i * d, (i + 1) * d);
    const side = x.reduce((s, v, j) => s + v * normal[j], 0) - 0.3;
    if (Math.abs(side) < 0.5) continue;
    features.push(x);
    labels.push(side > 0 ? 1 : 0);
  }
  const probe = logisticProbe(features, labels, { heldOutFraction: 0.3, seed: 3 });
  assert.ok(probe.heldOut.length >= 40);
  assert.equal(probe.trainAccuracy, 1);
  assert.equal(probe.heldOutAccuracy, 1);
  const cosine = probe.direction.reduce((s, v, j) => s + v * normal[j], 0);
  assert.ok(cosine > 0.9, `direction cosine with the true normal ${cosine}`);
});

test("logisticProbe rejects labels other than 0/1, ragged rows and a training split with one class", () => {
  assert.throws(() => logisticProbe([[0], [1]], [0, 2]), /logisticProbe: label 1 is 2, not 0 or 1/);
  assert.throws(() => logisticProbe([[0], [1, 2]], [0, 1]), /row 1 has 2 features, row 0 has 1/);
  assert.throws(() => logisticProbe([[0], [1]], [1, 1], { heldOutFraction: 0 }), /needs both classes, got 0 of class 0 and 2 of class 1/);
  assert.throws(() => logisticProbe([[0], [NaN]], [0, 1]), /row 1 feature 0 is NaN/);
});
