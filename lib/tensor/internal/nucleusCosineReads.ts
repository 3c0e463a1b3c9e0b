/**
 * Internal: the body of `nucleusCosine` and `nucleusCosineAsync` as reads (./readBack.ts), so that one
 * code path serves the synchronous op (dataSync) and the asynchronous one (await data(), the webgpu
 * backend). See lib/tensor/nucleusCosine.ts for what it computes and how it batches.
 */
import { tf } from "../../backend/backend.js";
import { LogitlabError } from "../../util/errors.js";
import type { NucleusCosineOptions, NucleusCosineResult } from "../nucleusCosine.js";
import { asLogits } from "./asLogits.js";
import { gatherRows } from "./gatherRows.js";
import { nucleusPrefixReads } from "./nucleusPrefix.js";
import type { Reads } from "./readBack.js";

export function* nucleusCosineReads(
  logits: tf.Tensor | tf.TensorLike,
  embeddings: tf.Tensor | tf.TensorLike,
  p: number,
  options: NucleusCosineOptions = {},
): Reads<NucleusCosineResult> {
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
    const { sizes, offsets, ids } = yield* nucleusPrefixReads(x, p, op);
    const steps = sizes.length;
    const [vocab, width] = table.shape;
    const chunkRows = Math.max(1, Math.floor(budget / width));

    // Each distinct nucleus token once: 1/‖e‖ (as m·√Σ(e/m)² with m = max|e|, so squaring cannot
    // overflow or underflow; NaN for a zero row) and the float32 ‖û‖² of its unit row û = e · (1/‖e‖).
    const slot = new Int32Array(vocab).fill(-1);
    const distinct: number[] = [];
    for (const id of ids) {
      if (slot[id] < 0) {
        slot[id] = distinct.length;
        distinct.push(id);
      }
    }
    const inverseNorm = new Float32Array(distinct.length);
    const unitSquaredNorm = new Float32Array(distinct.length);
    for (let start = 0; start < distinct.length; start += chunkRows) {
      const end = Math.min(distinct.length, start + chunkRows);
      const [inverse, squared] = tf.tidy(() => {
        const rows = gatherRows(table, distinct.slice(start, end)); // [r, D]
        const largest = tf.max(tf.abs(rows), 1, true); // [r, 1]
        const inverse = tf.div(tf.rsqrt(tf.sum(tf.square(tf.div(rows, largest)), 1, true)), largest); // [r, 1]
        return [tf.reshape(inverse, [-1]), tf.sum(tf.square(tf.mul(rows, inverse)), 1)];
      });
      try {
        inverseNorm.set((yield inverse) as Float32Array, start);
        unitSquaredNorm.set((yield squared) as Float32Array, start);
      } finally {
        tf.dispose([inverse, squared]);
      }
    }

    // Σ û per step, chunk by chunk over the nucleus ids laid end to end.
    const squaredNormOfSum = new Float64Array(steps); // ‖Σ û_i‖² per step
    const sumOfSquaredNorms = new Float64Array(steps); // Σ ‖û_i‖² per step
    const total = offsets[steps];
    let step = 0;
    for (let start = 0; start < total; start += chunkRows) {
      const end = Math.min(total, start + chunkRows);
      while (offsets[step + 1] <= start) step++;
      const first = step; // step holding position `start`
      let last = first;
      while (offsets[last + 1] < end) last++; // step holding position end − 1
      const continues = offsets[last + 1] > end;
      const count = last - first + 1;
      const segments = new Int32Array(end - start);
      const weights = new Float32Array(end - start);
      for (let s = first, at = start; s <= last; s++) {
        for (const stop = Math.min(end, offsets[s + 1]); at < stop; at++) {
          segments[at - start] = s - first;
          weights[at - start] = inverseNorm[slot[ids[at]]];
          sumOfSquaredNorms[s] += unitSquaredNorm[slot[ids[at]]];
        }
      }
      const previous = carry;
      const out = tf.tidy(() => {
        const r = end - start;
        const unit = tf.mul(gatherRows(table, ids.subarray(start, end)), tf.tensor2d(weights, [r, 1])); // [r, D]
        let sums = tf.sparse.sparseSegmentSum(unit, tf.range(0, r, 1, "int32"), tf.tensor1d(segments, "int32")) as tf.Tensor2D; // [count, D]
        if (previous) {
          // the carried partial sum belongs to segment 0
          const head = tf.add(tf.slice(sums, [0, 0], [1, width]), previous) as tf.Tensor2D;
          sums = count === 1 ? head : tf.concat([head, tf.slice(sums, [1, 0], [count - 1, width])]) as tf.Tensor2D;
        }
        return { norms: tf.sum(tf.square(sums), 1), tail: tf.slice(sums, [count - 1, 0], [1, width]) as tf.Tensor2D };
      });
      previous?.dispose();
      carry = continues ? out.tail : undefined;
      if (!continues) out.tail.dispose();
      try {
        const norms = yield out.norms;
        for (let s = first; s <= last; s++) {
          if (!(s === last && continues)) squaredNormOfSum[s] = norms[s - first];
        }
      } finally {
        out.norms.dispose();
      }
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
