/**
 * Types shared by the model runtime: the normalised config, forward options and results, the KV
 * cache, the architecture contract that gpt2.ts and llama.ts fulfil and the family record that
 * families/*.ts fill in.
 */
import type { tf } from "../backend/backend.js";
import type { WeightSpec } from "./weights/loadWeights.js";

/** A Hugging Face config.json reduced to what the forward pass needs (names in our words). */
export interface ModelConfig {
  /** Hugging Face class name from `architectures[0]`, e.g. "LlamaForCausalLM". */
  architecture: string;
  /** Name of the {@link Family} that runs it ("gpt2", "llama"). */
  family: string;
  vocabSize: number;
  /** Residual stream width D. */
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  /** Key/value heads (grouped-query attention); equals numHeads for multi-head attention. */
  numKvHeads: number;
  headDim: number;
  /** MLP width. */
  intermediateSize: number;
  /** Longest sequence the position scheme supports (GPT-2: rows of wpe). */
  maxPositions: number;
  /** LayerNorm / RMSNorm epsilon. */
  normEps: number;
  /** MLP nonlinearity: "gelu_new", "gelu", "relu" (GPT-2) or "silu" (Llama family). */
  activation: string;
  /** Output head shares the input embedding matrix. */
  tiedEmbeddings: boolean;
  /** Llama family: RoPE base θ. */
  ropeTheta?: number;
  /** Llama family: `rope_scaling` as in config.json (type "llama3" or "linear"), if any. */
  ropeScaling?: Record<string, unknown>;
  /** Llama family: q/k/v projections have biases (Qwen2, Llama attention_bias). */
  qkvBias?: boolean;
  /** Llama family: o_proj has a bias (Llama attention_bias). */
  outputBias?: boolean;
  /** Llama family: MLP projections have biases (Llama mlp_bias). */
  mlpBias?: boolean;
  /** Qwen3: RMSNorm over each head of q and k before RoPE. */
  qkNorm?: boolean;
  /** Mistral: sliding-window attention width (keys further back than this are masked). */
  slidingWindow?: number;
  /** GPT-2: divide attention scores by (layer index + 1) as well. */
  scaleAttnByInverseLayerIdx?: boolean;
  /** The config.json object as read. */
  raw: Record<string, unknown>;
}

/** Past keys and values of every layer, for incremental decoding. */
export interface KVCache {
  /** Per layer: keys [B·Hkv, Tpast, headDim] and values [B·Hkv, Tpast, headDim]. */
  layers: { keys: tf.Tensor3D; values: tf.Tensor3D }[];
  /** Tokens already in the cache (Tpast). */
  length: number;
  /** Attention mask of the cached positions, per batch row (1 = real token). */
  mask: number[][];
  /** Frees the cached tensors. */
  dispose(): void;
}

/** Options of `model.forward`. */
export interface ForwardOptions {
  /** Return the residual stream after the embeddings and after every layer (L + 1 tensors, HF order). */
  hiddenStates?: boolean;
  /** Return every layer's attention probabilities [heads, T, Tkeys]. */
  attentions?: boolean;
  /**
   * Return named activations, keyed as in TransformerLens (`blocks.3.attn.hook_pattern`, …; the list
   * and shapes: hookNames.ts, `model.activationNames`): true for all, or a list / predicate of names.
   * Only requested activations are computed and kept.
   */
  activations?: boolean | string[] | ((name: string) => boolean);
  /** Batch input: 1 for real tokens, 0 for padding, same shape as ids. Default: 1 up to each row's length. */
  attentionMask?: number[][];
  /** Continue from a cache (incremental decoding); the returned cache includes the new tokens. */
  cache?: KVCache;
  /** Return an updated KV cache (implied by `cache`). */
  useCache?: boolean;
}

