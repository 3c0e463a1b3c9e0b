import type { tf } from "../backend/backend.js";
import type { EntropyOptions } from "./entropy.js";
import type { NucleusResult } from "./nucleus.js";
import { nucleusReads } from "./internal/nucleusReads.js";
import { readAsync } from "./internal/readBack.js";

/**
 * nucleusAsync: `nucleus` with asynchronous reads (`await tensor.data()` instead of dataSync), the
 * same computation and result on every backend. Use it on the webgpu backend, where Node has no
 * synchronous read of a GPU tensor (dataSync needs an OffscreenCanvas); see `nucleus` for the
 * definition, the float64 boundary, the errors and the cost.
 * Shape: [T, V] (or one step [V]) → a promise of NucleusResult; p ∈ (0, 1].
 *
 * @example
 * await nucleusAsync(tf.tensor2d([[Math.log(5), Math.log(3), Math.log(2)]]), 0.75)
 * // => {"sizes": [2], "ids": [[0, 1]], "probs": [[0.5, 0.3]], "renormalized": [[0.625, 0.375]], "entropy": [0.6616]}
 */
export function nucleusAsync(logits: tf.Tensor | tf.TensorLike, p: number, options: EntropyOptions = {}): Promise<NucleusResult> {
  return readAsync(nucleusReads(logits, p, options));
}
