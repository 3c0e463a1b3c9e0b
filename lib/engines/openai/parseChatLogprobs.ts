/**
 * parseChatLogprobs: the `choices[i].logprobs` object of a `/v1/chat/completions` response asked with
 * `logprobs: true, top_logprobs: N`: `content` is a list, one entry per generated token,
 * `{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}, …]}`. Token ids come from an integer
 * `id` field where the server gives one (llama-server), else from the token string (`tokenIdOf`:
 * vLLM's `"token_id:123"` or `lookup`). Returns the ids, their log-probabilities and per token the
 * "top" row (`topRow`, cut to `n`; the token itself as `chosen` when listed beyond the top-N).
 *
 * Rejected, one line naming the field: `content` not a list, an entry without token or logprob, a
 * `top_logprobs` that is not a list, an unknown token, a log-probability that is not finite and ≤ 0.
 *
 * @example
 * const parsed = parseChatLogprobs({ content: [{ token: "token_id:7", logprob: -0.1, top_logprobs: [{ token: "token_id:7", logprob: -0.1 }, { token: "token_id:2", logprob: -2.5 }] }] }, 20, "u");
 * [parsed.ids, Array.from(parsed.rows[0].logProbs)]
 * // => [[7], [-0.1, -2.5]]
 */
import type { EngineRow } from "../Engine.js";
import { parseLogprobValue } from "./parseLogprobValue.js";
import { responseError } from "./responseError.js";
import { tokenIdOf } from "./tokenIdOf.js";
import { topRow } from "./topRow.js";

export interface ParsedChatLogprobs {
  ids: number[];
  logProbs: number[];
  rows: (EngineRow & { kind: "top" })[];
}

export function parseChatLogprobs(value: unknown, n: number, endpoint: string, lookup?: (token: string) => number | undefined, field = "choices[0].logprobs"): ParsedChatLogprobs {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw responseError(endpoint, field, "is not an object (did the request ask for logprobs: true?)");
  const content = (value as { content?: unknown }).content;
  if (!Array.isArray(content)) throw responseError(endpoint, `${field}.content`, "is not a list");
  const entryOf = (entry: unknown, at: string): { id: number; logProb: number } => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw responseError(endpoint, at, "is not an object with token and logprob");
    const { token, logprob, id } = entry as Record<string, unknown>;
    if (typeof token !== "string") throw responseError(endpoint, `${at}.token`, "is not a string");
    const known = Number.isInteger(id) && (id as number) >= 0 ? (id as number) : tokenIdOf(token, lookup);
    if (known === undefined) throw responseError(endpoint, `${at}.token`, `token ${JSON.stringify(token.slice(0, 40))} has no known id; ask vLLM for return_tokens_as_token_ids or give the model's tokenizer folder`);
    return { id: known, logProb: parseLogprobValue(logprob, endpoint, `${at}.logprob`) };
  };
  const ids: number[] = [];
  const logProbs: number[] = [];
  const rows = content.map((entry: unknown, k) => {
    const at = `${field}.content[${k}]`;
    const chosen = entryOf(entry, at);
    const top = (entry as { top_logprobs?: unknown }).top_logprobs;
    if (!Array.isArray(top)) throw responseError(endpoint, `${at}.top_logprobs`, "is not a list (did the request ask for top_logprobs?)");
    const seen = new Set<number>();
    const entries = top.map((t: unknown, j) => {
      const e = entryOf(t, `${at}.top_logprobs[${j}]`);
      if (seen.has(e.id)) throw responseError(endpoint, `${at}.top_logprobs[${j}]`, `token id ${e.id} is listed twice`);
      seen.add(e.id);
      return e;
    });
    if (!seen.has(chosen.id)) entries.push({ ...chosen });
    ids.push(chosen.id);
    logProbs.push(chosen.logProb);
    return topRow(entries, Math.min(n, top.length), chosen.id);
  });
  return { ids, logProbs, rows };
}