/** What `model.forward` returns. Single prompts drop the batch axis. Dispose with `disposeForward`. */
export interface ForwardResult {
  /** [T, V] (or [B, T, V] for a batch). */
  logits: tf.Tensor;
  /** L + 1 tensors [T, D] (or [B, T, D]): embeddings, then each layer's output; the last one after the final norm, as in Hugging Face. */
  hiddenStates?: tf.Tensor[];
  /** L tensors [heads, T, Tkeys] (or [B, heads, T, Tkeys]). */
  attentions?: tf.Tensor[];
  /** Named activations, TransformerLens keys (hookNames.ts); single prompts drop the batch axis. */
  activations?: Map<string, tf.Tensor>;
  /** Updated cache when `useCache` or `cache` was given. */
  cache?: KVCache;
  /** Attention mask used, [B][T] (padded rows right-padded with 0). */
  attentionMask: number[][];
}

/** Everything one layer stack needs for a forward pass over B rows of T new tokens. */
export interface RunContext {
  batch: number;
  length: number;
  /** Position of every new token, [B·T] (counts only real tokens, so padding does not shift positions). */
  positions: Int32Array;
  /** Additive attention bias [B, T, Tpast + T]: 0 where allowed, -1e9 where masked. */
  bias: tf.Tensor3D;
  /** Cache of earlier tokens (per layer), or undefined. */
  past?: KVCache["layers"];
  /** Where the layer stack puts each layer's new keys and values when a cache is wanted. */
  present?: KVCache["layers"];
  /**
   * Records a named activation (hookNames.ts): `compute` runs only when the name is requested, so
   * reshapes and extra quantities (norm scales) nobody asked for are never computed. Tensors are
   * [B·T, …], except the attention maps (hookNames.isAttentionMap), which are [B, heads, T, Tk].
   */
  record(name: string, compute: () => tf.Tensor): void;
  /**
   * Intervention: when set, each block's output residual stream (`blocks.{l}.hook_resid_post`,
   * [B·T, D]) is replaced by `patch(name, resid)` before the next block reads it (and before it is
   * recorded). Differentiable, so `tf.grad` sees through it (TCAV at a chosen layer).
   */
  patch?(name: string, resid: tf.Tensor2D): tf.Tensor2D;
}

/** The contract between the generic runtime (causalLM.ts) and an architecture file. */
export interface Architecture {
  config: ModelConfig;
  /** Positions at or past this have no embedding (learned position table); undefined for RoPE. */
  positionLimit: number | undefined;
  /** Every activation key `run` records, sorted (hookNames.all). */
  activationNames: string[];
  /** Token embeddings [N] → [N, D] (position embeddings, if any, are added in `run`). */
  embedTokens(ids: tf.Tensor1D): tf.Tensor2D;
  /** Residual stream from token embeddings [B·T, D] to the final hidden state [B·T, D] (after the final norm, as HF's last hidden state). */
  run(embeds: tf.Tensor2D, context: RunContext): tf.Tensor2D;
  /** Final hidden state [B·T, D] → logits [B·T, V]. */
  unembed(hidden: tf.Tensor2D): tf.Tensor2D;
  /** The final norm (ln_final with its weight and bias) of any residual stream [N, D] → [N, D]; records nothing. */
  finalNorm(resid: tf.Tensor2D): tf.Tensor2D;
  /** Input embedding matrix [V, D] (a new tensor the caller disposes). */
  embeddings(): tf.Tensor2D;
  dispose(): void;
}

/**
 * One model family: everything load.ts needs to run the Hugging Face architectures it covers.
 * Adding a family is one file in families/ and one line in families/families.ts.
 */
export interface Family {
  /** Our name, stored as `config.family`. */
  name: string;
  /** Hugging Face `architectures[0]` names it runs (listed in the "not supported" error). */
  architectures: string[];
  /** The architecture this family runs a config.json as (aliases resolved), or undefined if not its own. */
  resolve(raw: Record<string, unknown>): string | undefined;
  /** config.json (with `architectures: [resolved]`) → {@link ModelConfig}; bad fields throw a LogitlabError naming `file` and the field. */
  parseConfig(raw: Record<string, unknown>, file?: string): ModelConfig;
  /** Hugging Face → our weight names, shapes and transposes, for this config and checkpoint. */
  weightTable(config: ModelConfig, checkpoint: { has(name: string): boolean }): WeightSpec[];
  /** Checkpoint tensors that are buffers, not weights (not reported as unused). */
  ignored(name: string): boolean;
  /** The architecture (model math) over loaded weights. */
  create(config: ModelConfig, weights: Record<string, tf.Tensor>): Architecture;
}
