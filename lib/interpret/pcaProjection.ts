/**
 * pcaProjection: principal component analysis of the rows of a matrix (token embeddings, residual
 * streams) and their coordinates on the first k axes.
 *
 *   X̄ = X − mean(X),  X̄ = U S Vᵀ (thin SVD),  components = first k rows of Vᵀ,
 *   projections = X̄ · componentsᵀ,  explainedVariance_i = S_i² / (n − 1)
 *
 * Computed in float64 by `ml-pca` (mljs; SVD of the centred data via ml-matrix,
 * https://github.com/mljs/pca; Jolliffe & Cadima 2016, https://doi.org/10.1098/rsta.2015.0202).
 * Axis signs are arbitrary (as in any SVD): compare up to sign.
 * Shapes: rows [n][d] → components [k][d], projections [n][k], explainedVariance [k] (and the
 * fraction of total variance). n ≥ 2 rows of equal length; k ≤ min(n, d).
 *
 * @example
 * const p = pcaProjection([[0, 0], [2, 0], [4, 0], [6, 1e-9]], 1);
 * [p.explainedVariance[0], Math.abs(p.components[0][0])]
 * // => [6.6667, 1]
 */
import { PCA } from "ml-pca";
import { LogitlabError } from "../util/errors.js";

/** What {@link pcaProjection} returns. */
export interface PcaProjection {
  /** [k][d] unit principal axes, largest variance first. */
  components: number[][];
  /** [n][k] coordinates of the centred rows on the axes. */
  projections: number[][];
  /** [k] variance along each axis, S² / (n − 1). */
  explainedVariance: number[];
  /** [k] that variance as a fraction of the total. */
  explainedFraction: number[];
}

export function pcaProjection(rows: readonly (readonly number[])[], k = 3): PcaProjection {
  const n = rows.length;
  if (n < 2) throw new LogitlabError(`pcaProjection needs at least 2 rows, got ${n}`, { context: "pcaProjection" });
  const d = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== d) throw new LogitlabError(`row ${i} has ${row.length} values, row 0 has ${d}`, { context: "pcaProjection" });
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new LogitlabError(`row ${i} column ${j} is ${v}, not a finite number`, { context: "pcaProjection" });
    });
  });
  if (!Number.isInteger(k) || k < 1 || k > Math.min(n, d)) throw new LogitlabError(`k = ${k} components is not in [1, ${Math.min(n, d)}] for ${n} rows of ${d}`, { context: "pcaProjection", field: "k" });
  const data = rows.map((row) => [...row]);
  const pca = new PCA(data, { method: "SVD", center: true, scale: false });
  const vectors = pca.getEigenvectors().to2DArray(); // [d][d], columns are the axes
  const components = Array.from({ length: k }, (_, c) => vectors.map((row) => row[c]));
  const projections = pca.predict(data, { nComponents: k }).to2DArray();
  const eigenvalues = pca.getEigenvalues();
  const total = eigenvalues.reduce((s, v) => s + v, 0);
  const explainedVariance = eigenvalues.slice(0, k);
  return { components, projections, explainedVariance, explainedFraction: explainedVariance.map((v) => v / total) };
}
