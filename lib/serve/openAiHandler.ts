/**
 * openAiHandler: the OpenAI-compatible API of `logitlab serve` as a function from (method, path, body
 * text) to (status, JSON body), with no network in it (`serveEngine` puts it behind node:http):
 *   - GET  /v1/models            the one served model: id, `root` (the model path), `max_model_len`
 *                                (as vLLM reports them) and `vocab_size` (logitlab's addition);
 *   - POST /v1/completions       `completionBody` (logprobs, vLLM's prompt_logprobs, echo, token ids);
 *   - POST /v1/chat/completions  `chatBody` (logprobs, top_logprobs; the model's chat template if any);
 *   - POST /tokenize, /detokenize (also under /v1) vLLM's shapes: `{prompt, add_special_tokens}` →
 *                                `{count, max_model_len, tokens}`; `{tokens}` → `{prompt}`;
 *   - GET  /health               200 with an empty object.
 * `maxLogprobs` caps N of every top-N list (default 20, vLLM's default; −1: the whole vocabulary).
 * Errors are OpenAI-style, `{"error": {"message", "type", "param", "code"}}`: 400 for a bad request
 * (the message is the one-line LogitlabError, `param` its field), 404 for an unknown route or model,
 * 405 for a wrong method, 500 for anything else (the message only, never a stack).
 *
 * @example
 * const engine = await openEngine("test/fixtures/models/gpt2-f32");
 * const handle = openAiHandler(engine, { modelId: "gpt2" });
 * const models = await handle("GET", "/v1/models", "");
 * const bad = await handle("POST", "/v1/completions", '{"prompt": [1], "logprobs": 99}');
 * await engine.dispose();
 * [models.body.data[0].id, bad.status, bad.body.error.param]
 * // => ["gpt2", 400, "logprobs"]
 */
import type { Engine } from "../engines/Engine.js";
import { LogitlabError } from "../util/errors.js";
import { chatBody } from "./chatBody.js";
import { completionBody } from "./completionBody.js";
import { parseChatRequest } from "./parseChatRequest.js";
import { parseCompletionRequest, type RequestLimits } from "./parseCompletionRequest.js";

export interface ServeSettings {
  /** The model id clients name (default: engine.info.name). */
  modelId?: string;
  /** The path reported as the model's `root` (default: engine.info.model). */
  root?: string;
  /** Largest N of a top-N list (default 20; −1: the vocabulary). */
  maxLogprobs?: number;
  /** The model's chat template (tokenizer_config.json's chat_template) and its special tokens. */
  chatTemplate?: { template: string; bosToken?: string; eosToken?: string };
  /** Most prompts in one completion request (default 64). */
  maxPrompts?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OpenAiResponse = { status: number; body: any };

export function openAiHandler(engine: Engine, settings: ServeSettings = {}): (method: string, path: string, body: string) => Promise<OpenAiResponse> {
  const { info, tokenizer } = engine;
  const modelId = settings.modelId ?? info.name;
  const maxLogprobs = settings.maxLogprobs === undefined ? 20 : settings.maxLogprobs < 0 ? info.vocabSize : settings.maxLogprobs;
  const limits: RequestLimits = { contextLength: info.contextLength, vocabSize: info.vocabSize, maxLogprobs, maxPrompts: settings.maxPrompts };
  const error = (status: number, message: string, type: string, param: string | null = null): OpenAiResponse => ({ status, body: { error: { message, type, param, code: status } } });
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new LogitlabError(`not valid JSON: ${(e as Error).message.slice(0, 120)}`, { context: "request", field: "(body)" });
    }
  };
  const checkModel = (model: string | undefined): OpenAiResponse | undefined =>
    model === undefined || model === modelId ? undefined : error(404, `The model \`${model.slice(0, 200)}\` does not exist; this server serves \`${modelId}\``, "not_found_error", "model");
  const routes: Record<string, { method: string; run: (body: string) => Promise<OpenAiResponse> }> = {
    "/v1/models": {
      method: "GET",
      run: async () => ({
        status: 200,
        body: { object: "list", data: [{ id: modelId, object: "model", created: 0, owned_by: "logitlab", root: settings.root ?? info.model, parent: null, max_model_len: info.contextLength, vocab_size: info.vocabSize }] },
      }),
    },
    "/health": { method: "GET", run: async () => ({ status: 200, body: {} }) },
    "/v1/completions": {
      method: "POST",
      run: async (text) => {
        const request = parseCompletionRequest(parse(text), limits);
        return checkModel(request.model) ?? { status: 200, body: await completionBody(engine, request, modelId) };
      },
    },
    "/v1/chat/completions": {
      method: "POST",
      run: async (text) => {
        const request = parseChatRequest(parse(text), limits);
        return checkModel(request.model) ?? { status: 200, body: await chatBody(engine, request, modelId, settings.chatTemplate) };
      },
    },
    "/tokenize": {
      method: "POST",
      run: async (text) => {
        const body = parse(text) as { prompt?: unknown; add_special_tokens?: unknown; model?: unknown } | null;
        if (typeof body?.prompt !== "string") throw new LogitlabError("is not a text", { context: "request", field: "prompt" });
        const add = body.add_special_tokens ?? true;
        if (typeof add !== "boolean") throw new LogitlabError("is not true or false", { context: "request", field: "add_special_tokens" });
        if (!tokenizer.hasText) throw new LogitlabError("the served model has no tokenizer", { context: "request", field: "prompt" });
        const tokens = tokenizer.encode(body.prompt, { addSpecialTokens: add });
        return { status: 200, body: { count: tokens.length, max_model_len: info.contextLength, tokens } };
      },
    },
    "/detokenize": {
      method: "POST",
      run: async (text) => {
        const body = parse(text) as { tokens?: unknown } | null;
        const tokens = body?.tokens;
        if (!Array.isArray(tokens) || !tokens.every((id) => Number.isInteger(id) && id >= 0 && id < info.vocabSize)) {
          throw new LogitlabError(`is not a list of token ids in [0, ${info.vocabSize})`, { context: "request", field: "tokens" });
        }
        if (!tokenizer.hasText) throw new LogitlabError("the served model has no tokenizer", { context: "request", field: "tokens" });
        return { status: 200, body: { prompt: tokenizer.decode(tokens as number[]) } };
      },
    },
  };
  routes["/v1/tokenize"] = routes["/tokenize"];
  routes["/v1/detokenize"] = routes["/detokenize"];
  return async (method, path, body) => {
    const route = routes[path.split("?")[0].replace(/\/+$/, "")];
    if (!route) return error(404, `no route ${method} ${path.slice(0, 200)}; this server has ${Object.keys(routes).join(", ")}`, "not_found_error");
    if (method !== route.method) return error(405, `${path} takes ${route.method}, not ${method}`, "invalid_request_error");
    try {
      return await route.run(body);
    } catch (e) {
      if (e instanceof LogitlabError) return error(400, e.message, "invalid_request_error", e.field ?? null);
      return error(500, `internal error: ${String((e as Error).message ?? e).split("\n")[0].slice(0, 300)}`, "server_error");
    }
  };
}
