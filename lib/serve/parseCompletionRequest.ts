/**
 * parseCompletionRequest: a `/v1/completions` request body, checked. `prompt` is a text, a list of token
 * ids, or a list of up to `maxPrompts` of either (one choice each); `echo` puts the prompt before the
 * completion (in text and logprobs); `logprobs: N` and vLLM's `prompt_logprobs: N` (0…`maxLogprobs`)
 * ask for top-N lists; `return_tokens_as_token_ids` (vLLM) names tokens `"token_id:123"`. Sampling
 * fields: `parseSamplingFields`. Every bad field is one LogitlabError line naming it.
 *
 * @example
 * const r = parseCompletionRequest({ prompt: [1, 2, 3], max_tokens: 1, logprobs: 5, prompt_logprobs: 5 }, { contextLength: 64, vocabSize: 1024, maxLogprobs: 20 });
 * [r.prompts, r.logprobs, r.promptLogprobs, r.echo]
 * // => [[[1, 2, 3]], 5, 5, false]
 */
import { LogitlabError } from "../util/errors.js";
import { parseSamplingFields, type SamplingFields } from "./parseSamplingFields.js";

export interface CompletionRequest extends SamplingFields {
  model?: string;
  prompts: (string | number[])[];
  echo: boolean;
  logprobs: number | null;
  promptLogprobs: number | null;
  tokenIds: boolean;
}

export interface RequestLimits {
  contextLength: number;
  vocabSize: number;
  /** Largest N of a top-N list. */
  maxLogprobs: number;
  /** Most prompts in one request (default 64). */
  maxPrompts?: number;
}

export function parseCompletionRequest(json: unknown, limits: RequestLimits): CompletionRequest {
  const fail = (field: string, reason: string): never => {
    throw new LogitlabError(reason, { context: "request", field });
  };
  if (json === null || typeof json !== "object" || Array.isArray(json)) fail("(body)", "is not a JSON object");
  const body = json as Record<string, unknown>;
  if (body.model !== undefined && typeof body.model !== "string") fail("model", "is not a string");
  const isIds = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((id) => Number.isInteger(id));
  const prompt = body.prompt;
  if (prompt === undefined || prompt === null) fail("prompt", "is missing: give a text, a list of token ids, or a list of those");
  if (Array.isArray(prompt) && prompt.some((v) => typeof v === "number") && !isIds(prompt)) {
    const at = prompt.findIndex((v) => !Number.isInteger(v));
    fail("prompt", `item ${at}: ${JSON.stringify(prompt[at])?.slice(0, 40)} is not a token id (an integer)`);
  }
  const prompts: unknown[] = typeof prompt === "string" || isIds(prompt) ? [prompt] : Array.isArray(prompt) ? prompt : fail("prompt", "is not a text, a list of token ids, or a list of those");
  const maxPrompts = limits.maxPrompts ?? 64;
  if (prompts.length === 0 || prompts.length > maxPrompts) fail("prompt", `has ${prompts.length} prompts; give 1 to ${maxPrompts}`);
  prompts.forEach((p, i) => {
    const at = `prompt[${i}]`;
    if (typeof p === "string") {
      if (p.length > 4 * 1024 * 1024) fail(at, "is over 4 Mi characters");
      return;
    }
    if (!isIds(p)) fail(at, "is not a text or a non-empty list of token ids");
    const ids = p as number[];
    if (ids.length > limits.contextLength) fail(at, `has ${ids.length} tokens; the model's context is ${limits.contextLength}`);
    ids.forEach((id, t) => {
      if (id < 0 || id >= limits.vocabSize) fail(at, `token ${t}: id ${id} is outside the vocabulary of ${limits.vocabSize}`);
    });
  });
  const count = (field: string): number | null => {
    const value = body[field];
    if (value === undefined || value === null) return null;
    if (!(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= limits.maxLogprobs)) fail(field, `${JSON.stringify(value)?.slice(0, 40)} is not an integer in 0..${limits.maxLogprobs} (the server's --max-logprobs)`);
    return value as number;
  };
  const flag = (field: string): boolean => {
    const value = body[field] ?? false;
    if (typeof value !== "boolean") fail(field, "is not true or false");
    return value as boolean;
  };
  return {
    ...(typeof body.model === "string" ? { model: body.model } : {}),
    prompts: prompts as (string | number[])[],
    echo: flag("echo"),
    logprobs: count("logprobs"),
    promptLogprobs: count("prompt_logprobs"),
    tokenIds: flag("return_tokens_as_token_ids"),
    ...parseSamplingFields(body, limits.contextLength),
  };
}
