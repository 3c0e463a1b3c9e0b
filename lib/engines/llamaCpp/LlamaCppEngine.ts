/**
 * LlamaCppEngine: the {@link Engine} of a `.gguf` file on llama.cpp through node-llama-cpp (imported on
 * first use: `importNodeLlamaCpp`; the binary comes from `loadLlama` for `gpu` (`--gpu`, default cpu):
 * a GPU build that cannot load falls back to the CPU build with one stderr line, and `info.device`
 * says which backend runs, e.g. "llama.cpp cpu", "llama.cpp cuda: NVIDIA H200", or
 * "llama.cpp cpu (--gpu cuda fell back to the CPU build)").
 *
 * Rows: full-vocabulary rows from node-llama-cpp's sampler with no sampling options, which it computes
 * as a float32 softmax over every token: through `rawRowReader` (node-llama-cpp 3.21.1's internal
 * calls: no Map, several rows in flight) when the installed version has exactly those internals, else
 * through the public `controlledEvaluate(..., {generateNext: {probabilities: true}})` (the same values;
 * `rowPath: "public"` forces it, for tests and the bench). The row's
 * "logits" are their logarithms, log p_v (raw logits up to a per-row constant, so every softmax-based
 * statistic and logitlab's sampler see the same distribution). A token whose float32 probability
 * underflows (log p below about −103) gets −Infinity. The KV cache is kept in F32 and flash attention is
 * off (llama.cpp's F16 defaults cost 1e-2 of the logits' std: test/io/gguf/llamaCpp.test.ts).
 *   - `score(ids)` evaluates the sequence in chunks (each chunk's rows are consumed before the next is
 *     evaluated), so the host holds at most a chunk of rows (about 2·10^6 values), never [T, V];
 *   - `session()` appends to one llama.cpp sequence (its KV cache);
 *   - `embeddingRows`: the `token_embd.weight` rows read from the GGUF and dequantized (F32, F16, BF16,
 *     Q8_0), or with `embeddings` (`--embeddings DIR`) from that safetensors folder, reading only that
 *     tensor; otherwise one line saying neither is possible;
 *   - tokenizer: llama.cpp's own (tokenize with special-token parsing, detokenize), bos/eos/eot from the
 *     model; vocabulary strings from the GGUF's tokenizer.ggml.tokens.
 * Contexts (one per open score or session) are pooled and reused.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-llamacpp-");
 * convertToGguf("data/models/tiny-gpt2-small", dir + "/m.gguf");
 * const engine = await LlamaCppEngine.open(dir + "/m.gguf");
 * const rows = [];
 * for await (const row of engine.score(engine.tokenizer.encode("In the"))) rows.push(row.kind);
 * await engine.dispose();
 * [engine.info.engine, engine.info.dtype, rows[0]]
 * // => ["llama.cpp", "F32", "logits"]
 */
import { basename } from "node:path";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import { LogitlabError } from "../../util/errors.js";
import type { Engine, EngineInfo, EngineRow, EngineSession, EngineTokenizer, ScoreOptions } from "../Engine.js";
import { ggufEmbeddingRows, type GgufTensorEntry } from "./ggufEmbeddingRows.js";
import { importNodeLlamaCpp } from "./importNodeLlamaCpp.js";
import { loadLlama, type LlamaGpuOption } from "./loadLlama.js";
import { rawRowReader, type RawRowReader } from "./rawRowReader.js";
import { safetensorsEmbeddingRows } from "./safetensorsEmbeddingRows.js";

export interface LlamaCppEngineOptions {
  /** llama.cpp backend (`--gpu`; default false: the CPU binary). */
  gpu?: LlamaGpuOption;
  /** Safetensors folder to read input-embedding rows from (`--embeddings DIR`). */
  embeddings?: string;
  /** Context length in tokens (default: the model's training context, at most 4,096). */
  contextSize?: number;
  /** CPU threads (default: node-llama-cpp's choice). */
  threads?: number;
  /** Tokens per llama.cpp decode batch (n_batch; default node-llama-cpp's: the context size, at most 512). */
  batchSize?: number;
  /** How rows are read: "auto" (default: `rawRowReader` where it applies) or "public" (`controlledEvaluate` only). */
  rowPath?: "auto" | "public";
}

