/**
 * tsneProjection: t-distributed stochastic neighbour embedding of the rows of a matrix (token
 * embeddings) into 3-D (or 2-D), for the interactive scatter beside PCA.
 *
 *   p_ij from Gaussian neighbourhoods of perplexity P (σ_i by binary search), q_ij ∝ (1 + ‖y_i − y_j‖²)⁻¹,
 *   minimise KL(P ‖ Q) by gradient descent with momentum and gains
 *
 * (van der Maaten & Hinton 2008, https://jmlr.org/papers/v9/vandermaaten08a.html.) Computed by
 * `@keckelt/tsne` (a TypeScript port of Karpathy's tsnejs, exact O(n²) gradients, so for up to a few
 * thousand points); its random start is made reproducible by seeding its Gaussian source with
 * `seededNormals`. Perplexity is capped at (n − 1) / 3 so small sets work.
 * Shapes: rows [n][d] (n ≥ 4) → coordinates [n][dimensions], final KL cost.
 *
 * @example
 * const rows = [[0, 0], [0, 1], [1, 0], [20, 20], [20, 21], [21, 20]];
 * const t = tsneProjection(rows, { iterations: 200, dimensions: 2 });
 * [t.coordinates.length, t.coordinates[0].length]
 * // => [6, 2]
 */
import { TSNE } from "@keckelt/tsne";
import { seededNormals } from "../util/seededRandom.js";
import { LogitlabError } from "../util/errors.js";

/** What {@link tsneProjection} returns. */
export interface TsneProjection {
  /** [n][dimensions] embedding coordinates. */
  coordinates: number[][];
  /** KL(P ‖ Q) after the last iteration. */
  cost: number;
  /** Perplexity used (after the cap). */
  perplexity: number;
}

export function tsneProjection(
  rows: readonly (readonly number[])[],
  options: { perplexity?: number; iterations?: number; dimensions?: number; learningRate?: number; seed?: number } = {},
): TsneProjection {
  const where = { context: "tsneProjection" };
  const n = rows.length;
  if (n < 4) throw new LogitlabError(`tsneProjection needs at least 4 rows, got ${n}`, where);
  const d = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== d) throw new LogitlabError(`row ${i} has ${row.length} values, row 0 has ${d}`, where);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new LogitlabError(`row ${i} column ${j} is ${v}, not a finite number`, where);
    });
  });
  const dimensions = options.dimensions ?? 3;
  const iterations = options.iterations ?? 500;
  if (dimensions !== 2 && dimensions !== 3) throw new LogitlabError(`dimensions must be 2 or 3, got ${dimensions}`, { context: "tsneProjection", field: "dimensions" });
  if (!Number.isInteger(iterations) || iterations < 1) throw new LogitlabError(`iterations must be a positive integer, got ${iterations}`, { context: "tsneProjection", field: "iterations" });
  const perplexity = Math.min(options.perplexity ?? 30, (n - 1) / 3);
  const tsne = new TSNE({ perplexity, dim: dimensions, epsilon: options.learningRate ?? 10 });
  // Seed the package's Gaussian source (it draws from Math.random otherwise): the start is reproducible.
  const normals = seededNormals(n * dimensions + 16, options.seed ?? 1);
  let next = 0;
  tsne.gaussRandom = () => normals[next++ % normals.length];
  tsne.initDataRaw(rows.map((row) => [...row]));
  let cost = NaN;
  for (let i = 0; i < iterations; i++) cost = tsne.step();
  const coordinates = (tsne.getSolution() as ArrayLike<number>[]).map((y) => Array.from(y));
  return { coordinates, cost, perplexity };
}
