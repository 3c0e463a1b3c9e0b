import type { tf } from "../backend/backend.js";
import { nucleusCosineReads } from "./internal/nucleusCosineReads.js";
import { readSync } from "./internal/readBack.js";

/** Options of `nucleusCosine`. */
export interface NucleusCosineOptions {
  /**
   * Most embedding elements gathered at once (rows × D), default 2^22 (16 MiB of float32). Peak extra
   * memory is about 3 times that, whatever T and the nucleus sizes are (plus the nucleus search,
   * which downloads the [T, V] logits in chunks of ≤ 2^22 floats, and host arrays of about 3V + Σ n numbers).
   */
  elementBudget?: number;
}

/** What `nucleusCosine` returns: plain arrays, one entry per step. */
export interface NucleusCosineResult {
  /** [T] nucleus size of each step (as in `nucleus`). */
  sizes: number[];
  /** [T] mean pairwise cosine of the embedding rows of the step's nucleus tokens (1 for a nucleus of one). */
  meanCosine: number[];
}

/**
 * nucleusCosine: for each step, how alike the candidate tokens of the top-p nucleus are — the mean
 * pairwise cosine similarity (`meanPairwiseCosine`) of the embedding rows of the nucleus tokens.
 *
 *     nucleus_t = nucleus(logits_t, p).ids,   out_t = (‖Σ_{i∈nucleus_t} û_i‖² − Σ_i ‖û_i‖²) / (n_t(n_t − 1)),   û_i = E_i / ‖E_i‖
 *
 * Batched: the inverse norm of each distinct nucleus token is computed once; the nucleus ids of all
 * steps are laid end to end, their embedding rows gathered, scaled to unit length and summed per step
 * with a segment sum (tf.sparse.sparseSegmentSum; UnsortedSegmentSum has no wasm kernel), in chunks of
 * at most `elementBudget` gathered elements — a step whose nucleus spans chunks carries its partial sum
 * into the next — so a long generation with big nuclei never allocates T·n·D at once. No matMul is
 * used (wasm's transposed/batched matMul is slow). Cost: about 3 passes over the Σ n·D gathered
 * elements, plus 5 over the distinct tokens' rows.
 * Shape: logits [T, V] (or one step [V]) and embeddings [V, D] → plain arrays of length T; p ∈ (0, 1].
 *
 * Stability: nucleus as in `nucleus` (boundary decided on the float64 softmax, p = 1 takes every
 * token of non-zero probability; a step with NaN, `+Infinity` or only `-Infinity` throws); rows are scaled by their largest |component| before squaring; the O(nD)
 * identity is as accurate as float32 dot products, about √D · 1e-7 absolute. A zero embedding row in a
 * nucleus gives NaN for that step.
 *
 * Backends: reads with dataSync, so it is for the wasm, cpu and tensorflow backends; on webgpu (where
 * Node has no synchronous read) use `await nucleusCosineAsync(...)`, which gives the same result.
 *
 * @example
 * nucleusCosine(tf.tensor2d([[Math.log(5), Math.log(3), Math.log(2)]]), tf.tensor2d([[1, 0], [1, 1], [0, 1]]), 0.75)
 * // => {"sizes": [2], "meanCosine": [0.7071]}
 */
export function nucleusCosine(
  logits: tf.Tensor | tf.TensorLike,
  embeddings: tf.Tensor | tf.TensorLike,
  p: number,
  options: NucleusCosineOptions = {},
): NucleusCosineResult {
  return readSync(nucleusCosineReads(logits, embeddings, p, options));
}
