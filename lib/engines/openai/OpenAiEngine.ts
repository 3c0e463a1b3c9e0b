/**
 * OpenAiEngine: the {@link Engine} of an OpenAI-compatible server (`--model http://HOST:8000/v1`):
 * vLLM, SGLang, llama-server or `logitlab serve`. Rows are the server's top-N lists ("top" rows,
 * `info.topN` = `topLogprobs`, default 20 = vLLM's default `--max-logprobs` cap), so every record says
 * `truncated: true` with the mass covered.
 *
 * Requests (`OpenAiClient`: concurrency, retries, timeouts, size cap, on-disk cache):
 *   - prompts are sent as token ids (`/v1/completions` takes a list of ints), so tokenization is exact;
 *   - `score(ids)`: one `/v1/completions` request, `max_tokens: 1, temperature: 0, logprobs: N,
 *     prompt_logprobs: N` (the vLLM extension: rows that predict tokens 1…T−1; `teacherForcing: "echo"`
 *     asks `echo: true` instead, for servers without it) — the row after the whole sequence is the
 *     first generated token's `top_logprobs`;
 *   - `session().append(ids)`: the same request for all tokens so far without prompt_logprobs (the
 *     server's prefix cache makes this cheap on vLLM);
 *   - `return_tokens_as_token_ids: true` asks vLLM for `"token_id:123"` strings, so ids are exact;
 *     a server that ignores it answers with token strings, mapped through the local tokenizer;
 *   - `chat(messages)`: `/v1/chat/completions` with `logprobs: true, top_logprobs: N` (the server applies
 *     its chat template); `serverTokenize` / `serverDetokenize`: the server's `/tokenize` `/detokenize`.
 *
 * The tokenizer: a local folder with tokenizer.json (`tokenizer`, `--tokenizer DIR`), else the folder
 * the server names as the model's `root` in /v1/models when it exists on this machine (vLLM and
 * `logitlab serve` report the served path), else none: token ids still work, text is a one-line error
 * saying to give `--tokenizer DIR`. (The interface's tokenizer is synchronous, so the server's
 * `/tokenize` cannot stand in for it.) eos ids, vocabulary size and context come from that folder's
 * files and from /v1/models (`max_model_len`; `vocab_size` where `logitlab serve` adds it).
 * Embedding rows are not served over HTTP: `embeddingRows` reads them from a local safetensors folder
 * (`embeddings`, `--embeddings DIR`; by default the served model's `root` when it is a checkpoint folder
 * on this machine, as with `logitlab serve`), else it is a one-line error. The row after a
 * sequence is the first generated token's (vLLM needs `max_tokens` ≥ 1), so a sequence may have at most
 * `info.contextLength` − 1 tokens (one fewer than the tfjs engine takes); more is a one-line error.
 *
 * The API key (`apiKey`, LOGITLAB_API_KEY or OPENAI_API_KEY) is only ever in the Authorization header;
 * `info.model` is the URL without credentials.
 *
 * @example
 * const answers = { "/v1/models": { data: [{ id: "m", max_model_len: 8 }] },
 *   "/v1/completions": { choices: [{ logprobs: { tokens: ["token_id:2"], token_logprobs: [-0.1], top_logprobs: [{ "token_id:2": -0.1, "token_id:0": -2.4 }] } }] } };
 * const fake = async (url) => new Response(JSON.stringify(answers[new URL(url).pathname]));
 * const engine = await OpenAiEngine.open("http://127.0.0.1:9/v1", { cacheDir: false, fetch: fake, topLogprobs: 2 });
 * const session = await engine.session();
 * const row = await session.append([5, 6]);
 * [engine.info.name, engine.info.topN, Array.from(row.ids)]
 * // => ["m", 2, [2, 0]]
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { endOfSequenceIds } from "../../models/endOfSequenceIds.js";
import { loadTokenizer, type Tokenizer } from "../../models/tokenizer.js";
import { safetensorsEmbeddingRows } from "../llamaCpp/safetensorsEmbeddingRows.js";
import { LogitlabError } from "../../util/errors.js";
import type { Engine, EngineInfo, EngineRow, EngineSession, EngineTokenizer, ScoreOptions } from "../Engine.js";
import { OpenAiClient, type OpenAiClientOptions } from "./OpenAiClient.js";
import { parseChatLogprobs } from "./parseChatLogprobs.js";
import { parseCompletionResponse } from "./parseCompletionResponse.js";
import { responseError } from "./responseError.js";

export interface OpenAiEngineOptions extends OpenAiClientOptions {
  /** A local folder with the model's tokenizer.json (`--tokenizer DIR`). */
  tokenizer?: string;
  /** N of the top-N lists asked for (`--top-logprobs`, default 20; at most the server's --max-logprobs). */
  topLogprobs?: number;
  /** The served model's id (default: the first in /v1/models). */
  servedModel?: string;
  /**
   * Safetensors folder to read input-embedding rows from (`--embeddings DIR`), for nucleus cosine; by
   * default the served model's `root` folder when it is on this machine and holds safetensors.
   */
  embeddings?: string;
  /**
   * How teacher-forced rows are asked for: vLLM's `prompt_logprobs` (default), or `echo: true` with
   * `logprobs` (the legacy OpenAI way, for servers without the vLLM extension).
   */
  teacherForcing?: "prompt_logprobs" | "echo";
}

