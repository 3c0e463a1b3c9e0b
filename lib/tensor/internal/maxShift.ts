/**
 * Internal: the max-shift pieces of a log-sum-exp over the last axis of x [..., V]:
 *   max = max_v x_v,  shifted = x − max (≤ 0),  exps = exp(shifted),  sumExp = Σ_v exps_v ∈ [1, V],
 *   logSumExp = log sumExp.
 * max, sumExp and logSumExp keep the last axis as size 1. Subtracting the max first keeps exp from overflowing.
 *
 * Accuracy: the max contributes exactly 1, so the sum is formed as 1 + rest with
 *   rest = Σ_{v : shifted_v ≠ 0} exp(shifted_v) + (#{v : shifted_v = 0} − 1)
 * and logSumExp = log1p(rest): in a peaked row (rest ≪ 1) the small terms are not swamped by the 1,
 * and log p of the top token keeps its relative accuracy (log1p from ./log1p.ts, since wasm's own
 * kernel is log(1 + x) in float32 and gives 0 for rest < 6e-8). rest is a blocked (two-level) sum, so its
 * float32 error grows like √V·ε, not V·ε.
 *
 * A row with NaN or +Infinity gives NaN in sumExp; a row of only -Infinity gives NaN in shifted
 * (−∞ − (−∞)). Call inside tf.tidy.
 */
import { tf } from "../../backend/backend.js";
import { blockedSum } from "./blockedSum.js";
import { log1p } from "./log1p.js";

export interface MaxShift {
  max: tf.Tensor;
  shifted: tf.Tensor;
  exps: tf.Tensor;
  sumExp: tf.Tensor;
  logSumExp: tf.Tensor;
}

export function maxShift(x: tf.Tensor): MaxShift {
  const max = tf.max(x, -1, true);
  const shifted = tf.sub(x, max);
  const exps = tf.exp(shifted);
  const atMax = tf.equal(shifted, 0); // NaN compares false, so NaN terms stay in the sum below
  const others = blockedSum(tf.where(atMax, tf.zerosLike(exps), exps), true);
  const ties = tf.sub(tf.sum(tf.cast(atMax, "float32"), -1, true), 1);
  const rest = tf.add(others, ties);
  return { max, shifted, exps, sumExp: tf.add(rest, 1), logSumExp: log1p(rest) };
}
