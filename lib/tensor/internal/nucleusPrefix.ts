/**
 * Internal: the nucleus (top-p) prefix of every row of x [N, V], shared by `nucleus` and `nucleusCosine`.
 *
 * Per row, tokens are ordered by descending logit (= descending probability), ties by ascending id
 * (tf.topk's order), and the nucleus size is
 *     size = min(searchsorted(cumsum(p_sorted), p, side="left") + 1, #{v : p_v > 0})
 * i.e. the smallest prefix whose cumulative probability reaches p, never extended into tokens of zero
 * probability (masked, or underflowed in float32) — with p = 1 float32 rounding of the sum can stay
 * just below 1, and the cap keeps such rows at their support instead of all V tokens.
 *
 * Transfers are bounded: the sort runs on device in rounds of growing k (256, 2048, … V, ×8) over the
 * rows whose nucleus did not fit in the previous round's top-k, the sizes are computed on device, and
 * only the Σ sizes prefix entries (ids and logits) are downloaded. A peaked step costs a top-256, not a
 * full sort of V.
 */
import { tf } from "../../backend/backend.js";
import { LogitlabError } from "../../util/errors.js";
import { gatherRows } from "./gatherRows.js";
import { maxShift } from "./maxShift.js";

export interface NucleusPrefix {
  /** [N] nucleus size per row (≥ 1). */
  sizes: Int32Array;
  /** [N + 1] start of each row's prefix in `ids` / `logits`. */
  offsets: Int32Array;
  /** [Σ sizes] token ids, row after row, by descending probability. */
  ids: Int32Array;
  /** [Σ sizes] the logits of those tokens (the first of each row is the row's max). */
  logits: Float32Array;
  /** [N] log Σ_v exp(x_v − max), float32 from the device; log p_v = (x_v − max) − logSumExp. */
  logSumExp: Float32Array;
}

/** First round's k; later rounds multiply it by GROWTH until it reaches V. */
const INITIAL_K = 256;
const GROWTH = 8;

/** Throws unless p is a number in (0, 1]. */
export function checkTopP(p: number, op: string): void {
  if (typeof p !== "number" || !(p > 0 && p <= 1)) {
    throw new LogitlabError(`p = ${p} is outside (0, 1]; top-p needs a cumulative probability such as 0.9`, {
      context: op,
      field: "p",
    });
  }
}

export function nucleusPrefix(x: tf.Tensor2D, p: number, op: string): NucleusPrefix {
  checkTopP(p, op);
  const [rows, vocab] = x.shape;
  const shift = tf.tidy(() => {
    const { sumExp, logSumExp } = maxShift(x);
    return { sumExp: sumExp as tf.Tensor2D, logSumExp: tf.reshape(logSumExp, [rows]) }; // [N, 1], [N]
  });
  try {
    const logSumExp = Float32Array.from(shift.logSumExp.dataSync() as Float32Array);
    for (let t = 0; t < rows; t++) {
      if (!Number.isFinite(logSumExp[t])) {
        throw new LogitlabError("the logits hold NaN or +Infinity, or only -Infinity, so the distribution is undefined", {
          context: op,
          field: "logits",
          position: `step ${t}`,
        });
      }
    }

    const sizes = new Int32Array(rows);
    const rowIds: Int32Array[] = new Array(rows);
    const rowLogits: Float32Array[] = new Array(rows);
    let pending = Array.from({ length: rows }, (_, t) => t);
    let k = Math.min(vocab, INITIAL_K);
    while (pending.length > 0) {
      const all = pending.length === rows;
      const round = tf.tidy(() => {
        const part = all ? x : gatherRows(x, pending); // [R, V]
        const sum = all ? shift.sumExp : gatherRows(shift.sumExp, pending); // [R, 1]
        const { values, indices } = tf.topk(part, k, true); // [R, k], descending, ties by ascending id
        const shifted = tf.sub(values, tf.slice(values, [0, 0], [-1, 1]));
        const probs = tf.div(tf.exp(shifted), sum); // [R, k]
        const cumulative = tf.cumsum(probs, 1);
        const target = tf.fill([pending.length, 1], p);
        const reach = tf.reshape(tf.searchSorted(cumulative, target, "left"), [-1]); // [R], k when not reached
        const positive = tf.sum(tf.cast(tf.greater(probs, 0), "int32"), 1); // [R]
        return { values, indices, reach, positive };
      });
      try {
        const reach = round.reach.dataSync();
        const positive = round.positive.dataSync();
        const positions: number[] = [];
        const finished: number[] = [];
        const next: number[] = [];
        pending.forEach((t, r) => {
          let size: number;
          if (reach[r] < k) size = reach[r] + 1;
          else if (positive[r] < k || k === vocab) size = positive[r];
          else return void next.push(t);
          sizes[t] = size;
          finished.push(t);
          for (let j = 0; j < size; j++) positions.push(r * k + j);
        });
        if (positions.length > 0) {
          const [ids, logits] = tf.tidy(() => {
            const at = tf.tensor1d(positions, "int32");
            return [tf.gather(tf.reshape(round.indices, [-1]), at), tf.gather(tf.reshape(round.values, [-1]), at)];
          });
          const idsHost = ids.dataSync() as Int32Array;
          const logitsHost = logits.dataSync() as Float32Array;
          let at = 0;
          for (const t of finished) {
            rowIds[t] = idsHost.slice(at, at + sizes[t]);
            rowLogits[t] = logitsHost.slice(at, at + sizes[t]);
            at += sizes[t];
          }
          tf.dispose([ids, logits]);
        }
        pending = next;
        k = Math.min(vocab, k * GROWTH);
      } finally {
        tf.dispose(round);
      }
    }

    const offsets = new Int32Array(rows + 1);
    for (let t = 0; t < rows; t++) offsets[t + 1] = offsets[t] + sizes[t];
    const ids = new Int32Array(offsets[rows]);
    const logits = new Float32Array(offsets[rows]);
    for (let t = 0; t < rows; t++) {
      ids.set(rowIds[t], offsets[t]);
      logits.set(rowLogits[t], offsets[t]);
    }
    return { sizes, offsets, ids, logits, logSumExp };
  } finally {
    tf.dispose(shift);
  }
}
