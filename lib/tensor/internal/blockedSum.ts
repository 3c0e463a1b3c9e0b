/**
 * Internal: sum over the last axis of x [..., n] in two levels — blocks of about √n, then the block
 * sums — so float32 rounding error grows like (√n + √n)·ε instead of n·ε as in one running sum
 * (a two-level form of pairwise summation, https://en.wikipedia.org/wiki/Pairwise_summation).
 * Rows up to 1024 are summed directly. NaN propagates. Call inside tf.tidy.
 */
import { tf } from "../../backend/backend.js";

const DIRECT = 1024;

export function blockedSum(x: tf.Tensor, keepDims = false): tf.Tensor {
  const n = x.shape[x.rank - 1];
  if (n <= DIRECT) return tf.sum(x, -1, keepDims);
  const block = Math.ceil(Math.sqrt(n));
  const blocks = Math.ceil(n / block);
  const lead = x.shape.slice(0, -1);
  const padding = lead.map((): [number, number] => [0, 0]);
  const padded = blocks * block === n ? x : tf.pad(x, [...padding, [0, blocks * block - n]]);
  const partial = tf.sum(tf.reshape(padded, [...lead, blocks, block]), -1); // [..., blocks]
  return tf.sum(partial, -1, keepDims);
}
