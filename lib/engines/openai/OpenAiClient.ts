/**
 * OpenAiClient: the HTTP side of the openai engine — JSON requests to an OpenAI-compatible server
 * with a bound on requests in flight, retries, timeouts, a response size cap, an on-disk response
 * cache and an API key that never leaves the Authorization header.
 *
 *   - Base URL: `--model` without credentials, query or fragment (they never reach a log, a cache key
 *     or provenance); "/v1" is appended when the path does not end in it (vLLM, SGLang and llama-server
 *     serve /v1).
 *     `/tokenize` and `/detokenize` are at the server's root, as vLLM serves them.
 *   - API key: `apiKey`, else `LOGITLAB_API_KEY`, else `OPENAI_API_KEY`, sent as `Authorization: Bearer`;
 *     user:password in the URL go as Basic authorization instead. Any text from the server that is
 *     put into an error message has the key and the password replaced by "***".
 *   - Concurrency: at most `concurrency` requests in flight (default 8); callers may start more, they wait.
 *   - Retries: a dropped connection, a timeout, HTTP 408, 429 or any 5xx is tried again up to `retries`
 *     times (default 6) after `backoffMs`·2^attempt (default 500 ms, at most `maxBackoffMs`, 30 s), with
 *     jitter in [50 %, 100 %]; a `Retry-After` in seconds is honoured up to `maxBackoffMs`. Other 4xx
 *     answers fail at once: one line with the status and the server's message (200 characters).
 *   - Time: each attempt is aborted after `timeoutMs` (default 120 s), body included.
 *   - Size: a response body over `maxResponseBytes` (default 64 MiB) is aborted and is an error.
 *   - Cache: POST responses that parse are stored (`ResponseCache`, default folder
 *     `.logitlab-cache/openai/`, `cacheDir: false` for none); the same request is then answered from
 *     disk, so an interrupted run resumes. `stats` counts requests sent, cache hits and retries.
 *
 * @example
 * const client = new OpenAiClient("http://user:pw@127.0.0.1:9/v1", { cacheDir: false, fetch: async () => new Response('{"data":[]}') });
 * [client.base, await client.getJson(client.base + "/models", (json) => json)]
 * // => ["http://127.0.0.1:9/v1", {"data": []}]
 */
import { LogitlabError } from "../../util/errors.js";
import { redactUrl } from "./redactUrl.js";
import { ResponseCache } from "./ResponseCache.js";

export interface OpenAiClientOptions {
  /** API key (default: LOGITLAB_API_KEY, else OPENAI_API_KEY). */
  apiKey?: string;
  /** Requests in flight at most (default 8). */
  concurrency?: number;
  /** Tries after the first (default 6). */
  retries?: number;
  /** First backoff in ms (default 500). */
  backoffMs?: number;
  /** Longest backoff in ms (default 30,000). */
  maxBackoffMs?: number;
  /** Per-attempt timeout in ms (default 120,000). */
  timeoutMs?: number;
  /** Largest response body in bytes (default 64 MiB). */
  maxResponseBytes?: number;
  /** Response cache folder (default ".logitlab-cache/openai"); false: no cache. */
  cacheDir?: string | false;
  /** The fetch to use (default globalThis.fetch; tests and examples pass their own). */
  fetch?: typeof fetch;
}

/** Thrown inside one attempt: `retry` says whether another attempt may help. */
class AttemptError extends Error {
  constructor(message: string, readonly retry: boolean, readonly retryAfterMs?: number) {
    super(message);
  }
}

