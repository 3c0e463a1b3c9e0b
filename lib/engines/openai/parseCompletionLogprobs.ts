/**
 * parseCompletionLogprobs: the `choices[i].logprobs` object of a `/v1/completions` response (the legacy
 * OpenAI shape that vLLM, SGLang and `logitlab serve` return): `tokens` (strings; vLLM's
 * `"token_id:123"` with `return_tokens_as_token_ids`), `token_logprobs` (number, or null for an echoed
 * first prompt token), `top_logprobs` (per token an object of token string → log-probability, or null)
 * and `text_offset`. Returns the token ids and, per token, the "top" row (`topRow`, cut to `n`, the
 * token itself as `chosen` when the server added it beyond the top-N) or null.
 *
 * Token strings become ids with `tokenIdOf` (`lookup` for servers without token ids). Rejected, one
 * line naming the field: a missing or mismatched list, a token whose id is unknown, a log-probability
 * that is not a finite number ≤ 0, two strings of one object that name the same id.
 *
 * @example
 * const parsed = parseCompletionLogprobs({ tokens: ["token_id:5"], token_logprobs: [-0.2], top_logprobs: [{ "token_id:5": -0.2, "token_id:8": -1.9 }], text_offset: [0] }, 20, "u");
 * [parsed.ids, Array.from(parsed.rows[0].ids)]
 * // => [[5], [5, 8]]
 */
import type { EngineRow } from "../Engine.js";
import { parseLogprobValue } from "./parseLogprobValue.js";
import { responseError } from "./responseError.js";
import { tokenIdOf } from "./tokenIdOf.js";
import { topRow } from "./topRow.js";

export interface ParsedCompletionLogprobs {
  ids: number[];
  /** Log-probability of each token (null where the server gave none). */
  logProbs: (number | null)[];
  rows: ((EngineRow & { kind: "top" }) | null)[];
}

export function parseCompletionLogprobs(value: unknown, n: number, endpoint: string, lookup?: (token: string) => number | undefined, field = "choices[0].logprobs"): ParsedCompletionLogprobs {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw responseError(endpoint, field, "is not an object (did the request ask for logprobs?)");
  const { tokens, token_logprobs: tokenLogprobs, top_logprobs: topLogprobs, text_offset: textOffset } = value as Record<string, unknown>;
  if (!Array.isArray(tokens)) throw responseError(endpoint, `${field}.tokens`, "is not a list");
  const list = (name: string, v: unknown): unknown[] => {
    if (!Array.isArray(v) || v.length !== tokens.length) throw responseError(endpoint, `${field}.${name}`, `is not a list of ${tokens.length} entries (one per token)`);
    return v;
  };
  const logprobList = list("token_logprobs", tokenLogprobs);
  const topList = list("top_logprobs", topLogprobs);
  if (textOffset !== undefined && textOffset !== null) {
    list("text_offset", textOffset).forEach((o, k) => {
      if (!(Number.isInteger(o) && (o as number) >= 0)) throw responseError(endpoint, `${field}.text_offset[${k}]`, `${JSON.stringify(o)} is not a character offset`);
    });
  }
  const idOf = (token: unknown, at: string): number => {
    if (typeof token !== "string") throw responseError(endpoint, at, `${JSON.stringify(token)?.slice(0, 40)} is not a token string`);
    const id = tokenIdOf(token, lookup);
    if (id === undefined) throw responseError(endpoint, at, `token ${JSON.stringify(token.slice(0, 40))} has no known id; ask vLLM for return_tokens_as_token_ids or give the model's tokenizer folder`);
    return id;
  };
  const ids = tokens.map((token, k) => idOf(token, `${field}.tokens[${k}]`));
  const logProbs = logprobList.map((v, k) => (v === null ? null : parseLogprobValue(v, endpoint, `${field}.token_logprobs[${k}]`)));
  const rows = topList.map((top, k) => {
    if (top === null) return null;
    const at = `${field}.top_logprobs[${k}]`;
    if (typeof top !== "object" || Array.isArray(top)) throw responseError(endpoint, at, "is not an object of token → logprob");
    const seen = new Set<number>();
    const entries = Object.entries(top as Record<string, unknown>).map(([token, lp]) => {
      const id = idOf(token, at);
      if (seen.has(id)) throw responseError(endpoint, at, `two entries name token id ${id}`);
      seen.add(id);
      return { id, logProb: parseLogprobValue(lp, endpoint, `${at}[${JSON.stringify(token.slice(0, 40))}]`) };
    });
    return topRow(entries, n, ids[k]);
  });
  return { ids, logProbs, rows };
}
