// Named activations (lib/models/hookNames.ts): the key list per architecture, pinned; the shapes; and
// the values, checked against the float64 reference hidden states and attention patterns of
// test/fixtures/models/gen.py and against float64 recomputations from the checkpoint's own tensors
// (each hook from the hooks before it: q = ln1 · W_Q, pattern = softmax(scores), z = pattern · v,
// attn_out = z · W_O, …), so every hook is tied to the model's math, not just present.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { openSafetensors } from "../../lib/models/safetensors.js";
import type { CausalLM } from "../../lib/models/causalLM.js";
import { assertScaledClose, MODEL_LOGITS_RELATIVE } from "../tolerances.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");
const reference = JSON.parse(readFileSync(join(fixtures, "reference.json"), "utf8")) as {
  prompts: number[][];
  cases: Record<string, { dir: string; hiddenStates: number[][][]; attentions: number[][][][] }>;
};
const [promptA, promptB] = reference.prompts;

before(async () => {
  await ready();
});

// TransformerLens names (HookedTransformer with default settings) for a 2-layer GPT-2.
const GPT2_KEYS = [
  "blocks.0.attn.hook_attn_scores", "blocks.0.attn.hook_k", "blocks.0.attn.hook_pattern", "blocks.0.attn.hook_q",
  "blocks.0.attn.hook_v", "blocks.0.attn.hook_z", "blocks.0.hook_attn_out", "blocks.0.hook_mlp_out",
  "blocks.0.hook_resid_mid", "blocks.0.hook_resid_post", "blocks.0.hook_resid_pre", "blocks.0.ln1.hook_normalized",
  "blocks.0.ln1.hook_scale", "blocks.0.ln2.hook_normalized", "blocks.0.ln2.hook_scale", "blocks.0.mlp.hook_post",
  "blocks.0.mlp.hook_pre",
  "blocks.1.attn.hook_attn_scores", "blocks.1.attn.hook_k", "blocks.1.attn.hook_pattern", "blocks.1.attn.hook_q",
  "blocks.1.attn.hook_v", "blocks.1.attn.hook_z", "blocks.1.hook_attn_out", "blocks.1.hook_mlp_out",
  "blocks.1.hook_resid_mid", "blocks.1.hook_resid_post", "blocks.1.hook_resid_pre", "blocks.1.ln1.hook_normalized",
  "blocks.1.ln1.hook_scale", "blocks.1.ln2.hook_normalized", "blocks.1.ln2.hook_scale", "blocks.1.mlp.hook_post",
  "blocks.1.mlp.hook_pre",
  "hook_embed", "hook_pos_embed", "ln_final.hook_normalized", "ln_final.hook_scale",
];
// Llama family (Llama, Llama 3, Mistral, Qwen2, Qwen3): RoPE adds hook_rot_q / hook_rot_k, the gated
// MLP adds mlp.hook_pre_linear, and there is no hook_pos_embed. Qwen3's q/k norm adds no key: hook_q /
// hook_k are the projections before it, hook_rot_q / hook_rot_k are after norm and RoPE.
const LLAMA_KEYS = [
  "blocks.0.attn.hook_attn_scores", "blocks.0.attn.hook_k", "blocks.0.attn.hook_pattern", "blocks.0.attn.hook_q",
  "blocks.0.attn.hook_rot_k", "blocks.0.attn.hook_rot_q", "blocks.0.attn.hook_v", "blocks.0.attn.hook_z",
  "blocks.0.hook_attn_out", "blocks.0.hook_mlp_out", "blocks.0.hook_resid_mid", "blocks.0.hook_resid_post",
  "blocks.0.hook_resid_pre", "blocks.0.ln1.hook_normalized", "blocks.0.ln1.hook_scale", "blocks.0.ln2.hook_normalized",
  "blocks.0.ln2.hook_scale", "blocks.0.mlp.hook_post", "blocks.0.mlp.hook_pre", "blocks.0.mlp.hook_pre_linear",
  "blocks.1.attn.hook_attn_scores", "blocks.1.attn.hook_k", "blocks.1.attn.hook_pattern", "blocks.1.attn.hook_q",
  "blocks.1.attn.hook_rot_k", "blocks.1.attn.hook_rot_q", "blocks.1.attn.hook_v", "blocks.1.attn.hook_z",
  "blocks.1.hook_attn_out", "blocks.1.hook_mlp_out", "blocks.1.hook_resid_mid", "blocks.1.hook_resid_post",
  "blocks.1.hook_resid_pre", "blocks.1.ln1.hook_normalized", "blocks.1.ln1.hook_scale", "blocks.1.ln2.hook_normalized",
  "blocks.1.ln2.hook_scale", "blocks.1.mlp.hook_post", "blocks.1.mlp.hook_pre", "blocks.1.mlp.hook_pre_linear",
  "hook_embed", "ln_final.hook_normalized", "ln_final.hook_scale",
];
const PINNED: Record<string, string[]> = {
  "gpt2-f32": GPT2_KEYS,
  "llama-f32": LLAMA_KEYS,
  "llama3-f32": LLAMA_KEYS,
  "mistral-f32": LLAMA_KEYS,
  "qwen2-f32": LLAMA_KEYS,
  "qwen3-f32": LLAMA_KEYS,
};

