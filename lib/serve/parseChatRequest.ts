/**
 * parseChatRequest: a `/v1/chat/completions` request body, checked: `messages` (1 to 1,024 of
 * `{role, content}` where content is a text or a list of `{type: "text", text}` parts), `logprobs`
 * (true/false), `top_logprobs` (0…`maxLogprobs`, with logprobs), vLLM's `return_tokens_as_token_ids`,
 * and the sampling fields (`parseSamplingFields`). Every bad field is one LogitlabError line naming it.
 *
 * @example
 * const r = parseChatRequest({ messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }], logprobs: true, top_logprobs: 3 }, { contextLength: 64, vocabSize: 1024, maxLogprobs: 20 });
 * [r.messages, r.topLogprobs]
 * // => [[{"role": "user", "content": "hi"}], 3]
 */
import { LogitlabError } from "../util/errors.js";
import type { RequestLimits } from "./parseCompletionRequest.js";
import { parseSamplingFields, type SamplingFields } from "./parseSamplingFields.js";

export interface ChatRequest extends SamplingFields {
  model?: string;
  messages: { role: string; content: string }[];
  logprobs: boolean;
  topLogprobs: number;
  tokenIds: boolean;
}

export function parseChatRequest(json: unknown, limits: RequestLimits): ChatRequest {
  const fail = (field: string, reason: string): never => {
    throw new LogitlabError(reason, { context: "request", field });
  };
  if (json === null || typeof json !== "object" || Array.isArray(json)) fail("(body)", "is not a JSON object");
  const body = json as Record<string, unknown>;
  if (body.model !== undefined && typeof body.model !== "string") fail("model", "is not a string");
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > 1024) fail("messages", "is not a list of 1 to 1,024 messages");
  const parsed = (messages as unknown[]).map((m, i) => {
    const at = `messages[${i}]`;
    if (m === null || typeof m !== "object") fail(at, "is not an object with role and content");
    const { role, content } = m as Record<string, unknown>;
    if (typeof role !== "string" || role.length === 0 || role.length > 64) fail(`${at}.role`, "is not a role name");
    let text: string;
    if (typeof content === "string") text = content;
    else if (content === null || content === undefined) text = "";
    else if (Array.isArray(content) && content.every((p) => p !== null && typeof p === "object" && (p as { type?: unknown }).type === "text" && typeof (p as { text?: unknown }).text === "string")) {
      text = content.map((p) => (p as { text: string }).text).join("");
    } else return fail(`${at}.content`, "is not a text or a list of {type: \"text\", text} parts");
    return { role: role as string, content: text };
  });
  const logprobs = body.logprobs ?? false;
  if (typeof logprobs !== "boolean") fail("logprobs", "is not true or false");
  const top = body.top_logprobs ?? 0;
  if (!(Number.isInteger(top) && (top as number) >= 0 && (top as number) <= limits.maxLogprobs)) fail("top_logprobs", `${JSON.stringify(top)?.slice(0, 40)} is not an integer in 0..${limits.maxLogprobs} (the server's --max-logprobs)`);
  if ((top as number) > 0 && !logprobs) fail("top_logprobs", "needs logprobs: true");
  const tokenIds = body.return_tokens_as_token_ids ?? false;
  if (typeof tokenIds !== "boolean") fail("return_tokens_as_token_ids", "is not true or false");
  return {
    ...(typeof body.model === "string" ? { model: body.model } : {}),
    messages: parsed,
    logprobs: logprobs as boolean,
    topLogprobs: top as number,
    tokenIds: tokenIds as boolean,
    ...parseSamplingFields(body, limits.contextLength),
  };
}