/** A pooled llama.cpp context, its one sequence and its fast row reader (undefined: the public path). */
interface Slot {
  context: LlamaContext;
  sequence: LlamaContextSequence;
  reader: RawRowReader | undefined;
}

/** Most row values (chunk length × V) that `score` holds at once. */
const ROW_VALUES_PER_CHUNK = 1 << 21;

/** llama.cpp's full-vocabulary probabilities as log-probabilities (the row's "logits"). */
function logRow(probabilities: Map<Token, number> | undefined, V: number, file: string): Float32Array {
  if (!probabilities || probabilities.size !== V) {
    throw new LogitlabError(`llama.cpp returned ${probabilities?.size ?? 0} of ${V} token probabilities`, { context: "llama.cpp engine", file, kind: "data" });
  }
  const row = new Float32Array(V);
  for (const [id, p] of probabilities) row[id] = Math.log(p);
  return row;
}

export class LlamaCppEngine implements Engine {
  readonly info: EngineInfo;
  readonly tokenizer: EngineTokenizer;
  /** How the last opened context reads rows: "internal" (`rawRowReader`) or "public" (`controlledEvaluate`); undefined before the first. */
  rowsRead: "internal" | "public" | undefined;
  private readonly model: LlamaModel;
  private readonly path: string;
  private readonly options: LlamaCppEngineOptions;
  private readonly embeddingTensor: GgufTensorEntry | undefined;
  private readonly idle: Slot[] = [];
  private readonly open = new Set<Slot>();

  private constructor(model: LlamaModel, path: string, info: EngineInfo, tokens: string[] | undefined, embeddingTensor: GgufTensorEntry | undefined, options: LlamaCppEngineOptions) {
    this.model = model;
    this.path = path;
    this.info = info;
    this.options = options;
    this.embeddingTensor = embeddingTensor;
    const V = info.vocabSize;
    const eosIds = new Set([model.tokens.eos, model.tokens.eot].filter((id): id is Token => id !== null).map(Number));
    const lookup = tokens ? new Map(tokens.map((token, id) => [token, id])) : undefined;
    this.tokenizer = {
      hasText: true,
      encode: (text, encodeOptions) => {
        const ids = model.tokenize(text, true).map(Number);
        const bos = model.tokens.bos;
        if (encodeOptions?.addSpecialTokens !== false && model.tokens.shouldPrependBosToken && bos !== null && ids[0] !== bos) ids.unshift(Number(bos));
        return ids;
      },
      decode: (ids, decodeOptions) => model.detokenize(ids.map((id) => id as Token), !decodeOptions?.skipSpecialTokens),
      tokenTexts: (ids) => ids.map((id) => model.detokenize([id as Token], true)),
      idToToken: (id) => tokens?.[id],
      tokenToId: (token) => lookup?.get(token),
      bosId: model.tokens.bos === null ? undefined : Number(model.tokens.bos),
      eosIds,
      vocabSize: V,
    };
  }

