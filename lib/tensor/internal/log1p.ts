/**
 * Internal: log(1 + x) elementwise, accurate for tiny x on every backend.
 *
 * The wasm backend's Log1p kernel computes log(1 + x) in float32, so every |x| below 6e-8 gives 0
 * (tf.log1p(7.6e-9) = 0) and x = 1e-4 is off by 1.7e-4 relative. The cpu backend (Math.log1p) and
 * the tensorflow backend (TensorFlow's Log1p) are accurate and use tf.log1p directly; every other
 * backend gets `compensatedLog1p`.
 * Call inside tf.tidy.
 */
import { tf } from "../../backend/backend.js";

/** Backends whose own Log1p kernel keeps the relative accuracy of small x. */
const ACCURATE_LOG1P = new Set(["cpu", "tensorflow"]);

export function log1p(x: tf.Tensor): tf.Tensor {
  return ACCURATE_LOG1P.has(tf.getBackend()) ? tf.log1p(x) : compensatedLog1p(x);
}

/**
 * log1p from log alone, by the trick in Goldberg (1991), "What every computer scientist should know
 * about floating-point arithmetic", Theorem 4 (https://dl.acm.org/doi/10.1145/103162.103163):
 *     u = fl(1 + x);   log1p(x) = x                          if u = 1,
 *                               log(u) · x / (u − 1)          otherwise,
 * where u − 1 is exact, so the rounding of 1 + x cancels out of the ratio; relative error a few ulp
 * of float32 when log is accurate. When u − 1 = x (x = ±Infinity, large x, x = −1) log(u) is used
 * as is, so no Infinity/Infinity appears. NaN stays NaN; x < −1 gives NaN.
 */
export function compensatedLog1p(x: tf.Tensor): tf.Tensor {
  const u = tf.add(x, 1);
  const d = tf.sub(u, 1);
  const logU = tf.log(u);
  return tf.where(tf.equal(u, 1), x, tf.where(tf.equal(d, x), logU, tf.mul(logU, tf.div(x, d))));
}
