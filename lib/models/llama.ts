/**
 * Llama family (`LlamaForCausalLM` — Llama 2, 3, 3.1, DeepSeek-LLM —, `MistralForCausalLM`,
 * `Qwen2ForCausalLM`, `Qwen3ForCausalLM`): one decoder stack, switched by config flags.
 *
 * References:
 *   - Touvron et al. 2023, "Llama 2", https://arxiv.org/abs/2307.09288; Llama 3 herd, https://arxiv.org/abs/2407.21783
 *   - Su et al. 2021, RoFormer (RoPE), https://arxiv.org/abs/2104.09864
 *   - Zhang & Sennrich 2019, RMSNorm, https://arxiv.org/abs/1910.07467; Shazeer 2020, SwiGLU, https://arxiv.org/abs/2002.05202
 *   - Ainslie et al. 2023, grouped-query attention, https://arxiv.org/abs/2305.13245
 *   - Hugging Face `modeling_llama.py`, `modeling_mistral.py`, `modeling_qwen2.py`, `modeling_qwen3.py`,
 *     `modeling_rope_utils.py` (`_compute_llama3_parameters`); Karpathy, llm.c `train_llama3.py`
 *
 * Llama differs from GPT-2 (gpt2.ts) in four places: RMSNorm instead of LayerNorm (no bias, no mean
 * subtraction), rotary position embeddings (RoPE, rotate-half convention) applied to q and k instead
 * of learned position vectors, grouped-query attention (fewer key/value heads than query heads) and
 * a SwiGLU MLP (down(silu(gate(x)) · up(x))); no linear layer has a bias, and the head may be untied.
 * The variants differ from Llama in:
 *   - Mistral: sliding-window attention (keys more than `sliding_window` back are masked);
 *   - Qwen2: biases on the q, k and v projections;
 *   - Qwen3: RMSNorm over each head of q and k before RoPE, and an explicit `head_dim`.
 * Llama 3.1 adds `rope_scaling` type "llama3" (frequency-dependent rescaling of RoPE frequencies).
 *
 * Config and loading: families/llama.ts; weight names and transposes: weights/llamaWeights.ts;
 * activation keys (TransformerLens names, recorded only when asked for): hookNames.ts. Shapes: N = B·T rows, D = hidden_size,
 * H / Hkv = query / key-value heads, hd = head_dim, I = intermediate_size, V = vocabulary.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/qwen3-f32");
 * model.config.qkNorm // => true
 */
import { tf } from "../backend/backend.js";
import { attend } from "./attend.js";
import { hookNames } from "./hookNames.js";
import { makeArchitecture } from "./makeArchitecture.js";
import type { Architecture, ModelConfig, RunContext } from "./types.js";

