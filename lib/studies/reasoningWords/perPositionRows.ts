import type { TableRow } from "../../io/tableRow.js";
import type { ReasoningWordsResult } from "./analyzeReasoningWords.js";

/**
 * perPositionRows: the rows of `per_position.csv` — one per model and answer token: role, sample,
 * level, label, position, normalised position ((i + 0.5) / L), token id, entropy (nats), whether the
 * position is forking (entropy above the model's 80th percentile), log p of the token, and per word its
 * exact propensity (empty in first-token-only runs), its first-token-only propensity, and its
 * occurrence probability where an occurrence of the word starts at this token (empty elsewhere).
 *
 * Type: (result) → TableRow[] (a generator would stream them; the study holds its records anyway).
 *
 * @example
 * const record = { sample: 0, tokens: [7], entropies: [1.5], tokenLogProbs: [-0.5], words: [{ word: "so", firstToken: [0.25], occurrences: [{ start: 0, length: 1, spelling: " so", probability: 0.5 }] }] };
 * const result = { data: { samples: [{ index: 0, line: 1, query: "q", answer: "a", level: 3 }] }, aggregates: { words: ["so"], models: [{ forkingThreshold: 1 }] }, models: [{ role: "base", labels: [true], scores: { records: [record] } }] };
 * const row = perPositionRows(result)[0];
 * [row.model, row.level, row.forking, row.so_occurrence_probability, row.so_propensity_exact]
 * // => ["base", 3, true, 0.5, null]
 */
export function perPositionRows(result: Pick<ReasoningWordsResult, "data" | "aggregates" | "models">): TableRow[] {
  const rows: TableRow[] = [];
  const levelOf = new Map(result.data.samples.map((s) => [s.index, s.level]));
  result.models.forEach((model, m) => {
    const threshold = result.aggregates.models[m]?.forkingThreshold ?? null;
    for (const record of model.scores.records) {
      const L = record.tokens.length;
      const label = model.labels[record.sample];
      for (let i = 0; i < L; i++) {
        const entropy = record.entropies[i] ?? null;
        const row: Record<string, unknown> = {
          model: model.role, sample: record.sample, level: levelOf.get(record.sample) ?? null, correct: label === undefined ? null : label,
          position: i, normalized_position: (i + 0.5) / L, token_id: record.tokens[i], entropy,
          forking: threshold === null || entropy === null ? null : entropy > threshold, logprob: record.tokenLogProbs[i] ?? null,
        };
        for (const word of result.aggregates.words) {
          const w = record.words.find((x) => x.word === word);
          row[`${word}_propensity_exact`] = w?.exact ? w.exact[i] : null;
          row[`${word}_propensity_first_token`] = w ? w.firstToken[i] : null;
          row[`${word}_occurrence_probability`] = w?.occurrences.find((o) => o.start === i)?.probability ?? null;
        }
        rows.push(row);
      }
    }
  });
  return rows;
}
