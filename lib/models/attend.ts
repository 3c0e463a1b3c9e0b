/**
 * attend: causal multi-head (or grouped-query) scaled dot-product attention with an additive mask and
 * an optional key/value cache — the attention core both architecture files share.
 *
 *   pattern_h = softmax(scale · Q_h K_g(h)ᵀ + bias),  out_h = pattern_h V_g(h),  g(h) = ⌊h / (H / Hkv)⌋
 *
 * (Vaswani et al. 2017, https://arxiv.org/abs/1706.03762; grouped-query attention: Ainslie et al. 2023,
 * https://arxiv.org/abs/2305.13245.) Shapes: q [B·T, H·hd], k and v [B·T, Hkv·hd] → [B·T, H·hd].
 *
 * Implementation note: for a prompt of several tokens and few rows × heads (≤ 16), one plain 2-D
 * matMul per (row, head) pair on a pre-transposed key matrix: on the wasm backend a batched matMul runs
 * a generic slow loop (≈8x slower here) while 2-D products go to XNNPACK. For one-token decoding
 * steps and large batches (training) the per-op overhead of that loop dominates, so batched products
 * are used there, with grouped key/value heads repeated to match the query heads.
 * Softmax is tfjs' max-shifted softmax; masked entries get a bias of -1e9 (not -Infinity) so a fully
 * masked row (a padding query) gives a uniform row instead of NaN.
 *
 * @example
 * const bias = tf.tensor3d([[[0, -1e9], [0, 0]]]);
 * const context = { batch: 1, length: 2, positions: new Int32Array([0, 1]), bias, record() {} };
 * attend(tf.ones([2, 2]), tf.ones([2, 2]), tf.tensor([[1, 2], [3, 4]]), 0, { numHeads: 1, numKvHeads: 1, headDim: 2 }, context, 1).arraySync()
 * // => [[1, 2], [2, 3]]
 */
import { tf } from "../backend/backend.js";
import { hookNames } from "./hookNames.js";
import type { RunContext } from "./types.js";

export function attend(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  layer: number,
  heads: { numHeads: number; numKvHeads: number; headDim: number },
  context: RunContext,
  scale: number,
): tf.Tensor2D {
  const { batch: B, length: T } = context;
  const { numHeads: H, numKvHeads: Hkv, headDim: hd } = heads;
  const hooks = hookNames.block(layer).attn;
  const group = H / Hkv;
  const toHeads = (x: tf.Tensor2D, n: number): tf.Tensor3D =>
    // [B·T, n·hd] → [B, T, n, hd] → [B, n, T, hd] → [B·n, T, hd]
    tf.reshape(tf.transpose(tf.reshape(x, [B, T, n, hd]), [0, 2, 1, 3]), [B * n, T, hd]);
  const queries = toHeads(tf.mul(q, scale) as tf.Tensor2D, H); // [B·H, T, hd]
  let keys = toHeads(k, Hkv); // [B·Hkv, T, hd]
  let values = toHeads(v, Hkv); // [B·Hkv, T, hd]
  const past = context.past?.[layer];
  if (past) {
    keys = tf.concat([past.keys, keys], 1); // [B·Hkv, Tk, hd]
    values = tf.concat([past.values, values], 1);
  }
  if (context.present) context.present[layer] = { keys: tf.keep(keys), values: tf.keep(values) };
  const Tk = keys.shape[1];
  let z: tf.Tensor3D; // [B·H, T, hd]
  if (T === 1 || B * H > 16) {
    // Batched products: cheaper than many small ops for one-token decoding steps and for training batches.
    const expand = (x: tf.Tensor3D): tf.Tensor3D => {
      if (group === 1) return x;
      // [B·Hkv, Tk, hd] → [B, Hkv, 1, Tk, hd] → [B, Hkv, group, Tk, hd] → [B·H, Tk, hd] (head h uses kv head ⌊h / group⌋)
      const x5 = tf.reshape(x, [B, Hkv, 1, Tk, hd]);
      return tf.reshape(tf.concat(new Array<tf.Tensor>(group).fill(x5), 2), [B * H, Tk, hd]);
    };
    const scores = tf.matMul(queries, tf.transpose(expand(keys), [0, 2, 1])); // [B·H, T, Tk]
    const masked = tf.add(tf.reshape(scores, [B, H, T, Tk]), tf.expandDims(context.bias, 1)) as tf.Tensor4D; // [B, H, T, Tk]
    const pattern = tf.softmax(masked) as tf.Tensor4D; // [B, H, T, Tk]
    context.record(hooks.scores, () => masked);
    context.record(hooks.pattern, () => pattern);
    z = tf.matMul(tf.reshape(pattern, [B * H, T, Tk]), expand(values)); // [B·H, T, hd]
  } else {
    // One plain 2-D product per (row, head): the fast path for a prompt of many tokens.
    const keysT = tf.unstack(tf.transpose(keys, [0, 2, 1])) as tf.Tensor2D[]; // B·Hkv × [hd, Tk]
    const valueList = tf.unstack(values) as tf.Tensor2D[]; // B·Hkv × [Tk, hd]
    const queryList = tf.unstack(queries) as tf.Tensor2D[]; // B·H × [T, hd]
    const kvIndex = (i: number): number => Math.floor(i / H) * Hkv + Math.floor((i % H) / group);
    const scores = tf.stack(queryList.map((qi, i) => tf.matMul(qi, keysT[kvIndex(i)]))) as tf.Tensor3D; // [B·H, T, Tk]
    const masked = tf.add(tf.reshape(scores, [B, H, T, Tk]), tf.expandDims(context.bias, 1)) as tf.Tensor4D; // [B, H, T, Tk]
    const pattern = tf.softmax(masked) as tf.Tensor4D; // [B, H, T, Tk]
    context.record(hooks.scores, () => masked);
    context.record(hooks.pattern, () => pattern);
    const patternList = tf.unstack(tf.reshape(pattern, [B * H, T, Tk])) as tf.Tensor2D[];
    z = tf.stack(patternList.map((p, i) => tf.matMul(p, valueList[kvIndex(i)]))) as tf.Tensor3D; // [B·H, T, hd]
  }
  const perToken = tf.transpose(tf.reshape(z, [B, H, T, hd]), [0, 2, 1, 3]); // [B·H, T, hd] → [B, H, T, hd] → [B, T, H, hd]
  context.record(hooks.z, () => tf.reshape(perToken, [B * T, H, hd])); // [B·T, H, hd]
  return tf.reshape(perToken, [B * T, H * hd]); // [B·T, H·hd]
}