  /** Loads `path` (a .gguf file) on llama.cpp. Errors are one LogitlabError line naming the file. */
  static async open(path: string, options: LlamaCppEngineOptions = {}): Promise<LlamaCppEngine> {
    const { readGgufFileInfo, GgufFileType } = await importNodeLlamaCpp();
    let fileInfo;
    try {
      fileInfo = await readGgufFileInfo(path, { readTensorInfo: true, logWarnings: false });
    } catch (error) {
      throw new LogitlabError(`not a readable GGUF file: ${(error as Error).message.split("\n")[0]}`, { context: "--model", file: path, kind: "data" });
    }
    const { llama, backend, deviceNames, requested, fallback } = await loadLlama({ gpu: options.gpu });
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: path });
    } catch (error) {
      throw new LogitlabError(`llama.cpp cannot load it: ${(error as Error).message.split("\n")[0]}`, { context: "--model", file: path, kind: "data" });
    }
    const metadata = fileInfo.metadata as unknown as { general?: { name?: string; file_type?: number }; tokenizer?: { ggml?: { tokens?: string[] } } };
    const tokens = metadata.tokenizer?.ggml?.tokens;
    const fileType = metadata.general?.file_type;
    const dtype = fileType === undefined ? "unknown" : (GgufFileType[fileType] ?? `file type ${fileType}`).replace(/^(ALL|MOSTLY)_/, "");
    const vocabSize = tokens?.length ?? Number((fileInfo.architectureMetadata as { vocab_size?: number }).vocab_size ?? 0);
    const contextSize = options.contextSize ?? Math.min(model.trainContextSize, 4096);
    if (!(Number.isInteger(contextSize) && contextSize > 0)) {
      await model.dispose();
      throw new LogitlabError(`context size ${contextSize} is not a positive integer`, { context: "llama.cpp engine", field: "contextSize" });
    }
    const device = fallback ? `cpu (--gpu ${requested} fell back to the CPU build)` : `${backend}${deviceNames.map((name) => `: ${name}`).join("")}`;
    const info: EngineInfo = {
      engine: "llama.cpp",
      model: path,
      name: metadata.general?.name ?? basename(path),
      dtype,
      vocabSize,
      contextLength: contextSize,
      device: `llama.cpp ${device}`,
    };
    const embd = fileInfo.tensorInfo?.find((tensor) => tensor.name === "token_embd.weight");
    return new LlamaCppEngine(model, path, info, tokens, embd && { ggmlType: embd.ggmlType, dimensions: embd.dimensions, fileOffset: embd.fileOffset }, options);
  }

  async *score(ids: readonly number[], options: ScoreOptions = {}): AsyncIterable<EngineRow> {
    const from = options.from ?? 1;
    const T = ids.length;
    if (!(Number.isInteger(from) && from >= 1 && from <= T)) {
      throw new LogitlabError(`from = ${from} is outside 1..${T} (the sequence's length)`, { context: "score", field: "from" });
    }
    this.checkIds(ids, T);
    const V = this.info.vocabSize;
    const slot = await this.acquire();
    // At most one decode batch per chunk (the fast path reads a whole chunk's rows from one decode).
    const chunk = Math.max(1, Math.min(512, slot.context.batchSize, Math.floor(ROW_VALUES_PER_CHUNK / V)));
    try {
      const { sequence, reader } = slot;
      for (let start = 0; start < T; start += chunk) {
        const end = Math.min(T, start + chunk);
        const want = ids.slice(start, end).map((_, i) => start + i + 1 >= from);
        const fast = reader?.rows(ids.slice(start, end), want);
        if (fast) {
          for await (const row of fast) yield { kind: "logits", logits: row };
          continue;
        }
        const input = ids.slice(start, end).map((id, i) => [id as Token, { generateNext: { probabilities: want[i] } }] as [Token, { generateNext: { probabilities: boolean } }]);
        const out = await sequence.controlledEvaluate(input);
        for (let t = Math.max(start, from - 1); t < end; t++) {
          const row = logRow(out[t - start]?.next?.probabilities, V, this.path);
          out[t - start] = undefined;
          yield { kind: "logits", logits: row };
        }
      }
    } finally {
      await this.release(slot);
    }
  }

  async session(): Promise<EngineSession> {
    const slot = await this.acquire();
    const { sequence, reader } = slot;
    const V = this.info.vocabSize;
    const check = (more: readonly number[], total: number) => this.checkIds(more, total);
    const release = (s: Slot) => this.release(s);
    const path = this.path;
    let length = 0;
    let disposed = false;
    return {
      get length() {
        return length;
      },
      async append(more: readonly number[]): Promise<EngineRow> {
        if (disposed) throw new LogitlabError("the session is disposed", { context: "session" });
        if (more.length === 0) throw new LogitlabError("append() needs at least one token", { context: "session", field: "ids" });
        check(more, length + more.length);
        const fast = reader?.rows(more, more.map((_, i) => i === more.length - 1));
        if (fast) {
          let row: Float32Array | undefined;
          for await (const r of fast) row = r;
          length += more.length;
          return { kind: "logits", logits: row as Float32Array };
        }
        const input = more.map((id, i) => [id as Token, { generateNext: { probabilities: i === more.length - 1 } }] as [Token, { generateNext: { probabilities: boolean } }]);
        const out = await sequence.controlledEvaluate(input);
        length += more.length;
        return { kind: "logits", logits: logRow(out[more.length - 1]?.next?.probabilities, V, path) };
      },
      async dispose(): Promise<void> {
        if (disposed) return;
        disposed = true;
        await release(slot);
      },
    };
  }

  async embeddingRows(ids: readonly number[]): Promise<Float32Array[]> {
    if (ids.length === 0) return [];
    if (this.options.embeddings !== undefined) return safetensorsEmbeddingRows(this.options.embeddings, ids);
    const rows = this.embeddingTensor && ggufEmbeddingRows(this.path, this.embeddingTensor, ids);
    if (rows) return rows;
    const type = this.embeddingTensor ? `ggml type ${this.embeddingTensor.ggmlType}` : "no token_embd.weight tensor";
    throw new LogitlabError(`the input embeddings are ${type} (logitlab reads F32, F16, BF16 and Q8_0) and no --embeddings DIR was given; pass --embeddings with the model's safetensors folder`, {
      context: "embeddingRows",
      file: this.path,
    });
  }

  async dispose(): Promise<void> {
    for (const slot of [...this.idle, ...this.open]) await slot.context.dispose();
    this.idle.length = 0;
    this.open.clear();
    await this.model.dispose();
  }

  private checkIds(ids: readonly number[], total: number): void {
    const V = this.info.vocabSize;
    ids.forEach((id, i) => {
      if (!(Number.isInteger(id) && id >= 0 && id < V)) {
        throw new LogitlabError(`token id ${id} is outside the vocabulary of ${V}`, { context: "llama.cpp engine", file: this.path, field: "ids", position: `item ${i + 1}` });
      }
    });
    if (total > this.info.contextLength) {
      throw new LogitlabError(`${total} tokens do not fit the model's context of ${this.info.contextLength}; shorten the input`, { context: "llama.cpp engine", file: this.path });
    }
  }

  private async acquire(): Promise<Slot> {
    const pooled = this.idle.pop();
    if (pooled) {
      this.open.add(pooled);
      return pooled;
    }
    const context = await this.model.createContext({
      contextSize: this.info.contextLength,
      sequences: 1,
      flashAttention: false,
      experimentalKvCacheKeyType: "F32",
      experimentalKvCacheValueType: "F32",
      ...(this.options.threads !== undefined ? { threads: this.options.threads } : {}),
      ...(this.options.batchSize !== undefined ? { batchSize: this.options.batchSize } : {}),
    });
    const sequence = context.getSequence();
    const reader = this.options.rowPath === "public" ? undefined : rawRowReader(sequence, this.info.vocabSize, { file: this.path });
    this.rowsRead = reader ? "internal" : "public";
    const slot = { context, sequence, reader };
    this.open.add(slot);
    return slot;
  }

  private async release(slot: Slot): Promise<void> {
    if (!this.open.delete(slot) || slot.context.disposed) return;
    await slot.sequence.clearHistory();
    this.idle.push(slot);
  }
}
