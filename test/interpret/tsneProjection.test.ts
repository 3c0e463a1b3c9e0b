import { test } from "node:test";
import assert from "node:assert/strict";
import { tsneProjection } from "../../lib/interpret/tsneProjection.js";
import { seededNormals } from "../../lib/util/seededRandom.js";

/** Three clusters of 12 points in 10 dimensions, centres 8 apart, unit noise. */
function clusters(): { rows: number[][]; cluster: number[] } {
  const noise = seededNormals(36 * 10, 11);
  const rows: number[][] = [];
  const cluster: number[] = [];
  for (let i = 0; i < 36; i++) {
    const c = i % 3;
    rows.push(Array.from({ length: 10 }, (_, j) => noise[i * 10 + j] + (j === c ? 8 : 0)));
    cluster.push(c);
  }
  return { rows, cluster };
}

test("tsneProjection keeps well-separated clusters apart (every point's nearest neighbour is in its cluster) and is reproducible by seed", () => {
  const { rows, cluster } = clusters();
  const t = tsneProjection(rows, { iterations: 300, seed: 5 });
  assert.equal(t.coordinates.length, 36);
  assert.equal(t.coordinates[0].length, 3);
  assert.ok(Number.isFinite(t.cost) && t.cost >= 0);
  t.coordinates.forEach((p, i) => {
    let best = -1;
    let bestDistance = Infinity;
    t.coordinates.forEach((q, j) => {
      const distance = Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
      if (j !== i && distance < bestDistance) [best, bestDistance] = [j, distance];
    });
    assert.equal(cluster[best], cluster[i], `point ${i}'s nearest neighbour ${best} is in another cluster`);
  });
  assert.deepEqual(tsneProjection(rows, { iterations: 300, seed: 5 }).coordinates, t.coordinates);
  assert.notDeepEqual(tsneProjection(rows, { iterations: 300, seed: 6 }).coordinates, t.coordinates);
});

test("tsneProjection rejects too few rows, ragged or non-finite rows and a dimension other than 2 or 3", () => {
  assert.throws(() => tsneProjection([[1], [2], [3]]), /tsneProjection: tsneProjection needs at least 4 rows, got 3/);
  assert.throws(() => tsneProjection([[1], [2], [3], [4, 5]]), /row 3 has 2 values, row 0 has 1/);
  assert.throws(() => tsneProjection([[1], [2], [3], [Infinity]]), /row 3 column 0 is Infinity/);
  assert.throws(() => tsneProjection([[1], [2], [3], [4]], { dimensions: 4 }), /dimensions must be 2 or 3, got 4/);
});
