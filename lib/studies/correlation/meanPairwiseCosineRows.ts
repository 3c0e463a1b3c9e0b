/**
 * meanPairwiseCosineRows: the mean cosine similarity over all pairs i < j (diagonal excluded) of host
 * vectors, each L2-normalised first — the correlation study's nucleus cosine — in float64:
 *
 *     mean = Σ_{i<j} û_i·û_j / (n(n−1)/2) = (‖Σ_i û_i‖² − Σ_i ‖û_i‖²) / (n(n−1)),   û_i = v_i / ‖v_i‖,
 *
 * O(nD) (no n×n matrix). One vector gives 1 (as the original: a one-token nucleus has cosine 1). A zero
 * or non-finite vector has no direction: the result is NaN. `rows` may hold already normalised rows
 * (`normalized: true`, as `EmbeddingRowCache` keeps them), which skips the division.
 *
 * @example
 * meanPairwiseCosineRows([Float32Array.of(1, 0), Float32Array.of(0, 2), Float32Array.of(3, 3)])
 * // => 0.4714
 */
import { LogitlabError } from "../../util/errors.js";

export function meanPairwiseCosineRows(rows: readonly ArrayLike<number>[], options: { normalized?: boolean } = {}): number {
  const n = rows.length;
  if (n === 0) throw new LogitlabError("needs at least one vector", { context: "meanPairwiseCosineRows", field: "rows" });
  const D = rows[0].length;
  const sum = new Float64Array(D);
  let diagonal = 0;
  for (const row of rows) {
    if (row.length !== D) throw new LogitlabError(`vectors differ in length (${row.length} and ${D})`, { context: "meanPairwiseCosineRows", field: "rows" });
    let scale = 1;
    if (!options.normalized) {
      let squares = 0;
      for (let d = 0; d < D; d++) squares += row[d] * row[d];
      scale = 1 / Math.sqrt(squares);
    }
    let own = 0;
    for (let d = 0; d < D; d++) {
      const u = row[d] * scale;
      sum[d] += u;
      own += u * u;
    }
    diagonal += own;
  }
  if (!Number.isFinite(diagonal) || diagonal === 0) return NaN;
  if (n === 1) return 1;
  let total = 0;
  for (let d = 0; d < D; d++) total += sum[d] * sum[d];
  return (total - diagonal) / (n * (n - 1));
}