for (const [name, keys] of Object.entries(PINNED)) {
  test(`${name}: forward(ids, { activations: true }) returns exactly the pinned TransformerLens keys`, async () => {
    const model = await loadModel(join(fixtures, reference.cases[name].dir));
    const before = tf.memory().numTensors;
    const out = model.forward(promptA, { activations: true });
    assert.deepEqual([...out.activations!.keys()].sort(), keys);
    assert.deepEqual([...model.activationNames], keys);
    tf.dispose([out.logits, ...out.activations!.values()]);
    assert.equal(tf.memory().numTensors, before, "no tensor leaks");
    model.dispose();
  });
}

// ---- float64 helpers on nested arrays ----
type Matrix = number[][];
const matmul = (a: Matrix, b: Matrix): Matrix => a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const transpose = (a: Matrix): Matrix => a[0].map((_, j) => a.map((row) => row[j]));
const addRow = (a: Matrix, bias: number[]): Matrix => a.map((row) => row.map((x, j) => x + bias[j]));
const add = (a: Matrix, b: Matrix): Matrix => a.map((row, i) => row.map((x, j) => x + b[i][j]));
const scaleRows = (a: Matrix, w: number[]): Matrix => a.map((row) => row.map((x, j) => x * w[j]));
const flatHeads = (x: number[][][]): Matrix => x.map((heads) => heads.flat()); // [T, H, hd] → [T, H·hd]
const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);
const norm = (a: number[]): number => Math.sqrt(dot(a, a));

/** Checkpoint tensors as float64 nested arrays. */
function weightsOf(dir: string): { vector(name: string): number[]; matrix(name: string): Matrix; has(name: string): boolean } {
  const file = openSafetensors(join(fixtures, dir, "model.safetensors"));
  return {
    has: (name) => file.tensors.has(name),
    vector: (name) => Array.from(file.read(name)),
    matrix: (name) => {
      const [rows, cols] = file.tensors.get(name)!.shape;
      const values = file.read(name);
      return Array.from({ length: rows }, (_, r) => Array.from(values.subarray(r * cols, (r + 1) * cols)));
    },
  };
}

const close = (actual: unknown, expected: unknown, what: string): number => assertScaledClose(actual, expected, MODEL_LOGITS_RELATIVE, what);

