import type { tf } from "../backend/backend.js";
import type { NucleusCosineOptions, NucleusCosineResult } from "./nucleusCosine.js";
import { nucleusCosineReads } from "./internal/nucleusCosineReads.js";
import { readAsync } from "./internal/readBack.js";

/**
 * nucleusCosineAsync: `nucleusCosine` with asynchronous reads (`await tensor.data()` instead of
 * dataSync), the same computation and result on every backend. Use it on the webgpu backend, where
 * Node has no synchronous read of a GPU tensor; see `nucleusCosine` for the definition, the batching
 * and the errors.
 * Shape: logits [T, V] (or one step [V]) and embeddings [V, D] → a promise of plain arrays of length T.
 *
 * @example
 * await nucleusCosineAsync(tf.tensor2d([[Math.log(5), Math.log(3), Math.log(2)]]), tf.tensor2d([[1, 0], [1, 1], [0, 1]]), 0.75)
 * // => {"sizes": [2], "meanCosine": [0.7071]}
 */
export function nucleusCosineAsync(
  logits: tf.Tensor | tf.TensorLike,
  embeddings: tf.Tensor | tf.TensorLike,
  p: number,
  options: NucleusCosineOptions = {},
): Promise<NucleusCosineResult> {
  return readAsync(nucleusCosineReads(logits, embeddings, p, options));
}
