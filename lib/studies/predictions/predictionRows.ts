/**
 * predictionRows: `token_logprobs.csv`, one row per token: index, token text, id, and per model its
 * log-probability (nats), rank and entropy (nats) of the prediction made at t − 1, in columns
 * `<model>_logprob`, `<model>_rank`, `<model>_entropy`. The first token has no prediction: empty
 * fields (NaN is written as a missing value, not as `nan`).
 *
 * Type: PredictionsAnalysis-like → { rows, columns }.
 *
 * @example
 * const scores = { logProbs: [NaN, -1.5], ranks: [NaN, 2], entropy: [NaN, 0.7] };
 * predictionRows({ ids: [5, 6], tokens: ["a", " b"], models: [{ name: "m", ...scores }] }).rows[1]
 * // => { "index": 1, "token": " b", "id": 6, "m_logprob": -1.5, "m_rank": 2, "m_entropy": 0.7 }
 */
export interface PredictionRowsInput {
  ids: readonly number[];
  tokens: readonly string[];
  models: readonly { name: string; logProbs: ArrayLike<number>; ranks: ArrayLike<number>; entropy: ArrayLike<number> }[];
}

export function predictionRows(input: PredictionRowsInput): { rows: Record<string, unknown>[]; columns: string[] } {
  const names = uniqueNames(input.models.map((m) => m.name));
  const columns = ["index", "token", "id", ...names.flatMap((n) => [`${n}_logprob`, `${n}_rank`, `${n}_entropy`])];
  const value = (x: number) => (Number.isNaN(x) ? null : x);
  const rows = input.ids.map((id, t) => {
    const row: Record<string, unknown> = { index: t, token: input.tokens[t], id };
    input.models.forEach((m, k) => {
      row[`${names[k]}_logprob`] = value(m.logProbs[t]);
      row[`${names[k]}_rank`] = value(m.ranks[t]);
      row[`${names[k]}_entropy`] = value(m.entropy[t]);
    });
    return row;
  });
  return { rows, columns };
}

/**
 * uniqueNames: names made unique by a `_2`, `_3` … suffix on repeats (two folders called `model`).
 *
 * @example
 * uniqueNames(["gpt2", "model", "model"])
 * // => ["gpt2", "model", "model_2"]
 */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}