for (const name of Object.keys(PINNED)) {
  test(`${name}: every activation has its TransformerLens shape and agrees with the model's math in float64`, async () => {
    const { dir, hiddenStates, attentions } = reference.cases[name];
    const model = await loadModel(join(fixtures, dir));
    const { numLayers: L, numHeads: H, numKvHeads: Hkv, headDim: hd, hiddenSize: D, intermediateSize: I, normEps: eps } = model.config;
    const isGPT2 = model.config.family === "gpt2";
    const T = promptA.length;
    const out = model.forward(promptA, { activations: true, attentions: true });
    const acts = out.activations!;
    const get = <A>(key: string): A => acts.get(key)!.arraySync() as A;
    const shape = (key: string): number[] => acts.get(key)!.shape;
    const W = weightsOf(dir);
    const group = H / Hkv;

    assert.deepEqual(shape("hook_embed"), [T, D]);
    const embed = get<Matrix>("hook_embed");
    const firstInput = isGPT2 ? add(embed, get<Matrix>("hook_pos_embed")) : embed;
    close(get<Matrix>("blocks.0.hook_resid_pre"), firstInput, "resid_pre 0 = embed (+ pos_embed)");

    for (let l = 0; l < L; l++) {
      const b = `blocks.${l}.`;
      const hf = isGPT2 ? `transformer.h.${l}.` : `model.layers.${l}.`;
      for (const [key, expected] of Object.entries({
        "hook_resid_pre": [T, D], "hook_resid_mid": [T, D], "hook_resid_post": [T, D], "hook_attn_out": [T, D], "hook_mlp_out": [T, D],
        "ln1.hook_scale": [T, 1], "ln1.hook_normalized": [T, D], "ln2.hook_scale": [T, 1], "ln2.hook_normalized": [T, D],
        "attn.hook_q": [T, H, hd], "attn.hook_k": [T, Hkv, hd], "attn.hook_v": [T, Hkv, hd], "attn.hook_z": [T, H, hd],
        "attn.hook_attn_scores": [H, T, T], "attn.hook_pattern": [H, T, T], "mlp.hook_pre": [T, I], "mlp.hook_post": [T, I],
        ...(isGPT2 ? {} : { "attn.hook_rot_q": [T, H, hd], "attn.hook_rot_k": [T, Hkv, hd], "mlp.hook_pre_linear": [T, I] }),
      })) {
        assert.deepEqual(shape(b + key), expected, `${b + key} shape`);
      }
      const residPre = get<Matrix>(b + "hook_resid_pre");
      const residMid = get<Matrix>(b + "hook_resid_mid");
      const residPost = get<Matrix>(b + "hook_resid_post");

      // Residual stream: pre + attn_out = mid, mid + mlp_out = post, post(l) = pre(l + 1) = HF hidden state l + 1.
      close(residMid, add(residPre, get<Matrix>(b + "hook_attn_out")), `${b}resid_mid = resid_pre + attn_out`);
      close(residPost, add(residMid, get<Matrix>(b + "hook_mlp_out")), `${b}resid_post = resid_mid + mlp_out`);
      close(residPre, hiddenStates[l], `${b}resid_pre = reference hidden state ${l}`);
      if (l < L - 1) {
        assert.deepEqual(residPost, get<Matrix>(`blocks.${l + 1}.hook_resid_pre`), `${b}resid_post = next resid_pre`);
        close(residPost, hiddenStates[l + 1], `${b}resid_post = reference hidden state ${l + 1}`);
      }

      // Norms: normalized · scale = x − mean(x) (LayerNorm) or x (RMSNorm).
      for (const [ln, input] of [["ln1", residPre], ["ln2", residMid]] as const) {
        const scale = get<Matrix>(`${b}${ln}.hook_scale`);
        const centred = input.map((row) => {
          const mean = isGPT2 ? row.reduce((s, x) => s + x, 0) / row.length : 0;
          return row.map((x) => x - mean);
        });
        close(get<Matrix>(`${b}${ln}.hook_normalized`).map((row, t) => row.map((x) => x * scale[t][0])), centred, `${b}${ln} normalized · scale`);
        const variance = centred.map((row) => row.reduce((s, x) => s + x * x, 0) / row.length);
        close(scale.map((r) => r[0]), variance.map((v) => Math.sqrt(v + eps)), `${b}${ln}.hook_scale = √(var + ε)`);
      }
      const ln1Out = isGPT2
        ? addRow(scaleRows(get<Matrix>(b + "ln1.hook_normalized"), W.vector(hf + "ln_1.weight")), W.vector(hf + "ln_1.bias"))
        : scaleRows(get<Matrix>(b + "ln1.hook_normalized"), W.vector(hf + "input_layernorm.weight"));
      const ln2Out = isGPT2
        ? addRow(scaleRows(get<Matrix>(b + "ln2.hook_normalized"), W.vector(hf + "ln_2.weight")), W.vector(hf + "ln_2.bias"))
        : scaleRows(get<Matrix>(b + "ln2.hook_normalized"), W.vector(hf + "post_attention_layernorm.weight"));

      // q, k, v: the projections of the ln1 output (GPT-2: one Conv1D [D, 3D]; Llama: q/k/v_proj [out, D]).
      const q = get<number[][][]>(b + "attn.hook_q");
      const k = get<number[][][]>(b + "attn.hook_k");
      const v = get<number[][][]>(b + "attn.hook_v");
      let qExpected: Matrix, kExpected: Matrix, vExpected: Matrix;
      if (isGPT2) {
        const qkv = addRow(matmul(ln1Out, W.matrix(hf + "attn.c_attn.weight")), W.vector(hf + "attn.c_attn.bias"));
        [qExpected, kExpected, vExpected] = [0, 1, 2].map((part) => qkv.map((row) => row.slice(part * D, (part + 1) * D)));
      } else {
        const project = (proj: string): Matrix => {
          const y = matmul(ln1Out, transpose(W.matrix(`${hf}self_attn.${proj}.weight`)));
          return W.has(`${hf}self_attn.${proj}.bias`) ? addRow(y, W.vector(`${hf}self_attn.${proj}.bias`)) : y;
        };
        [qExpected, kExpected, vExpected] = [project("q_proj"), project("k_proj"), project("v_proj")];
      }
      close(flatHeads(q), qExpected, `${b}attn.hook_q = ln1 · W_Q`);
      close(flatHeads(k), kExpected, `${b}attn.hook_k = ln1 · W_K`);
      close(flatHeads(v), vExpected, `${b}attn.hook_v = ln1 · W_V`);

      // RoPE rotates each head's q and k (Qwen3: after the per-head RMSNorm): norms are kept, position 0 is unrotated.
      let rotQ = q;
      let rotK = k;
      if (!isGPT2) {
        rotQ = get<number[][][]>(b + "attn.hook_rot_q");
        rotK = get<number[][][]>(b + "attn.hook_rot_k");
        const headNorm = (x: number[][][], weight: string): number[][][] => {
          if (!model.config.qkNorm) return x;
          const w = W.vector(`${hf}self_attn.${weight}.weight`);
          return x.map((heads) => heads.map((h) => {
            const rms = Math.sqrt(h.reduce((s, y) => s + y * y, 0) / h.length + eps);
            return h.map((y, j) => (y / rms) * w[j]);
          }));
        };
        for (const [rot, raw, what] of [[rotQ, headNorm(q, "q_norm"), "q"], [rotK, headNorm(k, "k_norm"), "k"]] as const) {
          close(rot.map((heads) => heads.map(norm)), raw.map((heads) => heads.map(norm)), `${b}attn.hook_rot_${what} keeps each head's norm`);
          close(rot[0], raw[0], `${b}attn.hook_rot_${what} at position 0`);
        }
      }

      // Scores = rot_q · rot_k / √hd on visible keys (causal, Mistral's sliding window), ≈ −1e9 on masked ones.
      const scores = get<number[][][]>(b + "attn.hook_attn_scores");
      const pattern = get<number[][][]>(b + "attn.hook_pattern");
      const window = model.config.slidingWindow;
      const visible = (i: number, j: number): boolean => j <= i && (window === undefined || i - j < window);
      const scoreActual: number[] = [];
      const scoreExpected: number[] = [];
      for (let h = 0; h < H; h++) {
        for (let i = 0; i < T; i++) {
          for (let j = 0; j < T; j++) {
            if (!visible(i, j)) {
              assert.ok(scores[h][i][j] < -1e8, `${b}attn.hook_attn_scores[${h}][${i}][${j}] is masked`);
              continue;
            }
            scoreActual.push(scores[h][i][j]);
            scoreExpected.push(dot(rotQ[i][h], rotK[j][Math.floor(h / group)]) / Math.sqrt(hd));
          }
        }
      }
      close(scoreActual, scoreExpected, `${b}attn.hook_attn_scores = q·k/√hd`);

      // Pattern = softmax(scores) = `attentions` = the float64 reference.
      const softmax = scores.map((rows) => rows.map((row) => {
        const top = Math.max(...row);
        const e = row.map((x) => Math.exp(x - top));
        const sum = e.reduce((s, x) => s + x, 0);
        return e.map((x) => x / sum);
      }));
      close(pattern, softmax, `${b}attn.hook_pattern = softmax(scores)`);
      assert.deepEqual(pattern, out.attentions![l].arraySync(), `${b}attn.hook_pattern = attentions[${l}]`);
      close(pattern, attentions[l], `${b}attn.hook_pattern = reference attention ${l}`);

      // z = pattern · v per head (head h reads key/value head ⌊h / group⌋); attn_out = z · W_O (+ b_O).
      const z = get<number[][][]>(b + "attn.hook_z");
      const zExpected = Array.from({ length: T }, (_, i) =>
        Array.from({ length: H }, (_, h) => Array.from({ length: hd }, (_, d) => pattern[h][i].reduce((s, p, j) => s + p * v[j][Math.floor(h / group)][d], 0))));
      close(z, zExpected, `${b}attn.hook_z = pattern · v`);
      const attnOut = isGPT2
        ? addRow(matmul(flatHeads(z), W.matrix(hf + "attn.c_proj.weight")), W.vector(hf + "attn.c_proj.bias"))
        : matmul(flatHeads(z), transpose(W.matrix(hf + "self_attn.o_proj.weight")));
      close(get<Matrix>(b + "hook_attn_out"), attnOut, `${b}hook_attn_out = z · W_O`);

      // MLP: pre = ln2 · W_in (gated: the gate), post = act(pre) (gated: silu(gate) · up), mlp_out = post · W_out.
      const pre = get<Matrix>(b + "mlp.hook_pre");
      const post = get<Matrix>(b + "mlp.hook_post");
      if (isGPT2) {
        close(pre, addRow(matmul(ln2Out, W.matrix(hf + "mlp.c_fc.weight")), W.vector(hf + "mlp.c_fc.bias")), `${b}mlp.hook_pre = ln2 · W_in`);
        const geluNew = (x: number): number => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
        close(post, pre.map((row) => row.map(geluNew)), `${b}mlp.hook_post = gelu_new(pre)`);
        close(get<Matrix>(b + "hook_mlp_out"), addRow(matmul(post, W.matrix(hf + "mlp.c_proj.weight")), W.vector(hf + "mlp.c_proj.bias")), `${b}hook_mlp_out = post · W_out`);
      } else {
        const up = get<Matrix>(b + "mlp.hook_pre_linear");
        close(pre, matmul(ln2Out, transpose(W.matrix(hf + "mlp.gate_proj.weight"))), `${b}mlp.hook_pre = ln2 · W_gate`);
        close(up, matmul(ln2Out, transpose(W.matrix(hf + "mlp.up_proj.weight"))), `${b}mlp.hook_pre_linear = ln2 · W_up`);
        close(post, pre.map((row, t) => row.map((g, j) => (g / (1 + Math.exp(-g))) * up[t][j])), `${b}mlp.hook_post = silu(pre) · pre_linear`);
        close(get<Matrix>(b + "hook_mlp_out"), matmul(post, transpose(W.matrix(hf + "mlp.down_proj.weight"))), `${b}hook_mlp_out = post · W_down`);
      }
    }

    // Final norm: normalized of the last resid_post; normalized · w (+ b) = HF's last hidden state.
    const last = get<Matrix>(`blocks.${L - 1}.hook_resid_post`);
    const scale = get<Matrix>("ln_final.hook_scale");
    const normalized = get<Matrix>("ln_final.hook_normalized");
    close(normalized.map((row, t) => row.map((x) => x * scale[t][0])), last.map((row) => {
      const mean = isGPT2 ? row.reduce((s, x) => s + x, 0) / row.length : 0;
      return row.map((x) => x - mean);
    }), "ln_final normalized · scale");
    const finalOut = isGPT2
      ? addRow(scaleRows(normalized, W.vector("transformer.ln_f.weight")), W.vector("transformer.ln_f.bias"))
      : scaleRows(normalized, W.vector("model.norm.weight"));
    close(finalOut, hiddenStates[L], "ln_final output = reference last hidden state");

    tf.dispose([out.logits, ...acts.values()]);
    model.dispose();
  });
}

