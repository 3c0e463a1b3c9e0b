/**
 * CausalLM: a loaded causal language model — the generic runtime around one architecture file
 * (gpt2.ts or llama.ts): input checks, batching with padding and attention masks, positions, the
 * causal (and sliding-window) mask, the KV cache and the named-activation cache (TransformerLens keys,
 * hookNames.ts; an activation nobody requested is never computed). It names no model family: what
 * differs between families is asked of the {@link Architecture} (e.g. `positionLimit`).
 *
 * Batches are flattened to N = B·T rows before any matrix product, so every weight product is a plain
 * 2-D matMul (the fast path on the wasm backend). Positions count real tokens only (cumulative sum of
 * the attention mask), so a left- or right-padded row gives the same logits as the row alone.
 *
 * Memory: `forward` returns tensors the caller owns; free them with `disposeForward(result)` or
 * `result.logits.dispose()`. A cache passed in is not freed by `forward`.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * const { logits } = model.forward([1, 2, 3]);
 * logits.shape // => [3, 64]
 */
import { tf } from "../backend/backend.js";
import { LogitlabError } from "../util/errors.js";
import { hookNames } from "./hookNames.js";
import type { Tokenizer } from "./tokenizer.js";
import type { Architecture, ForwardOptions, ForwardResult, KVCache, ModelConfig, RunContext } from "./types.js";

/** Where a model came from and what its checkpoint held. */
export interface ModelSource {
  /** Checkpoint folder. */
  dir: string;
  /** Weight files read. */
  files: string[];
  /** Checkpoint tensors the architecture did not use (besides known buffers): always empty, since loadModel refuses such a checkpoint as config and weights disagreeing. */
  unusedTensors: string[];
  /** Storage dtypes found in the checkpoint. */
  dtypes: string[];
}

export class CausalLM {
  readonly config: ModelConfig;
  /** The tokenizer from tokenizer.json, or undefined when the folder has none (ids still work). */
  readonly tokenizer: Tokenizer | undefined;
  readonly source: ModelSource;
  /** generation_config.json when present (eos_token_id, …). */
  readonly generationConfig: Record<string, unknown>;
  /** Every key `forward(ids, { activations: true })` returns, sorted (TransformerLens names; shapes in hookNames.ts). */
  readonly activationNames: readonly string[];
  private readonly architecture: Architecture;
  private disposed = false;

  constructor(architecture: Architecture, tokenizer: Tokenizer | undefined, source: ModelSource, generationConfig: Record<string, unknown> = {}) {
    this.architecture = architecture;
    this.config = architecture.config;
    this.activationNames = architecture.activationNames;
    this.tokenizer = tokenizer;
    this.source = source;
    this.generationConfig = generationConfig;
  }

