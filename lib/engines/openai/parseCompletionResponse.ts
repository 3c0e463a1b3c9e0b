/**
 * parseCompletionResponse: the rows of one `/v1/completions` response to a token-id prompt, as the
 * openai engine asks for them (`max_tokens` ≥ 1, `logprobs: n`, optionally `prompt_logprobs: n`):
 * `choices[0].prompt_logprobs` gives the rows that predict prompt tokens 1…T−1
 * (`parsePromptLogprobs`), `choices[0].logprobs.top_logprobs[0]` the row after the whole prompt
 * (`parseCompletionLogprobs`). `rows[t]` is the row after the prefix of length t + 1, so `rows` has T
 * entries with prompt logprobs and one (the last) without. With `echo` (the request asked `echo: true`
 * instead of prompt_logprobs, for servers without the vLLM extension) the same rows are read from the
 * echoed prompt's `top_logprobs` (its tokens must be the prompt's; the first entry is null).
 *
 * Rejected, one line naming the field: a body that is not an object with a non-empty `choices` list,
 * an `error` object (the server's message, cut to 200 characters), and whatever the two parsers reject.
 *
 * @example
 * const body = { choices: [{ text: "", prompt_logprobs: [null, { "3": { logprob: -0.7, rank: 1 } }], logprobs: { tokens: ["token_id:4"], token_logprobs: [-0.1], top_logprobs: [{ "token_id:4": -0.1 }] } }] };
 * parseCompletionResponse(body, [1, 3], 1, "u", { promptLogprobs: true }).map((row) => Array.from(row.ids))
 * // => [[3], [4]]
 */
import type { EngineRow } from "../Engine.js";
import { parseCompletionLogprobs } from "./parseCompletionLogprobs.js";
import { parsePromptLogprobs } from "./parsePromptLogprobs.js";
import { responseError } from "./responseError.js";

export function parseCompletionResponse(
  body: unknown,
  promptIds: readonly number[],
  n: number,
  endpoint: string,
  options: { promptLogprobs?: boolean; echo?: boolean; lookup?: (token: string) => number | undefined } = {},
): (EngineRow & { kind: "top" })[] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw responseError(endpoint, "(body)", "is not a JSON object");
  const { choices, error } = body as Record<string, unknown>;
  if (error !== undefined && error !== null) {
    const message = typeof error === "object" ? (error as { message?: unknown }).message : error;
    throw responseError(endpoint, "error", `the server answered with an error: ${String(message).slice(0, 200)}`);
  }
  if (!Array.isArray(choices) || choices.length === 0) throw responseError(endpoint, "choices", "is not a non-empty list");
  const choice = choices[0] as Record<string, unknown> | null;
  if (choice === null || typeof choice !== "object") throw responseError(endpoint, "choices[0]", "is not an object");
  const generated = parseCompletionLogprobs(choice.logprobs, n, endpoint, options.lookup);
  if (options.echo) {
    const T = promptIds.length;
    const field = "choices[0].logprobs";
    if (generated.ids.length <= T) throw responseError(endpoint, `${field}.tokens`, `has ${generated.ids.length} tokens; the echoed prompt (${T}) and one generated token were asked for`);
    const differs = promptIds.findIndex((id, t) => generated.ids[t] !== id);
    if (differs >= 0) throw responseError(endpoint, `${field}.tokens[${differs}]`, `echoes token ${generated.ids[differs]} where the prompt has ${promptIds[differs]}`);
    const rows = generated.rows.slice(1, T + 1);
    const missing = rows.findIndex((row) => row === null);
    if (missing >= 0) throw responseError(endpoint, `${field}.top_logprobs[${missing + 1}]`, "is null (only the first echoed token may be)");
    return rows as (EngineRow & { kind: "top" })[];
  }
  const next = generated.rows[0];
  if (!next) throw responseError(endpoint, "choices[0].logprobs.top_logprobs[0]", "is missing (the row after the prompt; did the server echo the prompt or generate no token?)");
  if (!options.promptLogprobs) return [next];
  const prompt = parsePromptLogprobs(choice.prompt_logprobs, promptIds, n, endpoint);
  return [...prompt.slice(1).map((row) => row!), next];
}