test("a batch gives every activation a leading batch axis, and each row the values of the row alone", async () => {
  const model = await loadModel(join(fixtures, "qwen3-f32"));
  const { numHeads: H, numKvHeads: Hkv, headDim: hd } = model.config;
  const keys = ["blocks.1.attn.hook_k", "blocks.1.attn.hook_z", "blocks.1.attn.hook_pattern", "blocks.0.hook_resid_post", "ln_final.hook_scale"];
  const before = tf.memory().numTensors;
  const batch = model.forward([promptA, promptB], { activations: keys });
  const T = promptA.length;
  assert.deepEqual(batch.activations!.get("blocks.1.attn.hook_k")!.shape, [2, T, Hkv, hd]);
  assert.deepEqual(batch.activations!.get("blocks.1.attn.hook_z")!.shape, [2, T, H, hd]);
  assert.deepEqual(batch.activations!.get("blocks.1.attn.hook_pattern")!.shape, [2, H, T, T]);
  assert.deepEqual(batch.activations!.get("ln_final.hook_scale")!.shape, [2, T, 1]);
  for (const [row, prompt] of [promptA, promptB].entries()) {
    const alone = model.forward(prompt, { activations: keys });
    const n = prompt.length;
    for (const key of keys) {
      const batched = (batch.activations!.get(key)!.arraySync() as unknown[])[row] as unknown[];
      // Right padding: the row's own positions (and, for attention maps, its own keys).
      const own = key.endsWith("hook_pattern") ? (batched as number[][][]).map((q) => q.slice(0, n).map((r) => r.slice(0, n))) : batched.slice(0, n);
      close(own, alone.activations!.get(key)!.arraySync(), `row ${row} ${key}`);
    }
    tf.dispose([alone.logits, ...alone.activations!.values()]);
  }
  tf.dispose([batch.logits, ...batch.activations!.values()]);
  assert.equal(tf.memory().numTensors, before, "no tensor leaks");
  model.dispose();
});

