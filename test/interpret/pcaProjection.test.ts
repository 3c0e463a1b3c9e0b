import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { embeddingProjection } from "../../lib/interpret/embeddingProjection.js";
import { pcaProjection } from "../../lib/interpret/pcaProjection.js";
import { embeddingProjectionFigure } from "../../lib/plot/index.js";

// numpy SVD of the centred data: test/fixtures/interpret/gen.py (pca_case).
const fixtures = join(import.meta.dirname, "..", "fixtures");
const reference = JSON.parse(readFileSync(join(fixtures, "interpret", "reference.json"), "utf8")).pca as {
  data: number[][];
  components: number[][];
  projections: number[][];
  explainedVariance: number[];
};

before(async () => {
  await ready();
});

test("pcaProjection(rows, 3) matches numpy's SVD of the centred data up to each axis's sign", () => {
  const p = pcaProjection(reference.data, 3);
  const tol = (x: number): number => 1e-9 * Math.max(1, Math.abs(x));
  reference.explainedVariance.forEach((v, i) => assert.ok(Math.abs(p.explainedVariance[i] - v) <= tol(v), `variance ${i}: ${p.explainedVariance[i]} vs ${v}`));
  reference.components.forEach((axis, c) => {
    const sign = Math.sign(axis.reduce((s, v, j) => s + v * p.components[c][j], 0));
    assert.equal(Math.abs(sign), 1);
    axis.forEach((v, j) => assert.ok(Math.abs(sign * p.components[c][j] - v) <= 1e-9, `component ${c}[${j}]`));
    reference.projections.forEach((row, i) => assert.ok(Math.abs(sign * p.projections[i][c] - row[c]) <= tol(row[c]), `projection [${i}, ${c}]`));
  });
  const total = p.explainedFraction.reduce((s, v) => s + v, 0);
  assert.ok(total > 0 && total <= 1);
});

test("pcaProjection rejects too few rows, ragged rows, non-finite values and too many components", () => {
  assert.throws(() => pcaProjection([[1, 2]]), /pcaProjection: pcaProjection needs at least 2 rows, got 1/);
  assert.throws(() => pcaProjection([[1, 2], [3]]), /row 1 has 1 values, row 0 has 2/);
  assert.throws(() => pcaProjection([[1, 2], [3, NaN]]), /row 1 column 1 is NaN, not a finite number/);
  assert.throws(() => pcaProjection([[1, 2], [3, 4]], 3), /k = 3 components is not in \[1, 2\]/);
});

test("embeddingProjection(model, ids) projects the embedding rows with PCA and labels them with the token text", async () => {
  const model = await loadModel(join(import.meta.dirname, "..", "..", "data", "models", "tiny-gpt2-small"));
  const ids = model.encode("And God said, Let there be light");
  const before = tf.memory().numTensors;
  const p = embeddingProjection(model, ids);
  assert.equal(tf.memory().numTensors, before, "embeddingProjection leaks no tensors");
  assert.equal(p.labels.join(""), model.decode(ids));
  const E = model.embed(ids);
  const direct = pcaProjection(E.arraySync(), 3);
  E.dispose();
  assert.deepEqual(p.coordinates, direct.projections);
  const fig = embeddingProjectionFigure(p.coordinates, p.labels, { explainedFraction: p.explainedFraction });
  assert.equal((fig.data[0].text as string[]).length, ids.length);
  const t = embeddingProjection(model, ids, { method: "tsne", iterations: 50 });
  assert.equal(t.coordinates.length, ids.length);
  assert.equal(t.coordinates[0].length, 3);
  assert.ok(embeddingProjectionFigure(t.coordinates, t.labels, { method: "t-SNE" }).data.length > 0);
  assert.throws(() => embeddingProjection(model, [1, 2]), /needs at least 3 tokens/);
  assert.throws(() => embeddingProjectionFigure([[0, 0]], ["a"]), /point 0 has 2 coordinates, not 3/);
  model.dispose();
});
