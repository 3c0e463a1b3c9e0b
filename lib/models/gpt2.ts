/**
 * GPT-2 (`GPT2LMHeadModel`): a decoder-only transformer with learned absolute position embeddings,
 * pre-LayerNorm blocks, multi-head attention, a GELU MLP and an output head tied to the embeddings.
 *
 * References:
 *   - Radford et al. 2019, "Language Models are Unsupervised Multitask Learners",
 *     https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf
 *   - Hugging Face `transformers/models/gpt2/modeling_gpt2.py` (the semantics matched here, incl. gelu_new)
 *   - Karpathy, nanoGPT `model.py` (the layout of this file)
 *
 * Per block:  x = x + attn(ln_1(x));  x = x + mlp(ln_2(x));  logits = ln_f(x) @ wteᵀ.
 * Config and loading: families/gpt2.ts; weight names and transposes: weights/gpt2Weights.ts;
 * activation keys (TransformerLens names, recorded only when asked for): hookNames.ts.
 * Shapes: N = B·T rows, D = n_embd, H heads of hd, I = MLP width, V = vocab.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * model.config.family // => "gpt2"
 */
import { tf } from "../backend/backend.js";
import { attend } from "./attend.js";
import { hookNames } from "./hookNames.js";
import { makeArchitecture } from "./makeArchitecture.js";
import type { Architecture, ModelConfig, RunContext } from "./types.js";

export function createGPT2(config: ModelConfig, weights: Record<string, tf.Tensor>): Architecture {
  const W = weights as Record<string, tf.Tensor2D>;
  const eps = config.normEps;
  const { numHeads: H, headDim: hd } = config;
  const heads = { numHeads: H, numKvHeads: H, headDim: hd };

  /** (x − mean) / sqrt(var + eps) · w + b over the last axis (biased variance, as torch LayerNorm). */
  const layerNorm = (x: tf.Tensor2D, prefix: string, hooks: { scale: string; normalized: string }, context: RunContext): tf.Tensor2D => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))) as tf.Tensor2D; // [N, D]
    context.record(hooks.scale, () => tf.sqrt(tf.add(variance, eps))); // [N, 1]
    context.record(hooks.normalized, () => normalized);
    return tf.add(tf.mul(normalized, W[prefix + ".w"]), W[prefix + ".b"]);
  };
  const linear = (x: tf.Tensor2D, w: string, b: string): tf.Tensor2D => tf.add(tf.matMul(x, W[w]), W[b]);
  const activate = (x: tf.Tensor2D): tf.Tensor2D => {
    if (config.activation === "relu") return tf.relu(x);
    if (config.activation === "gelu") return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    // gelu_new: 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))
    const inner = tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
    return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner)));
  };

  function run(embeds: tf.Tensor2D, context: RunContext): tf.Tensor2D {
    const N = embeds.shape[0];
    const positions = tf.tensor1d(context.positions, "int32");
    const posEmbed = tf.gather(W.pos_embed, positions); // [N, D]
    context.record(hookNames.embed, () => embeds);
    context.record(hookNames.posEmbed, () => posEmbed);
    let x = tf.add(embeds, posEmbed) as tf.Tensor2D; // [N, D]
    for (let i = 0; i < config.numLayers; i++) {
      const b = `blocks.${i}.`;
      const h = hookNames.block(i);
      const residPre = x;
      context.record(h.residPre, () => residPre);
      const qkv = linear(layerNorm(x, b + "ln1", h.ln1, context), b + "attn.W_qkv", b + "attn.b_qkv"); // [N, 3D]
      const [q, k, v] = tf.split(qkv, 3, 1) as tf.Tensor2D[]; // 3 × [N, H·hd]
      context.record(h.attn.q, () => tf.reshape(q, [N, H, hd])); // [N, H, hd]
      context.record(h.attn.k, () => tf.reshape(k, [N, H, hd]));
      context.record(h.attn.v, () => tf.reshape(v, [N, H, hd]));
      const scale = 1 / Math.sqrt(hd) / (config.scaleAttnByInverseLayerIdx ? i + 1 : 1);
      const z = attend(q, k, v, i, heads, context, scale); // [N, H·hd]
      const attnOut = linear(z, b + "attn.W_O", b + "attn.b_O"); // [N, D]
      context.record(h.attnOut, () => attnOut);
      const residMid = tf.add(x, attnOut) as tf.Tensor2D;
      x = residMid;
      context.record(h.residMid, () => residMid);
      const pre = linear(layerNorm(x, b + "ln2", h.ln2, context), b + "mlp.W_in", b + "mlp.b_in"); // [N, I]
      const post = activate(pre); // [N, I]
      context.record(h.mlp.pre, () => pre);
      context.record(h.mlp.post, () => post);
      const mlpOut = linear(post, b + "mlp.W_out", b + "mlp.b_out"); // [N, D]
      context.record(h.mlpOut, () => mlpOut);
      const added = tf.add(x, mlpOut) as tf.Tensor2D;
      const residPost = context.patch ? context.patch(h.residPost, added) : added;
      x = residPost;
      context.record(h.residPost, () => residPost);
    }
    return layerNorm(x, "ln_final", hookNames.lnFinal, context); // [N, D]
  }

  // Token embeddings (rows of wte, or columns of the tied head), the head, embeddings() and dispose(): makeArchitecture.ts.
  const quiet: Pick<RunContext, "record"> = { record: () => undefined };
  const finalNorm = (resid: tf.Tensor2D): tf.Tensor2D => layerNorm(resid, "ln_final", hookNames.lnFinal, quiet as RunContext);
  return makeArchitecture(config, weights, run, { positionEmbeddings: true, rotary: false, gatedMlp: false }, finalNorm);
}