  /**
   * Logits for one prompt (ids [T] → logits [T, V]) or a batch (ids [B][≤T] → [B, T, V], rows right-padded
   * unless `attentionMask` says otherwise), with optional hidden states, attention patterns, named
   * activations and KV cache (see {@link ForwardOptions}).
   */
  forward(ids: number[] | number[][], options: ForwardOptions = {}): ForwardResult {
    this.checkAlive();
    const single = !Array.isArray(ids[0]);
    const rows = single ? [ids as number[]] : (ids as number[][]);
    const B = rows.length;
    if (B === 0) throw new LogitlabError("forward needs at least one sequence, got an empty batch", { context: "forward" });
    const T = Math.max(...rows.map((r) => r.length));
    if (T === 0) throw new LogitlabError("forward needs at least one token, got an empty sequence", { context: "forward" });
    const V = this.config.vocabSize;
    rows.forEach((row, b) =>
      row.forEach((id, t) => {
        if (!Number.isInteger(id) || id < 0 || id >= V) {
          throw new LogitlabError(`token id ${id} is not an integer in [0, ${V})`, { context: "forward", position: single ? `token ${t}` : `row ${b} token ${t}` });
        }
      }),
    );
    const mask = options.attentionMask ?? rows.map((r) => Array.from({ length: T }, (_, t) => (t < r.length ? 1 : 0)));
    if (mask.length !== B || mask.some((m, b) => m.length !== T || (rows[b].length !== T && options.attentionMask !== undefined))) {
      throw new LogitlabError(`attentionMask must be [${B}][${T}] like the (equal-length) ids`, { context: "forward", field: "attentionMask" });
    }
    if (Array.isArray(options.activations)) {
      const known = new Set(this.activationNames);
      options.activations.forEach((name, i) => {
        if (!known.has(name)) {
          throw new LogitlabError(
            `activation ${JSON.stringify(name)} is not recorded by ${this.config.architecture}; model.activationNames lists its ${known.size} keys (TransformerLens names, e.g. "${hookNames.block(0).attn.pattern}")`,
            { context: "forward", field: "activations", position: `item ${i}` },
          );
        }
      });
    }
    const past = options.cache;
    if (past && past.mask.length !== B) {
      throw new LogitlabError(`cache holds ${past.mask.length} rows but the input has ${B}`, { context: "forward", field: "cache" });
    }
    const Tpast = past?.length ?? 0;
    const flatIds = new Int32Array(B * T);
    const positions = new Int32Array(B * T);
    rows.forEach((row, b) => {
      let position = past ? past.mask[b].reduce((a, m) => a + m, 0) : 0;
      for (let t = 0; t < T; t++) {
        flatIds[b * T + t] = t < row.length ? row[t] : 0;
        positions[b * T + t] = mask[b][t] ? position++ : Math.max(0, position - 1);
      }
    });
    const longest = Math.max(...positions);
    const limit = this.architecture.positionLimit;
    if (limit !== undefined && longest >= limit) {
      throw new LogitlabError(`position ${longest} is past the model's ${limit} learned positions`, { context: "forward" });
    }
    const keyMask = rows.map((_, b) => [...(past?.mask[b] ?? []), ...mask[b]]);
    const wanted = this.wanted(options);
    const recorded = new Map<string, tf.Tensor>();
    const present: KVCache["layers"] | undefined = options.useCache || past ? [] : undefined;

    const D = this.config.hiddenSize;
    let finalHidden: tf.Tensor | undefined;
    const logits = tf.tidy(() => {
      const context: RunContext = {
        batch: B,
        length: T,
        positions,
        bias: this.attentionBias(keyMask, B, T, Tpast),
        past: past?.layers,
        present,
        record: (name, compute) => {
          if (wanted(name)) recorded.set(name, tf.keep(compute()));
        },
      };
      const embeds = this.architecture.embedTokens(tf.tensor1d(flatIds, "int32")); // [N, D]
      const hidden = this.architecture.run(embeds, context); // [N, D], after the final norm
      if (options.hiddenStates) finalHidden = tf.keep(single ? tf.reshape(hidden, [T, D]) : tf.reshape(hidden, [B, T, D]));
      const flat = this.architecture.unembed(hidden); // [N, V]
      return single ? tf.reshape(flat, [T, V]) : tf.reshape(flat, [B, T, V]);
    });

    this.requireFiniteLogits(logits, single, T, V, [...recorded.values(), ...(finalHidden ? [finalHidden] : []), ...(present ?? []).flatMap((l) => [l.keys, l.values])]);

    const unbatch = (name: string, tensor: tf.Tensor): tf.Tensor => {
      // [N, …] → [B, T, …]; attention maps are already [B, H, T, Tk]. Single prompts drop the batch axis.
      const batchAxis = single ? [] : [B];
      const out = hookNames.isAttentionMap(name)
        ? (single ? tf.reshape(tensor, tensor.shape.slice(1)) : tensor)
        : tf.reshape(tensor, [...batchAxis, T, ...tensor.shape.slice(1)]);
      if (out !== tensor) tensor.dispose();
      return out;
    };
    const activations = new Map<string, tf.Tensor>();
    for (const [name, tensor] of recorded) activations.set(name, unbatch(name, tensor));

    const result: ForwardResult = { logits, attentionMask: mask };
    const L = this.config.numLayers;
    if (options.hiddenStates) {
      // HF order: the input of every block, then the output of the final norm.
      result.hiddenStates = [...Array.from({ length: L }, (_, i) => activations.get(hookNames.block(i).residPre)!), finalHidden!];
    }
    if (options.attentions) result.attentions = Array.from({ length: L }, (_, i) => activations.get(hookNames.block(i).attn.pattern)!);
    if (options.activations) {
      const filter = this.userFilter(options.activations);
      result.activations = new Map([...activations].filter(([name]) => filter(name)));
    }
    // Drop what only hiddenStates / attentions asked for and nobody returns.
    const returned = new Set<tf.Tensor>([...(result.hiddenStates ?? []), ...(result.attentions ?? []), ...(result.activations?.values() ?? [])]);
    for (const tensor of activations.values()) if (!returned.has(tensor)) tensor.dispose();
    if (present) {
      const layers = present;
      result.cache = {
        layers,
        length: Tpast + T,
        mask: keyMask,
        dispose: () => layers.forEach((l) => (l.keys.dispose(), l.values.dispose())),
      };
    }
    return result;
  }

  /**
   * Throws (after freeing `logits` and `others`) when the logits hold NaN or ±Infinity: the weights or
   * the config made the forward pass overflow float32, and every number computed from them would be
   * NaN. The check is one reduction over the logits and one scalar read back.
   */
  private requireFiniteLogits(logits: tf.Tensor, single: boolean, T: number, V: number, others: tf.Tensor[]): void {
    const allFinite = tf.tidy(() => tf.all(tf.isFinite(logits)));
    const ok = allFinite.dataSync()[0] === 1;
    allFinite.dispose();
    if (ok) return;
    const values = logits.dataSync();
    let at = 0;
    while (at < values.length && Number.isFinite(values[at])) at++;
    tf.dispose([logits, ...others]);
    const row = Math.floor(at / (T * V));
    const t = Math.floor(at / V) % T;
    throw new LogitlabError(
      `logits hold ${values[at]} (token position ${t}${single ? "" : `, row ${row}`}, vocabulary id ${at % V}); the weights or config.json make the forward pass overflow float32`,
      { context: "forward", file: this.source.dir, kind: "data" },
    );
  }

