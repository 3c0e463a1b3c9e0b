// The kernel gradients registered by lib/models/registerGradients.ts against central finite
// differences, one small function per group of kernels.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { registerGradients } from "../../lib/models/registerGradients.js";

let W: tf.Tensor2D; // [2, 3]

before(async () => {
  await ready();
  registerGradients();
  W = tf.tensor2d([[0.5, -1, 0.25], [1.5, 0.3, -0.7]]);
});

/** Checks tf.grad(f)(x) against (f(x + h e_i) − f(x − h e_i)) / 2h for every element. */
function checkGradient(name: string, f: (x: tf.Tensor) => tf.Scalar, shape: number[]): void {
  const n = shape.reduce((a, b) => a * b, 1);
  const base = Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + 0.4));
  const x = tf.tensor(base, shape);
  const before = tf.memory().numTensors;
  const grad = tf.tidy(() => tf.grad(f)(x));
  const analytic = Array.from(grad.dataSync());
  grad.dispose();
  assert.equal(tf.memory().numTensors, before, `${name}: no leaks`);
  const h = 1e-2;
  const at = (values: number[]): number => tf.tidy(() => f(tf.tensor(values, shape)).dataSync()[0]);
  for (let i = 0; i < n; i++) {
    const plus = [...base];
    const minus = [...base];
    plus[i] += h;
    minus[i] -= h;
    const numeric = (at(plus) - at(minus)) / (2 * h);
    assert.ok(Math.abs(numeric - analytic[i]) <= 2e-3 * Math.max(1, Math.abs(numeric)), `${name} element ${i}: finite difference ${numeric}, gradient ${analytic[i]}`);
  }
  x.dispose();
}

test("registerGradients: matMul in all transpose modes, add/sub/mul/div with broadcasting", () => {
  checkGradient("matMul", (x) => tf.sum(tf.square(tf.matMul(x as tf.Tensor2D, W))), [4, 2]);
  checkGradient("matMul transposeA", (x) => tf.sum(tf.square(tf.matMul(x as tf.Tensor2D, W, true, false))), [2, 4]);
  checkGradient("matMul transposeB", (x) => tf.sum(tf.square(tf.matMul(x as tf.Tensor2D, W, false, true))), [4, 3]);
  checkGradient("matMul both", (x) => tf.sum(tf.square(tf.matMul(W, x as tf.Tensor2D, true, true))), [4, 2]);
  checkGradient("batched matMul", (x) => tf.sum(tf.square(tf.matMul(x as tf.Tensor3D, tf.ones([2, 3, 2]) as tf.Tensor3D))), [2, 2, 3]);
  checkGradient("broadcast arithmetic", (x) => tf.sum(tf.div(tf.mul(tf.sub(tf.add(x, tf.tensor1d([1, 2])), 0.5), tf.tensor1d([3, -1])), tf.add(tf.square(x), 2))), [3, 2]);
});

test("registerGradients: softmax, log-softmax, reductions and elementwise functions", () => {
  checkGradient("softmax", (x) => tf.sum(tf.mul(tf.softmax(x), tf.tensor2d([[1, 2, 3], [0, -1, 4]]))), [2, 3]);
  checkGradient("logSoftmax", (x) => tf.sum(tf.mul(tf.logSoftmax(x), tf.tensor2d([[1, 0, 0], [0, 0, 1]]))), [2, 3]);
  checkGradient("mean/moments", (x) => { const { mean, variance } = tf.moments(x, -1, true); return tf.sum(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5)))) as tf.Scalar; }, [2, 3]);
  checkGradient("max", (x) => tf.sum(tf.max(x, 1)), [2, 3]);
  checkGradient("tanh/sigmoid/exp/log/erf/pow", (x) => tf.sum(tf.add(tf.add(tf.tanh(x), tf.sigmoid(x)), tf.add(tf.log(tf.add(tf.exp(x), 1)), tf.add(tf.erf(x), tf.pow(x, 3))))), [5]);
  checkGradient("relu/neg/sqrt", (x) => tf.sum(tf.add(tf.relu(x), tf.neg(tf.sqrt(tf.add(tf.square(x), 1))))), [5]);
});

test("registerGradients: reshape, transpose, slice, concat, split, stack, unstack, gather", () => {
  checkGradient("reshape/transpose", (x) => tf.sum(tf.mul(tf.transpose(tf.reshape(x, [3, 2])), W)), [6]);
  checkGradient("slice/concat", (x) => tf.sum(tf.square(tf.concat([tf.slice(x, [0, 1], [2, 2]), x], 1))), [2, 3]);
  checkGradient("split/stack/unstack", (x) => { const [a, b] = tf.split(x, [1, 2], 1); return tf.sum(tf.mul(tf.stack(tf.unstack(tf.concat([b, a], 1))), W)) as tf.Scalar; }, [2, 3]);
  checkGradient("gather rows", (x) => tf.sum(tf.square(tf.gather(x, tf.tensor1d([2, 0, 2], "int32")))), [3, 2]);
  checkGradient("gather columns", (x) => tf.sum(tf.square(tf.gather(x, tf.tensor1d([1, 1, 0], "int32"), 1))), [2, 3]);
  checkGradient("expandDims/squeeze", (x) => tf.sum(tf.square(tf.squeeze(tf.expandDims(x, 1)))), [3]);
});
