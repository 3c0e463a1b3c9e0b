/**
 * TfjsEngine: the {@link Engine} over logitlab's own runtime (lib/models `CausalLM`): full rows of
 * float32 logits, a KV-cache session, the input-embedding matrix's rows and the checkpoint's tokenizer.
 * It is the engine of a Hugging Face safetensors folder, and the only one whose model also gives
 * activations and gradients (`engine.model`).
 *
 * `score(ids)` runs one forward pass over the sequence and downloads one row at a time, so the host
 * holds O(V) per yielded row (the [T, V] logits stay in the backend until the last row is read).
 *
 * @example
 * const engine = await openEngine("test/fixtures/models/gpt2-f32");
 * const rows = [];
 * for await (const row of engine.score([1, 2, 3])) rows.push(row.kind);
 * await engine.dispose();
 * rows
 * // => ["logits", "logits", "logits"]
 */
import { backendInfo, tf } from "../../backend/backend.js";
import type { CausalLM } from "../../models/causalLM.js";
import { endOfSequenceIds } from "../../models/endOfSequenceIds.js";
import type { KVCache } from "../../models/types.js";
import { LogitlabError } from "../../util/errors.js";
import type { Engine, EngineInfo, EngineRow, EngineSession, EngineTokenizer, ScoreOptions } from "../Engine.js";
import { basename } from "node:path";

export class TfjsEngine implements Engine {
  readonly info: EngineInfo;
  readonly tokenizer: EngineTokenizer;

  constructor(readonly model: CausalLM, modelArgument: string) {
    const { config } = model;
    this.info = {
      engine: "tfjs",
      model: modelArgument,
      name: basename(model.source.dir),
      dtype: model.source.dtypes.join("+") || "unknown",
      vocabSize: config.vocabSize,
      contextLength: config.maxPositions,
      device: `tfjs ${backendInfo().name}`,
    };
    const eosIds = endOfSequenceIds({
      generationConfig: model.generationConfig,
      config: config.raw,
      tokenizerEos: model.tokenizer?.eosId,
      vocabSize: config.vocabSize,
      dir: model.source.dir,
    });
    const tokenizer = () => model.requireTokenizer();
    this.tokenizer = {
      hasText: model.tokenizer !== undefined,
      encode: (text, options) => tokenizer().encode(text, options).ids,
      decode: (ids, options) => tokenizer().decode([...ids], options),
      tokenTexts: (ids) => tokenizer().tokenTexts([...ids]),
      idToToken: (id) => model.tokenizer?.idToToken(id),
      tokenToId: (token) => model.tokenizer?.tokenToId(token),
      bosId: model.tokenizer?.bosId,
      eosIds,
      vocabSize: config.vocabSize,
    };
  }

  async *score(ids: readonly number[], options: ScoreOptions = {}): AsyncIterable<EngineRow> {
    const from = options.from ?? 1;
    const T = ids.length;
    if (!(Number.isInteger(from) && from >= 1 && from <= T)) {
      throw new LogitlabError(`from = ${from} is outside 1..${T} (the sequence's length)`, { context: "score", field: "from" });
    }
    this.checkContext(T);
    const { logits } = this.model.forward([...ids]);
    try {
      for (let t = from; t <= T; t++) {
        const row = tf.tidy(() => tf.reshape(tf.slice(logits, [t - 1, 0], [1, -1]), [-1]));
        const values = Float32Array.from(row.dataSync() as Float32Array);
        row.dispose();
        yield { kind: "logits", logits: values };
      }
    } finally {
      logits.dispose();
    }
  }

  async session(): Promise<EngineSession> {
    const model = this.model;
    const check = (n: number) => this.checkContext(n);
    let cache: KVCache | undefined;
    let length = 0;
    return {
      get length() {
        return length;
      },
      async append(ids: readonly number[]): Promise<EngineRow> {
        if (ids.length === 0) throw new LogitlabError("append() needs at least one token", { context: "session", field: "ids" });
        check(length + ids.length);
        const out = model.forward([...ids], cache ? { cache } : { useCache: true });
        cache?.dispose();
        cache = out.cache;
        length += ids.length;
        const row = tf.tidy(() => tf.reshape(tf.slice(out.logits, [out.logits.shape[0] - 1, 0], [1, -1]), [-1]));
        out.logits.dispose();
        const logits = Float32Array.from(row.dataSync() as Float32Array);
        row.dispose();
        return { kind: "logits", logits };
      },
      async dispose(): Promise<void> {
        cache?.dispose();
        cache = undefined;
      },
    };
  }

  async embeddingRows(ids: readonly number[]): Promise<Float32Array[]> {
    for (const id of ids) {
      if (!(Number.isInteger(id) && id >= 0 && id < this.info.vocabSize)) {
        throw new LogitlabError(`token id ${id} is outside the vocabulary of ${this.info.vocabSize}`, { context: "embeddingRows", field: "ids" });
      }
    }
    if (ids.length === 0) return [];
    const rows = this.model.embed([...ids]);
    const flat = rows.dataSync() as Float32Array;
    const D = rows.shape[1];
    rows.dispose();
    return ids.map((_, i) => flat.slice(i * D, (i + 1) * D));
  }

  async dispose(): Promise<void> {
    this.model.dispose();
  }

  private checkContext(n: number): void {
    if (n > this.info.contextLength) {
      throw new LogitlabError(`${n} tokens do not fit the model's context of ${this.info.contextLength}; shorten the input`, { context: "tfjs engine", file: this.info.model });
    }
  }
}
