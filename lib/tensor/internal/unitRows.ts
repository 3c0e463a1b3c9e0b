/**
 * Internal: rows of v [n, D] scaled to unit length, û = v / ‖v‖, computed as w = v / max|v| then
 * û = w / ‖w‖ so that squaring can neither overflow (|v| ≳ 1e19) nor underflow (|v| ≲ 1e-19) in
 * float32. A zero row (or one with NaN) gives a NaN row. Call inside tf.tidy.
 */
import { tf } from "../../backend/backend.js";

export function unitRows(v: tf.Tensor2D): tf.Tensor2D {
  const scaled = tf.div(v, tf.max(tf.abs(v), 1, true));
  return tf.mul(scaled, tf.rsqrt(tf.sum(tf.square(scaled), 1, true)));
}
