/**
 * DumpEngine: the {@link Engine} of recorded distributions (`--model` a dump; `openDump` reads it).
 * A dump answers only what it holds:
 *   - `score(ids, {from})` finds a recorded sequence that starts with `ids` and has rows for every
 *     prefix length from…len(ids); otherwise one LogitlabError line saying which rows are missing;
 *   - `session()` replays: each `append` returns the recorded row after the tokens so far, and fails in
 *     one line when no recorded sequence has that prefix and row (so generation replays a recorded
 *     generation with the same prompt and sampler, greedy or seeded, and stops at the first token that
 *     leaves the recording);
 *   - `embeddingRows` only with `embeddings` (`--embeddings DIR`, a safetensors folder);
 *   - the tokenizer has no text (`hasText` false): dumps carry token ids.
 * info: dtype "float32" for full rows ("top-N" for truncated ones), device "file", contextLength the
 * longest recorded sequence.
 *
 * @example
 * const path = (await import("node:fs")).mkdtempSync("/tmp/logitlab-dumpengine-") + "/d.jsonl";
 * (await import("node:fs")).writeFileSync(path, JSON.stringify({ ids: [1, 0], logits: [[0, 1], [1, 0]] }) + "\n");
 * const engine = await openEngine(path);
 * const rows = [];
 * for await (const row of engine.score([1, 0])) rows.push(Array.from(row.logits));
 * [engine.info.engine, rows]
 * // => ["dump", [[0, 1], [1, 0]]]
 */
import { LogitlabError } from "../../util/errors.js";
import type { Engine, EngineInfo, EngineRow, EngineSession, EngineTokenizer, ScoreOptions } from "../Engine.js";
import { safetensorsEmbeddingRows } from "../llamaCpp/safetensorsEmbeddingRows.js";
import type { DumpSequence } from "./DumpSequence.js";

export interface DumpEngineOptions {
  /** Safetensors folder for input-embedding rows (`--embeddings DIR`). */
  embeddings?: string;
  /** Called by `dispose` (closes the files). */
  close?: () => void;
}

function noText(): never {
  throw new LogitlabError("a dump has token ids but no tokenizer; give --ids instead of text", { context: "dump engine" });
}

export class DumpEngine implements Engine {
  readonly info: EngineInfo;
  readonly tokenizer: EngineTokenizer;

  constructor(readonly sequences: readonly DumpSequence[], model: string, vocabSize: number, private readonly options: DumpEngineOptions = {}) {
    const truncated = vocabSize === 0;
    this.info = {
      engine: "dump",
      model,
      name: model.split(/[\\/]/).filter(Boolean).pop() ?? model,
      dtype: truncated ? "top-N" : "float32",
      vocabSize,
      contextLength: Math.max(...sequences.map((s) => s.ids.length)),
      device: "file",
    };
    this.tokenizer = {
      hasText: false,
      encode: noText,
      decode: noText,
      tokenTexts: noText,
      idToToken: () => undefined,
      tokenToId: () => undefined,
      bosId: undefined,
      eosIds: new Set<number>(),
      vocabSize,
    };
  }

  /** The recorded sequence and row index of the row after `prefix` (undefined when none holds it). */
  private find(prefix: readonly number[], length: number): { sequence: DumpSequence; index: number } | undefined {
    for (const sequence of this.sequences) {
      const index = length - sequence.start;
      if (index < 0 || index >= sequence.rows || sequence.ids.length < length) continue;
      let same = true;
      for (let t = 0; t < length && same; t++) same = sequence.ids[t] === prefix[t];
      if (same) return { sequence, index };
    }
    return undefined;
  }

  private missing(prefix: readonly number[], length: number): LogitlabError {
    const shown = prefix.slice(0, length);
    const ids = shown.length > 12 ? `${shown.slice(0, 12).join(",")},… (${length} ids)` : shown.join(",");
    return new LogitlabError(`no recorded row after the prefix ${ids}; a dump answers only the sequences it holds`, { context: "dump engine", file: this.info.model, field: "ids" });
  }

  async *score(ids: readonly number[], options: ScoreOptions = {}): AsyncIterable<EngineRow> {
    const from = options.from ?? 1;
    const T = ids.length;
    if (!(Number.isInteger(from) && from >= 1 && from <= T)) {
      throw new LogitlabError(`from = ${from} is outside 1..${T} (the sequence's length)`, { context: "score", field: "from" });
    }
    // One sequence must hold every asked row (they are read in order from it).
    const holder = this.sequences.find((s) => s.start <= from && s.start + s.rows - 1 >= T && s.ids.length >= T && ids.every((id, t) => s.ids[t] === id));
    if (!holder) {
      const first = this.find(ids, from);
      throw first ? this.missing(ids, T) : this.missing(ids, from);
    }
    for (let t = from; t <= T; t++) yield await holder.row(t - holder.start);
  }

  async session(): Promise<EngineSession> {
    const ids: number[] = [];
    const find = (length: number) => this.find(ids, length);
    const missing = (length: number) => this.missing(ids, length);
    return {
      get length() {
        return ids.length;
      },
      async append(more: readonly number[]): Promise<EngineRow> {
        if (more.length === 0) throw new LogitlabError("append() needs at least one token", { context: "session", field: "ids" });
        ids.push(...more);
        const hit = find(ids.length);
        if (!hit) throw missing(ids.length);
        return hit.sequence.row(hit.index);
      },
      async dispose(): Promise<void> {},
    };
  }

  async embeddingRows(ids: readonly number[]): Promise<Float32Array[]> {
    if (ids.length === 0) return [];
    if (this.options.embeddings === undefined) {
      throw new LogitlabError("a dump holds no input embeddings; pass --embeddings DIR (the model's safetensors folder)", { context: "embeddingRows", file: this.info.model });
    }
    return safetensorsEmbeddingRows(this.options.embeddings, ids);
  }

  async dispose(): Promise<void> {
    this.options.close?.();
  }
}
