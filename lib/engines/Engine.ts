/**
 * Engine: what every model runtime gives logitlab, so that a study runs on any of them unchanged.
 *
 * Engines (chosen from `--model` by `openEngine`, or forced with `--engine`):
 *   - "tfjs"      a Hugging Face safetensors folder on logitlab's own runtime (lib/models): the only one
 *                 with gradients and activations;
 *   - "llama.cpp" a `.gguf` file through node-llama-cpp;
 *   - "openai"    an `http(s)://` URL of an OpenAI-compatible server (vLLM, SGLang, llama-server,
 *                 `logitlab serve`), which gives top-N lists only;
 *   - "dump"      recorded distributions (JSON Lines step records, .npy/.safetensors logits, Parquet).
 *
 * An engine gives, for a token sequence:
 *   (a) teacher-forced scoring: `score(ids)` yields the next-token distribution after every prefix;
 *   (b) generation: a `session()` that takes tokens and returns the distribution after them, on which
 *       `engineGenerate` runs logitlab's own seeded sampler (same tokens as the tfjs runtime for the
 *       same logits);
 *   (c) input-embedding rows for nucleus cosine (`embeddingRows`);
 *   (d) the tokenizer (`tokenizer`).
 *
 * Rows are host arrays (an {@link EngineRow}); per-step statistics are computed on them directly
 * (`rowStepRecord`), never through tensor round trips.
 */
import type { StepRecord } from "../io/stepRecord.js";

/** The engines logitlab has. */
export type EngineKind = "tfjs" | "llama.cpp" | "openai" | "dump";

/**
 * One next-token distribution as an engine gives it:
 *   - "logits": the full vocabulary's raw logits [V] (temperature 1, before any sampling rule);
 *   - "top": a truncated list, ids by descending probability (ties by ascending id) with their log-probabilities
 *     under the FULL distribution (as an OpenAI-compatible server reports them). `coveredMass` = Σ exp(logProbs).
 *     Optional `chosen`: the log-probability of one token OUTSIDE the list that the server reported too
 *     (vLLM adds the prompt or sampled token to its top-N), so a teacher-forced record still has its prob.
 */
export type EngineRow =
  | { kind: "logits"; logits: Float32Array }
  | { kind: "top"; ids: Int32Array; logProbs: Float64Array; chosen?: { id: number; logProb: number } };

/** What a run is and where it ran: goes into every study's provenance. Never holds an API key. */
export interface EngineInfo {
  engine: EngineKind;
  /** `--model` as given (a folder, a file or a URL without credentials). */
  model: string;
  /** The model's name where the engine knows one (server model id, GGUF general.name, folder name). */
  name: string;
  /** Weight type: "float32", "F16", "Q4_K_M", … or "unknown". */
  dtype: string;
  vocabSize: number;
  /** Longest sequence (prompt + generated) the engine accepts. */
  contextLength: number;
  /** Where it runs: "tfjs wasm", "llama.cpp cpu", "llama.cpp cuda: NVIDIA H200", "http", "file". */
  device: string;
  /** Largest top-N the engine returns per position; undefined when it gives full rows. */
  topN?: number;
}

/** The tokenizer an engine brings (encode and decode with the model's own vocabulary). */
export interface EngineTokenizer {
  /** False when the model has no tokenizer (token ids still work; text in or out is an error). */
  hasText: boolean;
  encode(text: string, options?: { addSpecialTokens?: boolean }): number[];
  decode(ids: readonly number[], options?: { skipSpecialTokens?: boolean }): string;
  /** Readable text of each token on its own (decode([id])). */
  tokenTexts(ids: readonly number[]): string[];
  /** Vocabulary string of one id (byte-level "Ġ" / SentencePiece "▁" markers kept), if known. */
  idToToken(id: number): string | undefined;
  tokenToId(token: string): number | undefined;
  bosId: number | undefined;
  /** End-of-sequence ids at which generation stops (generation_config / config / tokenizer, as HF). */
  eosIds: ReadonlySet<number>;
  vocabSize: number;
}

/** Incremental decoding state (a KV cache, or the text so far for a server). */
export interface EngineSession {
  /** Appends tokens and returns the distribution of the next token after all tokens so far. */
  append(ids: readonly number[]): Promise<EngineRow>;
  /** Tokens appended so far. */
  readonly length: number;
  dispose(): Promise<void>;
}

/** Options of {@link Engine.score}. */
export interface ScoreOptions {
  /** First prefix length to yield a row for (default 1: the distribution after ids[0]). */
  from?: number;
}

export interface Engine {
  readonly info: EngineInfo;
  readonly tokenizer: EngineTokenizer;
  /**
   * Teacher forcing: for ids [T], yields in order the rows after the prefixes ids[0..t) for
   * t = from … T, i.e. the row that predicts ids[t] (the last one predicts the token after the sequence).
   * Rows are produced lazily: a consumer that keeps none holds O(V) memory per row, not [T, V].
   */
  score(ids: readonly number[], options?: ScoreOptions): AsyncIterable<EngineRow>;
  /** A fresh incremental-decoding session. */
  session(): Promise<EngineSession>;
  /** Input-embedding rows (float32 [D] each) of the given ids, for nucleus cosine. */
  embeddingRows(ids: readonly number[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/** A canonical step record from an engine, with the engine's truncation stated. */
export type EngineStep = StepRecord;
