/**
 * meanRowCosine: the mean pairwise cosine similarity of embedding rows (the nucleus tokens' input
 * embeddings), over pairs i < j, diagonal excluded, in float64 on the host:
 *
 *     û_i = e_i / ‖e_i‖,   mean = (‖Σ û_i‖² − Σ ‖û_i‖²) / (n(n − 1))
 *
 * (the same identity as lib/tensor `meanPairwiseCosine`, O(n·D) instead of O(n²·D)). One row gives 1,
 * as the original study defines it; a zero row gives NaN.
 *
 * Type: (rows: ArrayLike<number>[] of equal length D, n ≥ 1) → number in [−1, 1].
 * Throws LogitlabError for no rows or rows of different lengths.
 *
 * @example
 * meanRowCosine([[1, 0], [1, 1], [0, 1]]).toFixed(4)
 * // => "0.4714"
 */
import { LogitlabError } from "../../util/errors.js";

export function meanRowCosine(rows: readonly ArrayLike<number>[]): number {
  const n = rows.length;
  if (n === 0) throw new LogitlabError("needs at least one row", { context: "meanRowCosine" });
  if (n === 1) return 1;
  const D = rows[0].length;
  const sum = new Float64Array(D);
  let squares = 0;
  for (const [k, row] of rows.entries()) {
    if (row.length !== D) throw new LogitlabError(`row ${k} has ${row.length} values, row 0 has ${D}`, { context: "meanRowCosine" });
    let largest = 0;
    for (let d = 0; d < D; d++) largest = Math.max(largest, Math.abs(row[d]));
    let norm2 = 0;
    for (let d = 0; d < D; d++) norm2 += (row[d] / largest) ** 2;
    const inverse = 1 / (largest * Math.sqrt(norm2)); // Infinity (then NaN) for a zero row
    let unit2 = 0;
    for (let d = 0; d < D; d++) {
      const u = row[d] * inverse;
      sum[d] += u;
      unit2 += u * u;
    }
    squares += unit2;
  }
  let total = 0;
  for (let d = 0; d < D; d++) total += sum[d] * sum[d];
  return (total - squares) / (n * (n - 1));
}
