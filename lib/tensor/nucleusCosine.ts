import { tf } from "../backend/backend.js";
import { LogitlabError } from "../util/errors.js";
import { asLogits } from "./internal/asLogits.js";
import { nucleusPrefix } from "./internal/nucleusPrefix.js";
import { unitRows } from "./internal/unitRows.js";

/** Options of `nucleusCosine`. */
export interface NucleusCosineOptions {
  /**
   * Most embedding elements gathered at once (rows × D), default 2^22 (16 MiB of float32). Peak extra
   * memory is a small multiple of it, whatever T and the nucleus sizes are.
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
 * Batched: the nucleus ids of all steps are laid end to end, their embedding rows gathered and
 * normalised, and summed per step with a segment sum (tf.sparse.sparseSegmentSum; UnsortedSegmentSum
 * has no wasm kernel), in chunks of at most `elementBudget` gathered elements — a step whose nucleus
 * spans chunks carries its partial sum into the next — so a long generation with big nuclei never
 * allocates T·n·D at once. No matMul is used (wasm's transposed/batched matMul is slow).
 * Shape: logits [T, V] (or one step [V]) and embeddings [V, D] → plain arrays of length T; p ∈ (0, 1].
 *
 * Stability: nucleus as in `nucleus` (max-shift softmax; a step with NaN, `+Infinity` or only
 * `-Infinity` throws); rows are scaled by their largest |component| before squaring; the O(nD)
 * identity is accurate to about 1e-7 absolute. A zero embedding row in a nucleus gives NaN for that step.
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
  const op = "nucleusCosine";
  const budget = options.elementBudget ?? 2 ** 22;
  if (!Number.isInteger(budget) || budget < 1) {
    throw new LogitlabError(`elementBudget = ${budget} must be a positive integer`, { context: op, field: "elementBudget" });
  }
  const [x, table] = tf.tidy(() => {
    const t = asLogits(logits, op);
    if (t.rank > 2) {
      throw new LogitlabError(`takes logits [T, V] or [V], got [${t.shape.join(", ")}]; flatten a batch with reshape([-1, V])`, {
        context: op,
        field: "logits",
      });
    }
    const vocab = t.shape[t.rank - 1];
    const e = asLogits(embeddings, op, "embeddings");
    if (e.rank !== 2 || e.shape[0] !== vocab) {
      throw new LogitlabError(`embeddings have shape [${e.shape.join(", ")}] but need [V, D] with V = ${vocab} (the logits' vocabulary)`, {
        context: op,
        field: "embeddings",
      });
    }
    return [tf.reshape(t, [-1, vocab]) as tf.Tensor2D, e as tf.Tensor2D];
  });
  let carry: tf.Tensor2D | undefined; // [1, D] partial Σû of the step that continues into the next chunk
  try {
    const { sizes, offsets, ids } = nucleusPrefix(x, p, op);
    const steps = sizes.length;
    const width = table.shape[1];
    const squaredNormOfSum = new Float64Array(steps); // ‖Σ û_i‖² per step
    const sumOfSquaredNorms = new Float64Array(steps); // Σ ‖û_i‖² per step
    const chunkRows = Math.max(1, Math.floor(budget / width));
    const total = offsets[steps];
    let step = 0;
    for (let start = 0; start < total; start += chunkRows) {
      const end = Math.min(total, start + chunkRows);
      while (offsets[step + 1] <= start) step++;
      const first = step; // step holding position `start`
      let last = first;
      while (offsets[last + 1] < end) last++; // step holding position end − 1
      const continues = offsets[last + 1] > end;
      const segments = new Int32Array(end - start);
      for (let s = first, at = start; s <= last; s++) {
        for (const stop = Math.min(end, offsets[s + 1]); at < stop; at++) segments[at - start] = s - first;
      }
      const previous = carry;
      const out = tf.tidy(() => {
        const rows = tf.gather(table, tf.tensor1d(ids.subarray(start, end), "int32")); // [r, D]
        const unit = unitRows(rows); // [r, D]
        const squaredNorms = tf.sum(tf.square(unit), 1, true); // [r, 1]
        const r = end - start;
        const segmentIds = tf.tensor1d(segments, "int32");
        const sums = previous // [segments, D]; the carried partial sum joins segment 0
          ? tf.sparse.sparseSegmentSum(tf.concat([previous, unit], 0), tf.range(0, r + 1, 1, "int32"), tf.concat([tf.tensor1d([0], "int32"), segmentIds]))
          : tf.sparse.sparseSegmentSum(unit, tf.range(0, r, 1, "int32"), segmentIds);
        const diagonal = tf.reshape(tf.sparse.sparseSegmentSum(squaredNorms, tf.range(0, r, 1, "int32"), segmentIds), [-1]);
        const count = last - first + 1;
        return {
          norms: tf.sum(tf.square(sums), 1), // [segments]
          diagonal, // [segments]
          tail: tf.slice(sums, [count - 1, 0], [1, width]) as tf.Tensor2D,
        };
      });
      previous?.dispose();
      carry = continues ? out.tail : undefined;
      if (!continues) out.tail.dispose();
      const norms = out.norms.dataSync();
      const diagonal = out.diagonal.dataSync();
      for (let s = first; s <= last; s++) {
        sumOfSquaredNorms[s] += diagonal[s - first];
        if (!(s === last && continues)) squaredNormOfSum[s] = norms[s - first];
      }
      tf.dispose([out.norms, out.diagonal]);
    }
    const meanCosine = Array.from(sizes, (n, t) =>
      n === 1
        ? Number.isNaN(sumOfSquaredNorms[t]) ? NaN : 1
        : (squaredNormOfSum[t] - sumOfSquaredNorms[t]) / (n * (n - 1)),
    );
    return { sizes: Array.from(sizes), meanCosine };
  } finally {
    carry?.dispose();
    tf.dispose([x, table]);
  }
}