export function createLlama(config: ModelConfig, weights: Record<string, tf.Tensor>): Architecture {
  const W = weights as Record<string, tf.Tensor2D>;
  const eps = config.normEps;
  const { numHeads: H, numKvHeads: Hkv, headDim: hd } = config;
  const inverseFrequencies = ropeFrequencies(config); // [hd / 2], float64

  /** x / sqrt(mean(x²) + eps) over the last axis, before the weight. */
  const rmsNormalize = (x: tf.Tensor2D): { normalized: tf.Tensor2D; meanSquare: tf.Tensor2D } => {
    const meanSquare = tf.mean(tf.square(x), -1, true) as tf.Tensor2D; // [N, 1]
    return { normalized: tf.mul(x, tf.rsqrt(tf.add(meanSquare, eps))), meanSquare };
  };
  const rmsNorm = (x: tf.Tensor2D, weight: tf.Tensor): tf.Tensor2D => tf.mul(rmsNormalize(x).normalized, weight);
  /** rmsNorm that records its divisor and normalised input (TransformerLens `hook_scale`, `hook_normalized`). */
  const rmsNormHooked = (x: tf.Tensor2D, weight: tf.Tensor, hooks: { scale: string; normalized: string }, context: RunContext): tf.Tensor2D => {
    const { normalized, meanSquare } = rmsNormalize(x);
    context.record(hooks.scale, () => tf.sqrt(tf.add(meanSquare, eps))); // [N, 1]
    context.record(hooks.normalized, () => normalized); // [N, D]
    return tf.mul(normalized, weight);
  };

  /** cos and sin of position · frequency, [N, 1, hd], both halves repeated (HF's `cat(freqs, freqs)`). */
  const ropeTables = (positions: Int32Array): [tf.Tensor3D, tf.Tensor3D] => {
    const N = positions.length;
    const half = hd / 2;
    const cos = new Float32Array(N * hd);
    const sin = new Float32Array(N * hd);
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < half; j++) {
        const angle = positions[n] * inverseFrequencies[j];
        cos[n * hd + j] = cos[n * hd + j + half] = Math.cos(angle);
        sin[n * hd + j] = sin[n * hd + j + half] = Math.sin(angle);
      }
    }
    return [tf.tensor3d(cos, [N, 1, hd]), tf.tensor3d(sin, [N, 1, hd])];
  };

  /** x·cos + rotate_half(x)·sin with rotate_half(x) = [−x₂, x₁]; x [N, n·hd] → [N, n·hd]. */
  const rope = (x: tf.Tensor2D, n: number, cos: tf.Tensor3D, sin: tf.Tensor3D): tf.Tensor2D => {
    const N = x.shape[0];
    const heads = tf.reshape(x, [N, n, hd]); // [N, n, hd]
    const [x1, x2] = tf.split(heads, 2, 2); // 2 × [N, n, hd/2]
    const rotated = tf.concat([tf.neg(x2), x1], 2); // [N, n, hd]
    return tf.reshape(tf.add(tf.mul(heads, cos), tf.mul(rotated, sin)), [N, n * hd]);
  };

  /** Qwen3: RMSNorm over each head; [N, n·hd] → [N, n·hd]. */
  const headNorm = (x: tf.Tensor2D, n: number, weight: tf.Tensor): tf.Tensor2D => {
    const N = x.shape[0];
    return tf.reshape(rmsNorm(tf.reshape(x, [N * n, hd]), weight), [N, n * hd]);
  };

  const linear = (x: tf.Tensor2D, w: string, b?: string): tf.Tensor2D => {
    const y = tf.matMul(x, W[w]) as tf.Tensor2D;
    return b && W[b] ? (tf.add(y, W[b]) as tf.Tensor2D) : y;
  };

  function run(embeds: tf.Tensor2D, context: RunContext): tf.Tensor2D {
    const N = embeds.shape[0];
    const [cos, sin] = ropeTables(context.positions);
    const I = config.intermediateSize;
    const scale = 1 / Math.sqrt(hd);
    context.record(hookNames.embed, () => embeds);
    let x = embeds; // [N, D]
    for (let i = 0; i < config.numLayers; i++) {
      const b = `blocks.${i}.`;
      const h = hookNames.block(i);
      const residPre = x;
      context.record(h.residPre, () => residPre);
      const qkv = linear(rmsNormHooked(x, W[b + "ln1.w"], h.ln1, context), b + "attn.W_qkv", b + "attn.b_qkv"); // [N, (H + 2Hkv)·hd]
      const [qRaw, kRaw, v] = tf.split(qkv, [H * hd, Hkv * hd, Hkv * hd], 1) as tf.Tensor2D[]; // [N, H·hd], [N, Hkv·hd] ×2
      context.record(h.attn.q, () => tf.reshape(qRaw, [N, H, hd])); // [N, H, hd]
      context.record(h.attn.k, () => tf.reshape(kRaw, [N, Hkv, hd])); // [N, Hkv, hd]
      context.record(h.attn.v, () => tf.reshape(v, [N, Hkv, hd]));
      let q = qRaw;
      let k = kRaw;
      if (config.qkNorm) {
        q = headNorm(q, H, W[b + "attn.q_norm.w"]);
        k = headNorm(k, Hkv, W[b + "attn.k_norm.w"]);
      }
      const qRotated = rope(q, H, cos, sin);
      const kRotated = rope(k, Hkv, cos, sin);
      context.record(h.attn.rotQ, () => tf.reshape(qRotated, [N, H, hd]));
      context.record(h.attn.rotK, () => tf.reshape(kRotated, [N, Hkv, hd]));
      const z = attend(qRotated, kRotated, v, i, config, context, scale); // [N, H·hd]
      const attnOut = linear(z, b + "attn.W_O", b + "attn.b_O"); // [N, D]
      context.record(h.attnOut, () => attnOut);
      const residMid = tf.add(x, attnOut) as tf.Tensor2D;
      x = residMid;
      context.record(h.residMid, () => residMid);
      const gateUp = linear(rmsNormHooked(x, W[b + "ln2.w"], h.ln2, context), b + "mlp.W_gate_up", b + "mlp.b_gate_up"); // [N, 2I]
      const [gate, up] = tf.split(gateUp, [I, I], 1) as tf.Tensor2D[]; // 2 × [N, I]
      const post = tf.mul(tf.mul(gate, tf.sigmoid(gate)), up) as tf.Tensor2D; // silu(gate) · up, [N, I]
      context.record(h.mlp.pre, () => gate);
      context.record(h.mlp.preLinear, () => up);
      context.record(h.mlp.post, () => post);
      const mlpOut = linear(post, b + "mlp.W_out", b + "mlp.b_out"); // [N, D]
      context.record(h.mlpOut, () => mlpOut);
      const added = tf.add(x, mlpOut) as tf.Tensor2D;
      const residPost = context.patch ? context.patch(h.residPost, added) : added;
      x = residPost;
      context.record(h.residPost, () => residPost);
    }
    return rmsNormHooked(x, W["ln_final.w"], hookNames.lnFinal, context); // [N, D]
  }

  // Token embeddings (rows of embed_tokens, or columns of a tied head), the head, embeddings() and dispose(): makeArchitecture.ts.
  const finalNorm = (resid: tf.Tensor2D): tf.Tensor2D => rmsNorm(resid, W["ln_final.w"]);
  return makeArchitecture(config, weights, run, { positionEmbeddings: false, rotary: true, gatedMlp: true }, finalNorm);
}
/**
 * RoPE inverse frequencies θ^(−2j/hd), j = 0 … hd/2 − 1, with `rope_scaling` applied:
 *   - "linear": divided by `factor` (positions interpolated);
 *   - "llama3": wavelengths longer than original_max_position_embeddings / low_freq_factor are divided
 *     by `factor`, shorter than … / high_freq_factor kept, and those between blended smoothly
 *     (HF `_compute_llama3_parameters`).
 */
function ropeFrequencies(config: ModelConfig): Float64Array {
  const hd = config.headDim;
  const theta = config.ropeTheta ?? 10000;
  const frequencies = new Float64Array(hd / 2);
  for (let j = 0; j < hd / 2; j++) frequencies[j] = 1 / theta ** ((2 * j) / hd);
  const scaling = config.ropeScaling;
  if (!scaling) return frequencies;
  const type = String(scaling.rope_type ?? scaling.type);
  const factor = Number(scaling.factor ?? 1);
  if (type === "linear") return frequencies.map((f) => f / factor);
  const low = Number(scaling.low_freq_factor ?? 1);
  const high = Number(scaling.high_freq_factor ?? 4);
  const original = Number(scaling.original_max_position_embeddings ?? 8192);
  const lowWavelength = original / low;
  const highWavelength = original / high;
  return frequencies.map((f) => {
    const wavelength = (2 * Math.PI) / f;
    if (wavelength < highWavelength) return f;
    if (wavelength > lowWavelength) return f / factor;
    const smooth = (original / wavelength - low) / (high - low);
    return (1 - smooth) * (f / factor) + smooth * f;
  });
}
