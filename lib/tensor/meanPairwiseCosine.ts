import { tf } from "../backend/backend.js";
import { LogitlabError } from "../util/errors.js";
import { checkPlainNumbers } from "./internal/checkPlainNumbers.js";
import { unitRows } from "./internal/unitRows.js";

/**
 * meanPairwiseCosine: the mean cosine similarity over all pairs i < j of n vectors (the upper
 * triangle of the cosine matrix); 1 for a single vector.
 *
 *     mean = Σ_{i<j} û_i·û_j / (n(n−1)/2) = (‖Σ_i û_i‖² − Σ_i ‖û_i‖²) / (n(n−1)),   û_i = v_i / ‖v_i‖
 *
 * An O(nD) identity (Σ_{i<j} û_i·û_j = (‖Σû‖² − Σ‖û‖²)/2), so no n×n matrix and no matMul are built.
 * Subtracting the computed Σ‖û_i‖² rather than n cancels the rounding of the normalisation.
 * Shape: [n, D] → scalar, n ≥ 1, D ≥ 1.
 *
 * Stability: each row is divided by its largest |component| before squaring, so huge or tiny vectors
 * neither overflow nor underflow; the float32 result is as accurate as float32 dot products, about
 * √D · 1e-7 in absolute terms (the difference cancels when the mean is near 0, so judge it absolutely,
 * not relatively). A zero vector
 * has no direction: any zero (or NaN) row makes the result NaN, also for n = 1.
 *
 * @example
 * meanPairwiseCosine(tf.tensor2d([[1, 0], [0, 1], [1, 1]])).arraySync()
 * // => 0.4714
 */
export function meanPairwiseCosine(vectors: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    if (!(vectors instanceof tf.Tensor)) checkPlainNumbers(vectors, "meanPairwiseCosine", "vectors");
    const v = vectors instanceof tf.Tensor ? vectors : tf.tensor(vectors as tf.TensorLike, undefined, "float32");
    const shape: number[] = v.shape;
    if (shape.length !== 2 || shape[0] < 1 || shape[1] < 1) {
      throw new LogitlabError(`needs vectors of shape [n, D] with n, D ≥ 1, got [${shape.join(", ")}]`, {
        context: "meanPairwiseCosine",
        field: "vectors",
      });
    }
    const n = shape[0];
    const unit = unitRows(tf.cast(v, "float32") as tf.Tensor2D); // [n, D]
    const diagonal = tf.sum(tf.square(unit)); // Σ ‖û_i‖² ≈ n
    if (n === 1) return tf.add(1, tf.mul(0, diagonal)); // 1, or NaN for a zero vector
    const total = tf.sum(tf.square(tf.sum(unit, 0))); // ‖Σ û_i‖²
    return tf.div(tf.sub(total, diagonal), n * (n - 1));
  });
}
