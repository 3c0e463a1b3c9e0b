/**
 * hookNames: every key of the activation cache (`forward(ids, { activations })`), spelled exactly as
 * TransformerLens spells its `HookPoint`s, so that `cache["blocks.0.attn.hook_pattern"]` reads the
 * same here as in a TransformerLens notebook (TransformerLens `components/abstract_attention.py`,
 * `grouped_query_attention.py`, `layer_norm.py`, `rms_norm.py`, `mlps/mlp.py`, `mlps/gated_mlp.py`).
 *
 * Shapes for a batch of B rows of T tokens (a single prompt drops the B axis, as `forward` does for
 * logits); D = width, H / Hkv = query / key-value heads, hd = head size, I = MLP width, Tk = keys
 * (cached + new):
 *
 * | key                                   | shape             | what                                               |
 * |---------------------------------------|-------------------|----------------------------------------------------|
 * | hook_embed                            | [B, T, D]         | token embeddings                                   |
 * | hook_pos_embed (learned positions)    | [B, T, D]         | position embeddings (GPT-2)                        |
 * | blocks.{l}.hook_resid_pre / _mid / _post | [B, T, D]      | residual stream before the block / after attention / after the MLP |
 * | blocks.{l}.ln1.hook_scale, ln2…, ln_final.hook_scale | [B, T, 1] | the norm's divisor √(var + ε) (LayerNorm) or √(mean x² + ε) (RMSNorm) |
 * | blocks.{l}.ln1.hook_normalized, ln2…, ln_final.hook_normalized | [B, T, D] | normalised input, before the norm's weight and bias |
 * | blocks.{l}.attn.hook_q                | [B, T, H, hd]     | query projection (before RoPE; Qwen3: before its q norm) |
 * | blocks.{l}.attn.hook_k / hook_v       | [B, T, Hkv, hd]   | key / value projections of the new tokens; grouped-query models keep Hkv heads, as TransformerLens does unless `ungroup_gqa` |
 * | blocks.{l}.attn.hook_rot_q / hook_rot_k (RoPE) | [B, T, H, hd] / [B, T, Hkv, hd] | q and k after RoPE (Qwen3: after q/k norm and RoPE) |
 * | blocks.{l}.attn.hook_attn_scores      | [B, H, T, Tk]     | scaled, masked scores q·kᵀ/√hd (GPT-2 `scale_attn_by_inverse_layer_idx`: also /(l+1)); masked entries are score − 1e9 where TransformerLens writes −∞ |
 * | blocks.{l}.attn.hook_pattern          | [B, H, T, Tk]     | softmax of the scores (= `attentions`)             |
 * | blocks.{l}.attn.hook_z                | [B, T, H, hd]     | pattern · v per head, before the output projection |
 * | blocks.{l}.hook_attn_out / hook_mlp_out | [B, T, D]       | attention / MLP output added to the residual stream |
 * | blocks.{l}.mlp.hook_pre               | [B, T, I]         | MLP input projection (gated MLP: the gate projection) |
 * | blocks.{l}.mlp.hook_pre_linear (gated)| [B, T, I]         | the up projection of a gated (SwiGLU) MLP           |
 * | blocks.{l}.mlp.hook_post              | [B, T, I]         | after the nonlinearity (gated: silu(gate) · up)     |
 *
 * Not recorded (TransformerLens computes them only on request): hook_result, hook_attn_in,
 * hook_q_input / k / v_input, hook_mlp_in.
 *
 * @example
 * [hookNames.block(3).attn.pattern, hookNames.lnFinal.normalized, hookNames.all({ numLayers: 1, positionEmbeddings: false, rotary: true, gatedMlp: true }).length]
 * // => ["blocks.3.attn.hook_pattern", "ln_final.hook_normalized", 23]
 */
export const hookNames = {
  embed: "hook_embed",
  posEmbed: "hook_pos_embed",
  lnFinal: { scale: "ln_final.hook_scale", normalized: "ln_final.hook_normalized" },

  /** The keys of block `layer`. */
  block(layer: number) {
    const b = `blocks.${layer}.`;
    return {
      residPre: b + "hook_resid_pre",
      residMid: b + "hook_resid_mid",
      residPost: b + "hook_resid_post",
      attnOut: b + "hook_attn_out",
      mlpOut: b + "hook_mlp_out",
      ln1: { scale: b + "ln1.hook_scale", normalized: b + "ln1.hook_normalized" },
      ln2: { scale: b + "ln2.hook_scale", normalized: b + "ln2.hook_normalized" },
      attn: {
        q: b + "attn.hook_q",
        k: b + "attn.hook_k",
        v: b + "attn.hook_v",
        rotQ: b + "attn.hook_rot_q",
        rotK: b + "attn.hook_rot_k",
        scores: b + "attn.hook_attn_scores",
        pattern: b + "attn.hook_pattern",
        z: b + "attn.hook_z",
      },
      mlp: { pre: b + "mlp.hook_pre", preLinear: b + "mlp.hook_pre_linear", post: b + "mlp.hook_post" },
    };
  },

  /** Every key an architecture with these features records, sorted. */
  all(features: { numLayers: number; positionEmbeddings: boolean; rotary: boolean; gatedMlp: boolean }): string[] {
    const names = [hookNames.embed, hookNames.lnFinal.scale, hookNames.lnFinal.normalized];
    if (features.positionEmbeddings) names.push(hookNames.posEmbed);
    for (let layer = 0; layer < features.numLayers; layer++) {
      const h = hookNames.block(layer);
      names.push(h.residPre, h.residMid, h.residPost, h.attnOut, h.mlpOut, h.ln1.scale, h.ln1.normalized, h.ln2.scale, h.ln2.normalized);
      names.push(h.attn.q, h.attn.k, h.attn.v, h.attn.scores, h.attn.pattern, h.attn.z, h.mlp.pre, h.mlp.post);
      if (features.rotary) names.push(h.attn.rotQ, h.attn.rotK);
      if (features.gatedMlp) names.push(h.mlp.preLinear);
    }
    return names.sort();
  },

  /** True for the [B, H, T, Tk] attention maps; every other key is recorded per token, [B·T, …]. */
  isAttentionMap: (name: string): boolean => name.endsWith(".hook_pattern") || name.endsWith(".hook_attn_scores"),
};
