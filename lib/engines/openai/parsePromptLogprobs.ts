/**
 * parsePromptLogprobs: the teacher-forced rows in vLLM's `prompt_logprobs` (a vLLM extension of
 * `/v1/completions`, the `choices[i].prompt_logprobs` field): a list as long as the prompt whose first
 * entry is null (nothing predicts the first token), then at position t an object keyed by token id
 * strings, `{"464": {"logprob": -1.2, "rank": 1, "decoded_token": "The"}, …}`, holding the top-N of the
 * distribution that predicts prompt token t, plus that prompt token itself (with its rank) when it is
 * outside the top-N. Returns one entry per prompt position: null at 0, then a "top" row (`topRow`) cut
 * to the `n` best (by rank where given) with the prompt token as `chosen` when it is outside them.
 *
 * Rejected, one line each naming the field: not a list, a length other than the prompt's, a non-null
 * first entry, a key that is not a token id, a value without a log-probability.
 *
 * @example
 * const rows = parsePromptLogprobs([null, { "5": { logprob: -0.1, rank: 1 }, "9": { logprob: -3, rank: 4 } }], [1, 9], 2, "u");
 * [rows[0], Array.from(rows[1].ids), rows[1].chosen]
 * // => [null, [5], {"id": 9, "logProb": -3}]
 */
import type { EngineRow } from "../Engine.js";
import { parseLogprobValue } from "./parseLogprobValue.js";
import { responseError } from "./responseError.js";
import { topRow } from "./topRow.js";

export function parsePromptLogprobs(value: unknown, promptIds: readonly number[], n: number, endpoint: string, field = "choices[0].prompt_logprobs"): ((EngineRow & { kind: "top" }) | null)[] {
  if (!Array.isArray(value)) throw responseError(endpoint, field, "is not a list (does the server support prompt_logprobs? vLLM does)");
  if (value.length !== promptIds.length) throw responseError(endpoint, field, `has ${value.length} entries for a prompt of ${promptIds.length} tokens`);
  if (value.length > 0 && value[0] !== null) throw responseError(endpoint, `${field}[0]`, "is not null (the first prompt token has no prediction)");
  return value.map((entry: unknown, t) => {
    if (t === 0) return null;
    const at = `${field}[${t}]`;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw responseError(endpoint, at, "is not an object of token id → {logprob, rank}");
    const entries = Object.entries(entry as Record<string, unknown>).map(([key, info]) => {
      if (!/^\d{1,15}$/.test(key)) throw responseError(endpoint, at, `key ${JSON.stringify(key.slice(0, 40))} is not a token id`);
      if (info === null || typeof info !== "object") throw responseError(endpoint, `${at}.${key}`, "is not an object with a logprob");
      const record = info as { logprob?: unknown; rank?: unknown };
      const logProb = parseLogprobValue(record.logprob, endpoint, `${at}.${key}.logprob`);
      const rank = record.rank;
      if (rank !== undefined && rank !== null && !(Number.isInteger(rank) && (rank as number) >= 1)) {
        throw responseError(endpoint, `${at}.${key}.rank`, `${JSON.stringify(rank)} is not a rank (an integer ≥ 1)`);
      }
      return { id: Number(key), logProb, rank: typeof rank === "number" ? rank : undefined };
    });
    // Entries whose rank says they are outside the top-N (vLLM's added prompt token) never enter the list.
    const inTop = entries.filter((e) => e.rank === undefined || e.rank <= n);
    const row = topRow(inTop, n, promptIds[t]);
    if (row.chosen === undefined && !Array.prototype.includes.call(row.ids, promptIds[t])) {
      const extra = entries.find((e) => e.id === promptIds[t]);
      if (extra) row.chosen = { id: extra.id, logProb: extra.logProb };
    }
    return row;
  });
}