  /**
   * Logits [T, V] from input embeddings [T, D] (token embeddings, before position embeddings): the
   * differentiable path `saliency` uses. Not wrapped in tidy, so it can run inside `tf.grad`.
   * `options.patch` replaces block outputs on the way (see `RunContext.patch`; `tcav` at a chosen layer).
   */
  forwardEmbeddings(embeds: tf.Tensor2D, options: { patch?: RunContext["patch"] } = {}): tf.Tensor2D {
    this.checkAlive();
    const T = embeds.shape[0];
    const positions = Int32Array.from({ length: T }, (_, t) => t);
    const context: RunContext = {
      batch: 1,
      length: T,
      positions,
      bias: this.attentionBias([new Array(T).fill(1)], 1, T, 0),
      record: () => undefined,
      ...(options.patch ? { patch: options.patch } : {}),
    };
    return this.architecture.unembed(this.architecture.run(embeds, context));
  }

  /**
   * Logits of any residual stream: [T, D] → [T, V] = unembed(finalNorm(resid)), the model's own final
   * norm (with its weight and bias) and head. On the last block's `hook_resid_post` it gives the
   * model's logits; on an earlier one, the logit lens. Not wrapped in tidy, so it can run inside `tf.grad`.
   */
  unembedResidual(resid: tf.Tensor2D): tf.Tensor2D {
    this.checkAlive();
    if (resid.rank !== 2 || resid.shape[1] !== this.config.hiddenSize) {
      throw new LogitlabError(`residual stream must be [T, ${this.config.hiddenSize}], got [${resid.shape.join(", ")}]`, { context: "unembedResidual" });
    }
    return this.architecture.unembed(this.architecture.finalNorm(resid));
  }

  /** Token embeddings of `ids`: [T] → [T, D] (rows of the input embedding matrix). */
  embed(ids: number[]): tf.Tensor2D {
    this.checkAlive();
    return tf.tidy(() => this.architecture.embedTokens(tf.tensor1d(ids, "int32")));
  }

  /** The input embedding matrix [V, D]; the caller disposes it. */
  embeddings(): tf.Tensor2D {
    this.checkAlive();
    return this.architecture.embeddings();
  }

  /** Text → ids with the checkpoint's tokenizer (special tokens such as BOS added as the tokenizer config says). */
  encode(text: string, options: { addSpecialTokens?: boolean } = {}): number[] {
    return this.requireTokenizer().encode(text, options).ids;
  }

  /** Ids → text. */
  decode(ids: number[], options: { skipSpecialTokens?: boolean } = {}): string {
    return this.requireTokenizer().decode(ids, options);
  }

  requireTokenizer(): Tokenizer {
    if (!this.tokenizer) {
      throw new LogitlabError("this checkpoint has no tokenizer.json, so text input is not possible; pass token ids, or download tokenizer.json from the model's page into the folder", {
        context: "tokenizer", file: this.source.dir,
      });
    }
    return this.tokenizer;
  }

  dispose(): void {
    if (!this.disposed) this.architecture.dispose();
    this.disposed = true;
  }

  /** Additive bias [B, T, Tpast + T]: 0 where query i may see key j, −1e9 elsewhere. */
  private attentionBias(keyMask: number[][], B: number, T: number, Tpast: number): tf.Tensor3D {
    const Tk = Tpast + T;
    const window = this.config.slidingWindow;
    const bias = new Float32Array(B * T * Tk);
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < T; i++) {
        const query = Tpast + i; // index of the query in the whole sequence
        for (let j = 0; j < Tk; j++) {
          const visible = j <= query && keyMask[b][j] === 1 && (window === undefined || query - j < window);
          if (!visible) bias[(b * T + i) * Tk + j] = -1e9;
        }
      }
    }
    return tf.tensor3d(bias, [B, T, Tk]);
  }

  /** Names to record: the user's, plus what `hiddenStates` and `attentions` are built from. */
  private wanted(options: ForwardOptions): (name: string) => boolean {
    const user = options.activations ? this.userFilter(options.activations) : () => false;
    return (name) =>
      user(name) ||
      (options.hiddenStates === true && name.endsWith(".hook_resid_pre")) ||
      (options.attentions === true && name.endsWith(".attn.hook_pattern"));
  }

  private userFilter(option: NonNullable<ForwardOptions["activations"]>): (name: string) => boolean {
    if (option === true) return () => true;
    if (option === false) return () => false;
    if (typeof option === "function") return option;
    const names = new Set(option);
    return (name) => names.has(name);
  }

  private checkAlive(): void {
    if (this.disposed) throw new LogitlabError("model was disposed", { context: "model" });
  }
}
