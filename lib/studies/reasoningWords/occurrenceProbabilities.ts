import { LogitlabError } from "../../util/errors.js";
import type { WordOccurrence } from "./types.js";

/** The probability the model gave one occurrence of a word. */
export interface OccurrenceProbability extends WordOccurrence {
  /** log p of each of the variant's tokens given everything before it. */
  tokenLogProbs: number[];
  /** Σ tokenLogProbs. */
  logProb: number;
  /** exp(logProb). */
  probability: number;
}

/**
 * occurrenceProbabilities: the probability the model gave a word where it occurs — the product of
 * its tokens' conditional probabilities (chain rule), starting from the distribution one position
 * *before* the word:
 *
 *     p(word at j) = Π_{i<k} p(ids[j+i] | ids[<j+i]) = exp Σ_{i<k} nextTokenLogProbs[j − 1 + i]
 *
 * `nextTokenLogProbs[t]` = log p(ids[t+1] | ids[≤t]) is row t of the logits at the token that follows
 * it — `tokenLogProbs(logits[0..N−1), ids[1..N))`, length N − 1. The logits at the word's own index j
 * are the distribution of the token *after* it's first token, so reading them would be an off-by-one.
 *
 * Type: (nextTokenLogProbs [N − 1], occurrences with 1 ≤ start and start + k ≤ N) → one entry per occurrence.
 * Throws LogitlabError for an occurrence at index 0 (no distribution precedes the first token: put a
 * BOS or the prompt before the answer) or one running past the end.
 *
 * @example
 * const word = { spelling: " aha", ids: [5, 6], tokens: ["Ġa", "ha"], leadingSpace: true };
 * occurrenceProbabilities([Math.log(0.9), Math.log(0.5), Math.log(0.4)], [{ start: 2, variant: word }])[0].probability
 * // => 0.2
 */
export function occurrenceProbabilities(nextTokenLogProbs: ArrayLike<number>, occurrences: readonly WordOccurrence[]): OccurrenceProbability[] {
  const n = nextTokenLogProbs.length + 1;
  return occurrences.map((occurrence, o) => {
    const { start, variant } = occurrence;
    const k = variant.ids.length;
    if (!Number.isInteger(start) || start < 1 || start + k > n) {
      throw new LogitlabError(
        start === 0
          ? "a word at index 0 has no preceding distribution; score the answer after its prompt (or a BOS token)"
          : `a ${k}-token word at index ${start} runs outside the ${n} scored tokens`,
        { context: "occurrenceProbabilities", position: `occurrence ${o}` },
      );
    }
    const tokenLogProbs = Array.from({ length: k }, (_, i) => Number(nextTokenLogProbs[start - 1 + i]));
    const logProb = tokenLogProbs.reduce((a, b) => a + b, 0);
    return { start, variant, tokenLogProbs, logProb, probability: Math.exp(logProb) };
  });
}