/** One chat message. */
export interface ChatMessage {
  role: string;
  content: string;
}

interface ModelCard {
  id: string;
  root?: string;
  maxModelLen?: number;
  vocabSize?: number;
}

export class OpenAiEngine implements Engine {
  private constructor(
    readonly info: EngineInfo,
    readonly tokenizer: EngineTokenizer,
    readonly client: OpenAiClient,
    private readonly lookup: (token: string) => number | undefined,
    private readonly echo: boolean,
    private readonly embeddingsDir: string | undefined,
  ) {}

  /** Connects: reads /v1/models, picks the model and loads the tokenizer (see the class comment). */
  static async open(url: string, options: OpenAiEngineOptions = {}): Promise<OpenAiEngine> {
    const topN = options.topLogprobs ?? 20;
    if (!(Number.isInteger(topN) && topN >= 1 && topN <= 1_000_000)) {
      throw new LogitlabError(`top logprobs ${options.topLogprobs} is not an integer ≥ 1`, { field: "--top-logprobs" });
    }
    const client = new OpenAiClient(url, options);
    const endpoint = `${client.base}/models`;
    let card: ModelCard;
    try {
      card = await client.getJson(endpoint, (json) => pickModel(json, endpoint, options.servedModel), { retries: Math.min(2, options.retries ?? 2) });
    } catch (error) {
      if (!(error instanceof LogitlabError) || !/no answer after/.test(error.message)) throw error;
      throw new LogitlabError(`${error.reason.replace(/; answered requests are cached.*$/, "")}; is an OpenAI-compatible server (vLLM, logitlab serve) running at ${client.base}?`, { context: "openai", file: endpoint, kind: "data" });
    }
    const dir = options.tokenizer ?? (card.root && existsSync(join(card.root, "tokenizer.json")) ? card.root : undefined);
    if (options.tokenizer !== undefined && !(existsSync(options.tokenizer) && statSync(options.tokenizer).isDirectory())) {
      throw new LogitlabError("tokenizer folder not found; give the model's folder holding tokenizer.json", { context: "--tokenizer", file: options.tokenizer });
    }
    const local = dir === undefined ? undefined : loadTokenizer(dir);
    const readJson = (name: string): Record<string, unknown> => {
      if (dir === undefined || !existsSync(join(dir, name))) return {};
      try {
        return JSON.parse(readFileSync(join(dir, name), "utf8")) as Record<string, unknown>;
      } catch (error) {
        throw new LogitlabError(`not valid JSON: ${(error as Error).message}`, { context: "openai", file: join(dir, name), kind: "data" });
      }
    };
    const config = readJson("config.json");
    const configVocab = typeof config.vocab_size === "number" ? config.vocab_size : undefined;
    const vocabSize = card.vocabSize ?? configVocab ?? local?.vocabSize ?? 0;
    const configContext = [config.max_position_embeddings, config.n_positions].find((v): v is number => typeof v === "number");
    const info: EngineInfo = {
      engine: "openai",
      model: client.base,
      name: card.id,
      dtype: "unknown",
      vocabSize,
      contextLength: card.maxModelLen ?? configContext ?? Number.MAX_SAFE_INTEGER,
      device: "http",
      topN,
    };
    const eosIds = dir === undefined ? new Set<number>() : endOfSequenceIds({ generationConfig: readJson("generation_config.json"), config, tokenizerEos: local?.eosId, vocabSize: Math.max(vocabSize, local?.vocabSize ?? 0), dir });
    const lookup = (token: string): number | undefined => {
      if (!local) return undefined;
      const id = local.tokenToId(token);
      if (id !== undefined) return id;
      const ids = local.encode(token, { addSpecialTokens: false }).ids;
      return ids.length === 1 ? ids[0] : undefined;
    };
    const teacherForcing = options.teacherForcing ?? "prompt_logprobs";
    if (teacherForcing !== "prompt_logprobs" && teacherForcing !== "echo") throw new LogitlabError(`${teacherForcing} is not prompt_logprobs or echo`, { field: "teacherForcing" });
    const rootHasWeights = card.root !== undefined && existsSync(join(card.root, "config.json")) &&
      (existsSync(join(card.root, "model.safetensors")) || existsSync(join(card.root, "model.safetensors.index.json")));
    const embeddingsDir = options.embeddings ?? (rootHasWeights ? card.root : undefined);
    return new OpenAiEngine(info, engineTokenizer(local, eosIds, vocabSize, client.base), client, lookup, teacherForcing === "echo", embeddingsDir);
  }

