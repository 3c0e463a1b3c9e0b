/**
 * Random Hugging Face checkpoints for bench/gpu.ts: config.json + model.safetensors (float32, written
 * tensor by tensor, never the whole file in memory) + the bundled tiny model's tokenizer, so that
 * loadModel and convertToGguf take them (convertToGguf names the embedding rows beyond the tokenizer
 * [PAD<id>]). Weights are uniform in [−√3·std, √3·std] (variance std²) from a seeded xorshift32, the
 * same on every run; biases 0.01-scaled, norms 1.
 *
 *   gpt2:  GPT-2-small shape by default (12 × 768, 12 heads, vocabulary 50,257, 124M parameters);
 *   llama: Llama-3.2-1B shape by default (16 × 2048, 32 heads / 8 KV heads, FFN 8192, vocabulary
 *          128,256, tied embeddings, 1.24B parameters).
 */
import { closeSync, copyFileSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

export interface CheckpointShape {
  kind: "gpt2" | "llama";
  vocab: number;
  width: number;
  layers: number;
  heads: number;
  kvHeads: number;
  ffn: number;
  positions: number;
}

export const GPT2_SMALL: CheckpointShape = { kind: "gpt2", vocab: 50257, width: 768, layers: 12, heads: 12, kvHeads: 12, ffn: 3072, positions: 1024 };
export const LLAMA_1B: CheckpointShape = { kind: "llama", vocab: 128256, width: 2048, layers: 16, heads: 32, kvHeads: 8, ffn: 8192, positions: 2048 };

interface Spec { name: string; shape: number[]; std: number; constant?: number }

function gpt2Tensors(s: CheckpointShape): Spec[] {
  const D = s.width;
  const out: Spec[] = [
    { name: "transformer.wte.weight", shape: [s.vocab, D], std: 0.02 },
    { name: "transformer.wpe.weight", shape: [s.positions, D], std: 0.01 },
  ];
  for (let i = 0; i < s.layers; i++) {
    const h = `transformer.h.${i}.`;
    out.push(
      { name: h + "ln_1.weight", shape: [D], std: 0, constant: 1 }, { name: h + "ln_1.bias", shape: [D], std: 0, constant: 0 },
      { name: h + "attn.c_attn.weight", shape: [D, 3 * D], std: 0.02 }, { name: h + "attn.c_attn.bias", shape: [3 * D], std: 0.01 },
      { name: h + "attn.c_proj.weight", shape: [D, D], std: 0.02 / Math.sqrt(2 * s.layers) }, { name: h + "attn.c_proj.bias", shape: [D], std: 0.01 },
      { name: h + "ln_2.weight", shape: [D], std: 0, constant: 1 }, { name: h + "ln_2.bias", shape: [D], std: 0, constant: 0 },
      { name: h + "mlp.c_fc.weight", shape: [D, s.ffn], std: 0.02 }, { name: h + "mlp.c_fc.bias", shape: [s.ffn], std: 0.01 },
      { name: h + "mlp.c_proj.weight", shape: [s.ffn, D], std: 0.02 / Math.sqrt(2 * s.layers) }, { name: h + "mlp.c_proj.bias", shape: [D], std: 0.01 },
    );
  }
  out.push({ name: "transformer.ln_f.weight", shape: [D], std: 0, constant: 1 }, { name: "transformer.ln_f.bias", shape: [D], std: 0, constant: 0 });
  return out;
}

function llamaTensors(s: CheckpointShape): Spec[] {
  const D = s.width;
  const kv = (D / s.heads) * s.kvHeads;
  const out: Spec[] = [{ name: "model.embed_tokens.weight", shape: [s.vocab, D], std: 0.02 }];
  for (let i = 0; i < s.layers; i++) {
    const h = `model.layers.${i}.`;
    out.push(
      { name: h + "input_layernorm.weight", shape: [D], std: 0, constant: 1 },
      { name: h + "self_attn.q_proj.weight", shape: [D, D], std: 0.02 },
      { name: h + "self_attn.k_proj.weight", shape: [kv, D], std: 0.02 },
      { name: h + "self_attn.v_proj.weight", shape: [kv, D], std: 0.02 },
      { name: h + "self_attn.o_proj.weight", shape: [D, D], std: 0.02 / Math.sqrt(2 * s.layers) },
      { name: h + "post_attention_layernorm.weight", shape: [D], std: 0, constant: 1 },
      { name: h + "mlp.gate_proj.weight", shape: [s.ffn, D], std: 0.02 },
      { name: h + "mlp.up_proj.weight", shape: [s.ffn, D], std: 0.02 },
      { name: h + "mlp.down_proj.weight", shape: [D, s.ffn], std: 0.02 / Math.sqrt(2 * s.layers) },
    );
  }
  out.push({ name: "model.norm.weight", shape: [D], std: 0, constant: 1 });
  return out;
}

function config(s: CheckpointShape): Record<string, unknown> {
  const common = { vocab_size: s.vocab, bos_token_id: 1023, eos_token_id: 1023, torch_dtype: "float32", tie_word_embeddings: true };
  if (s.kind === "gpt2") {
    return { architectures: ["GPT2LMHeadModel"], model_type: "gpt2", n_embd: s.width, n_layer: s.layers, n_head: s.heads, n_positions: s.positions,
      n_ctx: s.positions, layer_norm_epsilon: 1e-5, activation_function: "gelu_new", ...common };
  }
  return { architectures: ["LlamaForCausalLM"], model_type: "llama", hidden_size: s.width, num_hidden_layers: s.layers, num_attention_heads: s.heads,
    num_key_value_heads: s.kvHeads, intermediate_size: s.ffn, max_position_embeddings: s.positions, rms_norm_eps: 1e-5, hidden_act: "silu",
    rope_theta: 500000, attention_bias: false, ...common };
}

/** Writes the checkpoint into `dir` (created) and returns its parameter count. */
export function writeRandomCheckpoint(dir: string, shape: CheckpointShape, seed = 1234): number {
  mkdirSync(dir, { recursive: true });
  const tensors = shape.kind === "gpt2" ? gpt2Tensors(shape) : llamaTensors(shape);
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  let params = 0;
  for (const t of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    header[t.name] = { dtype: "F32", shape: t.shape, data_offsets: [offset, offset + 4 * count] };
    offset += 4 * count;
    params += count;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8);
  const fd = openSync(join(dir, "model.safetensors"), "w");
  try {
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(json.length));
    writeSync(fd, length);
    writeSync(fd, Buffer.from(json));
    let state = seed >>> 0 || 1;
    for (const t of tensors) {
      const values = new Float32Array(t.shape.reduce((a, b) => a * b, 1));
      if (t.constant !== undefined) {
        values.fill(t.constant);
      } else {
        const scale = (Math.sqrt(3) * t.std) / 2 ** 31;
        for (let i = 0; i < values.length; i++) {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          values[i] = (state | 0) * scale; // uniform in [−√3·std, √3·std)
        }
      }
      writeSync(fd, new Uint8Array(values.buffer));
    }
  } finally {
    closeSync(fd);
  }
  writeFileSync(join(dir, "config.json"), JSON.stringify(config(shape), null, 2));
  const tokenizerFrom = join(import.meta.dirname, "..", "..", "data", "models", shape.kind === "gpt2" ? "tiny-gpt2-small" : "tiny-llama");
  for (const file of ["tokenizer.json", "tokenizer_config.json"]) copyFileSync(join(tokenizerFrom, file), join(dir, file));
  return params;
}