export class OpenAiClient {
  /** The base URL without credentials, ending in /v1. */
  readonly base: string;
  /** The server root without credentials (where /tokenize lives). */
  readonly origin: string;
  readonly stats = { requests: 0, cacheHits: 0, retries: 0 };
  private readonly cache: ResponseCache;
  private readonly secrets: string[];
  private readonly authorization: string | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly limit: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(url: string, private readonly options: OpenAiClientOptions = {}) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new LogitlabError("not a URL; give http(s)://HOST:PORT/v1", { context: "--model", file: redactUrl(url) });
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new LogitlabError(`${parsed.protocol} is not http: or https:`, { context: "--model", file: redactUrl(url) });
    }
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    const key = options.apiKey ?? process.env.LOGITLAB_API_KEY ?? process.env.OPENAI_API_KEY;
    this.secrets = [key, password, parsed.password, parsed.username && parsed.password ? Buffer.from(`${user}:${password}`).toString("base64") : ""].filter((s): s is string => !!s && s.length >= 3);
    this.authorization = key ? `Bearer ${key}` : parsed.password ? `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` : undefined;
    parsed.username = "";
    parsed.password = "";
    parsed.hash = "";
    parsed.search = "";
    const path = parsed.pathname.replace(/\/+$/, "");
    parsed.pathname = path.endsWith("/v1") ? path : `${path}/v1`;
    this.base = parsed.toString().replace(/\/+$/, "");
    this.origin = parsed.origin;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.limit = options.concurrency ?? 8;
    if (!(Number.isInteger(this.limit) && this.limit >= 1 && this.limit <= 4096)) {
      throw new LogitlabError(`concurrency ${options.concurrency} is not an integer in 1..4096`, { field: "--concurrency" });
    }
    this.cache = new ResponseCache(options.cacheDir ?? ".logitlab-cache/openai");
  }

  /**
   * A GET (not cached), parsed by `parse` (which throws a one-line error on a wrong shape); `retries`
   * overrides the client's (the engine's first /v1/models probe tries twice more, so that a wrong URL
   * fails in seconds).
   */
  async getJson<T>(endpoint: string, parse: (json: unknown) => T, options: { retries?: number } = {}): Promise<T> {
    return parse(await this.request("GET", endpoint, undefined, undefined, options.retries));
  }

  /**
   * A POST of `body` as JSON, answered from the cache when this exact request was answered before;
   * a fresh answer is stored only once `parse` accepted it.
   */
  async postJson<T>(endpoint: string, body: unknown, parse: (json: unknown) => T, options: { cache?: boolean } = {}): Promise<T> {
    const text = JSON.stringify(body);
    const useCache = options.cache ?? true;
    const key = this.cache.key(redactUrl(endpoint), text);
    const cached = useCache ? this.cache.get(key) : undefined;
    if (cached !== undefined) {
      try {
        const value = parse(JSON.parse(cached));
        this.stats.cacheHits++;
        return value;
      } catch {
        this.cache.delete(key);
      }
    }
    let raw = "";
    const json = await this.request("POST", endpoint, text, (t) => (raw = t));
    const value = parse(json);
    if (useCache) this.cache.put(key, raw);
    return value;
  }

  /** `text` with every secret this client knows replaced by "***". */
  scrub(text: string): string {
    return this.secrets.reduce((t, secret) => t.split(secret).join("***"), text);
  }

  private async request(method: "GET" | "POST", endpoint: string, body: string | undefined, keepText?: (text: string) => void, retryCount?: number): Promise<unknown> {
    const shown = redactUrl(endpoint);
    const retries = retryCount ?? this.options.retries ?? 6;
    const backoff = this.options.backoffMs ?? 500;
    const maxBackoff = this.options.maxBackoffMs ?? 30_000;
    let last = "";
    await this.acquire();
    try {
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) this.stats.retries++;
        try {
          const text = await this.attempt(method, endpoint, body);
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            throw new LogitlabError(`the response is not JSON: ${JSON.stringify(this.scrub(text.slice(0, 80)))}`, { context: "openai", file: shown, kind: "data" });
          }
          keepText?.(text);
          return json;
        } catch (error) {
          if (!(error instanceof AttemptError)) throw error;
          last = error.message;
          if (!error.retry) throw new LogitlabError(last, { context: "openai", file: shown, kind: "data" });
          if (attempt === retries) break;
          const wait = error.retryAfterMs ?? Math.min(maxBackoff, backoff * 2 ** attempt) * (0.5 + 0.5 * Math.random());
          await new Promise((resolve) => setTimeout(resolve, Math.min(wait, maxBackoff)));
        }
      }
    } finally {
      this.release();
    }
    throw new LogitlabError(`no answer after ${retries + 1} tries (last: ${last}); answered requests are cached, so running again resumes`, { context: "openai", file: shown, kind: "data" });
  }

  /** One try: the body text of a 2xx answer, or an AttemptError. */
  private async attempt(method: string, target: string, body: string | undefined): Promise<string> {
    const timeoutMs = this.options.timeoutMs ?? 120_000;
    const maxBytes = this.options.maxResponseBytes ?? 64 * 1024 * 1024;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    this.stats.requests++;
    try {
      const headers: Record<string, string> = { accept: "application/json" };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (this.authorization) headers.authorization = this.authorization;
      let response: Response;
      try {
        response = await this.fetchImpl(target, { method, headers, body, signal: controller.signal });
      } catch (error) {
        throw new AttemptError(controller.signal.aborted ? `timed out after ${timeoutMs} ms` : `connection failed (${this.scrub(causeOf(error))})`, true);
      }
      const declared = Number(response.headers.get("content-length") ?? NaN);
      if (declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new AttemptError(`the response of ${declared} bytes is over the cap of ${maxBytes} bytes (maxResponseBytes)`, false);
      }
      let text: string;
      try {
        text = await readCapped(response, maxBytes);
      } catch (error) {
        if (error instanceof AttemptError) throw error;
        throw new AttemptError(controller.signal.aborted ? `timed out after ${timeoutMs} ms` : `connection dropped while reading (${this.scrub(causeOf(error))})`, true);
      }
      if (response.status >= 200 && response.status < 300) return text;
      const message = this.scrub(serverMessage(text)).slice(0, 200);
      const retry = response.status === 408 || response.status === 429 || response.status >= 500;
      const after = Number(response.headers.get("retry-after") ?? NaN);
      throw new AttemptError(`HTTP ${response.status}: ${message}`, retry, Number.isFinite(after) && after >= 0 ? after * 1000 : undefined);
    } finally {
      clearTimeout(timer);
    }
  }

  private async acquire(): Promise<void> {
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}

/** The body as text, aborting past `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AttemptError(`the response is over the cap of ${maxBytes} bytes (maxResponseBytes)`, false);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The server's error message from an OpenAI-style error body, else the text itself. */
function serverMessage(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    const message = typeof json.error === "object" ? json.error?.message : (json.error ?? json.message ?? json.detail);
    if (message !== undefined) return String(typeof message === "string" ? message : JSON.stringify(message)).replace(/\s+/g, " ");
  } catch {
    // not JSON: the text itself
  }
  return text.replace(/\s+/g, " ");
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