  async *score(ids: readonly number[], options: ScoreOptions = {}): AsyncIterable<EngineRow> {
    const from = options.from ?? 1;
    const T = ids.length;
    if (!(Number.isInteger(from) && from >= 1 && from <= T)) {
      throw new LogitlabError(`from = ${from} is outside 1..${T} (the sequence's length)`, { context: "score", field: "from" });
    }
    this.checkIds(ids, 0);
    const rows = await this.complete(ids, from < T);
    yield* rows.slice(rows.length - (T - from + 1));
  }

  async session(): Promise<EngineSession> {
    const ids: number[] = [];
    return {
      get length() {
        return ids.length;
      },
      append: async (more: readonly number[]): Promise<EngineRow> => {
        if (more.length === 0) throw new LogitlabError("append() needs at least one token", { context: "session", field: "ids" });
        this.checkIds(more, ids.length);
        const rows = await this.complete([...ids, ...more], false);
        ids.push(...more);
        return rows[0];
      },
      async dispose(): Promise<void> {},
    };
  }

  /**
   * One chat completion with logprobs: the server applies its chat template; returns the generated
   * ids, their log-probabilities and each token's top-N row.
   */
  async chat(messages: readonly ChatMessage[], options: { maxTokens?: number; temperature?: number; seed?: number } = {}): Promise<{ ids: number[]; text: string; logProbs: number[]; rows: EngineRow[] }> {
    const endpoint = `${this.client.base}/chat/completions`;
    const body = {
      model: this.info.name,
      messages,
      max_tokens: options.maxTokens ?? 16,
      temperature: options.temperature ?? 0,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      logprobs: true,
      top_logprobs: this.info.topN,
      return_tokens_as_token_ids: true,
    };
    return this.client.postJson(endpoint, body, (json) => {
      const choice = firstChoice(json, endpoint);
      const message = choice.message as { content?: unknown } | undefined;
      const text = typeof message?.content === "string" ? message.content : "";
      return { ...parseChatLogprobs(choice.logprobs, this.info.topN!, endpoint, this.lookup), text };
    });
  }

  /** The server's own tokenization (vLLM's and `logitlab serve`'s POST /tokenize). */
  async serverTokenize(text: string, options: { addSpecialTokens?: boolean } = {}): Promise<number[]> {
    const endpoint = `${this.client.origin}/tokenize`;
    return this.client.postJson(endpoint, { model: this.info.name, prompt: text, add_special_tokens: options.addSpecialTokens ?? true }, (json) => {
      const tokens = (json as { tokens?: unknown } | null)?.tokens;
      if (!Array.isArray(tokens) || !tokens.every((t) => Number.isInteger(t) && t >= 0)) throw responseError(endpoint, "tokens", "is not a list of token ids");
      return tokens as number[];
    }, { cache: false });
  }

  /** The server's own decoding (POST /detokenize). */
  async serverDetokenize(ids: readonly number[]): Promise<string> {
    const endpoint = `${this.client.origin}/detokenize`;
    return this.client.postJson(endpoint, { model: this.info.name, tokens: ids }, (json) => {
      const prompt = (json as { prompt?: unknown } | null)?.prompt;
      if (typeof prompt !== "string") throw responseError(endpoint, "prompt", "is not a string");
      return prompt;
    }, { cache: false });
  }

