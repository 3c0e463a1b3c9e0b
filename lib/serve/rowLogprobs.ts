/**
 * rowLogprobs: what an OpenAI-compatible answer reports about one engine row — the log-probability of a
 * token, the top-n tokens with theirs, and a token's rank (1 = most likely) — computed on the host in
 * float64. A full row of logits z gives log p_v = z_v − max − log Σ e^(z − max) (temperature 1, the raw
 * distribution, as vLLM reports by default); ties in the top-n are broken by ascending id (the
 * StepRecord order); rank(v) = 1 + the number of tokens with a strictly larger logit. A truncated "top"
 * row answers from its list (and its `chosen` entry); what it does not list is undefined.
 *
 * @example
 * const lp = rowLogprobs({ kind: "logits", logits: Float32Array.from([0, 2, 2, -1]) });
 * [lp.top(2).map((e) => e.id), lp.rank(0), Math.exp(lp.logProb(1)) > 0.4]
 * // => [[1, 2], 3, true]
 */
import type { EngineRow } from "../engines/Engine.js";

export interface RowLogprobs {
  /** log p of `id`; undefined when the row does not know it. */
  logProb(id: number): number | undefined;
  /** The n most likely tokens, descending (ties: ascending id). */
  top(n: number): { id: number; logProb: number }[];
  /** 1-based rank of `id`; undefined when unknown. */
  rank(id: number): number | undefined;
}

export function rowLogprobs(row: EngineRow): RowLogprobs {
  if (row.kind === "top") {
    const at = (id: number) => Array.prototype.indexOf.call(row.ids, id) as number;
    return {
      logProb: (id) => (at(id) >= 0 ? row.logProbs[at(id)] : row.chosen?.id === id ? row.chosen.logProb : undefined),
      top: (n) => Array.from(row.ids.subarray(0, n), (id, i) => ({ id, logProb: row.logProbs[i] })),
      rank: (id) => (at(id) >= 0 ? at(id) + 1 : undefined),
    };
  }
  const z = row.logits;
  let max = -Infinity;
  for (let v = 0; v < z.length; v++) if (z[v] > max) max = z[v];
  let sum = 0;
  for (let v = 0; v < z.length; v++) sum += Math.exp(z[v] - max);
  const shift = max + Math.log(sum);
  const valid = (id: number) => Number.isInteger(id) && id >= 0 && id < z.length;
  return {
    logProb: (id) => (valid(id) ? z[id] - shift : undefined),
    top(n) {
      // Insertion into a sorted list of at most n: O(V) when most logits fall below the n-th.
      const ids: number[] = [];
      const k = Math.min(n, z.length);
      for (let v = 0; v < z.length && k > 0; v++) {
        const value = z[v];
        if (ids.length === k && !(value > z[ids[k - 1]])) continue;
        let i = ids.length === k ? k - 1 : ids.length;
        while (i > 0 && value > z[ids[i - 1]]) i--;
        ids.splice(i, 0, v);
        if (ids.length > k) ids.pop();
      }
      return ids.map((id) => ({ id, logProb: z[id] - shift }));
    },
    rank(id) {
      if (!valid(id)) return undefined;
      let above = 0;
      for (let v = 0; v < z.length; v++) if (z[v] > z[id]) above++;
      return above + 1;
    },
  };
}