test("with a KV cache, hook_k covers the new tokens and hook_pattern every key, as in one full forward", async () => {
  const model = await loadModel(join(fixtures, "mistral-f32"));
  const { numHeads: H, numKvHeads: Hkv, headDim: hd } = model.config;
  const keys = ["blocks.0.attn.hook_k", "blocks.0.attn.hook_pattern"];
  const full = model.forward(promptA, { activations: keys });
  const first = model.forward(promptA.slice(0, 6), { useCache: true });
  const second = model.forward(promptA.slice(6), { cache: first.cache, activations: keys });
  assert.deepEqual(second.activations!.get("blocks.0.attn.hook_k")!.shape, [3, Hkv, hd]);
  assert.deepEqual(second.activations!.get("blocks.0.attn.hook_pattern")!.shape, [H, 3, 9]);
  const fullPattern = full.activations!.get("blocks.0.attn.hook_pattern")!.arraySync() as number[][][];
  close(second.activations!.get("blocks.0.attn.hook_pattern")!.arraySync(), fullPattern.map((h) => h.slice(6)), "cached pattern rows");
  const fullK = full.activations!.get("blocks.0.attn.hook_k")!.arraySync() as number[][][];
  close(second.activations!.get("blocks.0.attn.hook_k")!.arraySync(), fullK.slice(6), "cached hook_k");
  tf.dispose([full.logits, first.logits, second.logits, ...full.activations!.values(), ...second.activations!.values()]);
  first.cache!.dispose();
  second.cache!.dispose();
  model.dispose();
});