  async embeddingRows(ids: readonly number[]): Promise<Float32Array[]> {
    if (this.embeddingsDir === undefined) {
      throw new LogitlabError("an OpenAI-compatible server does not serve the embedding matrix; pass --embeddings DIR (the model's safetensors folder), or run nucleus cosine on the model's folder or GGUF file", { context: "openai", file: this.info.model });
    }
    return safetensorsEmbeddingRows(this.embeddingsDir, ids);
  }

  async dispose(): Promise<void> {}

  /** Rows after every prefix from 1 (with prompt logprobs) or after the whole sequence only. */
  private async complete(ids: readonly number[], promptLogprobs: boolean): Promise<EngineRow[]> {
    // The row after the prompt is the first generated token's, so the server needs room for one more.
    if (ids.length >= this.info.contextLength) {
      throw new LogitlabError(`${ids.length} tokens do not fit: the server's context of ${this.info.contextLength} must hold them and one generated token; shorten the input to ${this.info.contextLength - 1}`, { context: "openai engine", file: this.info.model });
    }
    const endpoint = `${this.client.base}/completions`;
    const n = this.info.topN!;
    const body = {
      model: this.info.name,
      prompt: ids,
      max_tokens: 1,
      temperature: 0,
      logprobs: n,
      ...(promptLogprobs ? (this.echo ? { echo: true } : { prompt_logprobs: n }) : {}),
      return_tokens_as_token_ids: true,
    };
    const echo = promptLogprobs && this.echo;
    return this.client.postJson(endpoint, body, (json) => parseCompletionResponse(json, ids, n, endpoint, { promptLogprobs: promptLogprobs && !echo, echo, lookup: this.lookup }));
  }

  private checkIds(ids: readonly number[], offset: number): void {
    const V = this.info.vocabSize;
    ids.forEach((id, t) => {
      if (!(Number.isInteger(id) && id >= 0 && (V === 0 || id < V))) {
        throw new LogitlabError(`token id ${id} is not an integer in [0, ${V || "∞"})`, { context: "openai engine", position: `token ${offset + t}` });
      }
    });
  }
}

/** The served model's card from a /v1/models body. */
function pickModel(json: unknown, endpoint: string, wanted: string | undefined): ModelCard {
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length === 0) throw responseError(endpoint, "data", "is not a non-empty list of models");
  const cards = data.map((entry: unknown, i): ModelCard => {
    const e = entry as Record<string, unknown> | null;
    if (e === null || typeof e !== "object" || typeof e.id !== "string") throw responseError(endpoint, `data[${i}].id`, "is not a string");
    const positive = (v: unknown) => (Number.isInteger(v) && (v as number) > 0 ? (v as number) : undefined);
    return { id: e.id, root: typeof e.root === "string" ? e.root : undefined, maxModelLen: positive(e.max_model_len), vocabSize: positive(e.vocab_size) };
  });
  if (wanted === undefined) return cards[0];
  const card = cards.find((c) => c.id === wanted);
  if (!card) throw responseError(endpoint, "data", `no model "${wanted}"; the server has ${cards.map((c) => JSON.stringify(c.id)).join(", ")}`);
  return card;
}

function firstChoice(json: unknown, endpoint: string): Record<string, unknown> {
  const choices = (json as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0 || choices[0] === null || typeof choices[0] !== "object") throw responseError(endpoint, "choices", "is not a non-empty list of objects");
  return choices[0] as Record<string, unknown>;
}

/** The engine's tokenizer from a local tokenizer, or one that says how to get one. */
function engineTokenizer(local: Tokenizer | undefined, eosIds: Set<number>, vocabSize: number, model: string): EngineTokenizer {
  const need = (): Tokenizer => {
    if (local) return local;
    throw new LogitlabError("no tokenizer for text: give --tokenizer DIR, the model's folder with tokenizer.json (token ids work without it)", { context: "openai engine", file: model });
  };
  return {
    hasText: local !== undefined,
    encode: (text, options) => need().encode(text, options).ids,
    decode: (ids, options) => need().decode([...ids], options),
    tokenTexts: (ids) => need().tokenTexts([...ids]),
    idToToken: (id) => local?.idToToken(id),
    tokenToId: (token) => local?.tokenToId(token),
    bosId: local?.bosId,
    eosIds,
    vocabSize,
  };
}