/** Kernel names a forward pass runs (tf.profile), with everything it returned disposed. */
async function kernelsOf(model: CausalLM, options: Parameters<CausalLM["forward"]>[1]): Promise<string[]> {
  const info = await tf.profile(() => {
    const out = model.forward(promptA, options);
    tf.dispose([out.logits, ...(out.activations?.values() ?? [])]);
  });
  return info.kernels.map((k) => k.name);
}

test("activations nobody requested are neither kept nor computed", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32"));
  const plain = model.forward(promptA);
  assert.equal(plain.activations, undefined);
  const none = model.forward(promptA, { activations: [] });
  assert.equal(none.activations!.size, 0);
  const one = model.forward(promptA, { activations: ["blocks.0.ln1.hook_scale"] });
  assert.deepEqual([...one.activations!.keys()], ["blocks.0.ln1.hook_scale"]);
  const predicate = model.forward(promptA, { activations: (key) => key.endsWith(".attn.hook_z") });
  assert.deepEqual([...predicate.activations!.keys()].sort(), ["blocks.0.attn.hook_z", "blocks.1.attn.hook_z"]);
  tf.dispose([plain.logits, none.logits, one.logits, predicate.logits, ...one.activations!.values(), ...predicate.activations!.values()]);

  // Work skipped: the norm scale √(var + ε) (a Sqrt kernel; the norms themselves use Rsqrt) and the
  // per-head reshapes run only when their hooks are requested.
  const bare = await kernelsOf(model, {});
  const scaleOnly = await kernelsOf(model, { activations: ["blocks.0.ln1.hook_scale"] });
  const everything = await kernelsOf(model, { activations: true });
  assert.equal(bare.filter((k) => k === "Sqrt").length, 0);
  assert.equal(scaleOnly.filter((k) => k === "Sqrt").length, 1);
  assert.equal(everything.filter((k) => k === "Sqrt").length, 2 * model.config.numLayers + 1);
  assert.ok(everything.length > scaleOnly.length && scaleOnly.length > bare.length, `${bare.length} < ${scaleOnly.length} < ${everything.length} kernels`);
  model.dispose();
});

test("forward rejects an activation name the model does not record, naming it and its position", async () => {
  const model = await loadModel(join(fixtures, "gpt2-f32"));
  const llama = await loadModel(join(fixtures, "llama-f32"));
  const before = tf.memory().numTensors;
  // The pre-TransformerLens spelling of the pattern key.
  assert.throws(
    () => model.forward(promptA, { activations: ["blocks.0.hook_resid_pre", "blocks.0.attn.pattern"] }),
    (error: Error) => {
      assert.equal(error.name, "LogitlabError");
      assert.equal(error.message.includes("\n"), false);
      assert.match(error.message, /^forward: item 1 field "activations": activation "blocks.0.attn.pattern" is not recorded by GPT2LMHeadModel; model.activationNames lists its 38 keys/);
      return true;
    },
  );
  // A Llama-family model has no position embedding hook.
  assert.throws(() => llama.forward(promptA, { activations: ["hook_pos_embed"] }), /activation "hook_pos_embed" is not recorded by LlamaForCausalLM/);
  assert.equal(tf.memory().numTensors, before, "a rejected request allocates nothing");
  llama.dispose();
  model.dispose();
});
