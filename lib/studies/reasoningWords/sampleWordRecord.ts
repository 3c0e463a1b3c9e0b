import { findOccurrences } from "./findOccurrences.js";
import { occurrenceProbabilities } from "./occurrenceProbabilities.js";
import { propensity } from "./propensity.js";
import type { NextLogProbs, PropensityMode, WordVariants } from "./types.js";

/** One word's record on one answer. */
export interface WordRecord {
  word: string;
  /** Exact chain-rule propensity at every answer token (absent in "firstTokenOnly" runs). */
  exact?: number[];
  /** First-token-only propensity (an approximation, an upper bound of the exact value) at every answer token. */
  firstToken: number[];
  /** Whole-word occurrences: `start` in answer tokens, `length` in tokens, the spelling that matched, the model's probability of it there. */
  occurrences: { start: number; length: number; spelling: string; probability: number }[];
}

/** The study's per-answer record for one model. */
export interface SampleWordRecord {
  /** Index of the sample among the data's valid rows. */
  sample: number;
  /** Answer token ids. */
  tokens: number[];
  /** entropies[i]: entropy (nats) of the distribution answer token i was drawn from (row start + i − 1); NaN when unknown. */
  entropies: number[];
  /** tokenLogProbs[i]: log p(answer token i | everything before it). */
  tokenLogProbs: number[];
  words: WordRecord[];
}

/** What a scorer gives for one prompt + answer (`sequenceBranches` on tfjs, `engineSequenceScores` elsewhere). */
export interface SequenceScoreSource {
  entropies: ArrayLike<number>;
  nextTokenLogProbs: ArrayLike<number>;
  nextLogProbs: NextLogProbs;
}

/**
 * sampleWordRecord: one answer's record from a scorer's rows — for answer token i at index
 * t = start + i, everything from the distribution after ids[<t] (row t − 1: the t − 1 alignment):
 * entropy, the token's log-probability, each word's propensity (exact, unless `mode` is
 * "firstTokenOnly", and always the first-token-only approximation, which costs nothing more), and each
 * whole-word occurrence with its chain-rule probability (`findOccurrences` with the boundary rule on
 * `pieceTexts`, `occurrenceProbabilities`). Bare (no leading space) variants count towards propensity
 * only where a word may start (the answer's first token, or after a token ending in a non-word character).
 *
 * Type: (source, ids [N], start, words, pieceTexts [N], mode, sample index) → {@link SampleWordRecord}.
 *
 * @example
 * const uniform = { entropies: [Math.log(4), Math.log(4)], nextTokenLogProbs: [Math.log(0.25)], nextLogProbs: (rs) => rs.map((r) => r.ids.map(() => Math.log(0.25))) };
 * const so = { word: "so", variants: [{ spelling: " so", ids: [3], tokens: ["Ġso"], leadingSpace: true }], dropped: [] };
 * const record = sampleWordRecord(uniform, [1, 3], 1, [so], ["1", " so"], "exact", 0);
 * [record.words[0].exact, record.words[0].occurrences[0].probability]
 * // => [[0.25], 0.25]
 */
export function sampleWordRecord(
  source: SequenceScoreSource,
  ids: readonly number[],
  start: number,
  words: readonly WordVariants[],
  pieceTexts: readonly string[],
  mode: PropensityMode,
  sample: number,
): SampleWordRecord {
  const N = ids.length;
  const nonWordEnd = (text: string): boolean => text.length === 0 || !/[\p{L}\p{N}\p{M}]/u.test(text.slice(-1));
  const wordStart = (t: number) => t === start || nonWordEnd(pieceTexts[t - 1]);
  const positions = Array.from({ length: N - start }, (_, i) => start + i);
  return {
    sample,
    tokens: ids.slice(start),
    entropies: Array.from(source.entropies).slice(start - 1, N - 1),
    tokenLogProbs: Array.from(source.nextTokenLogProbs).slice(start - 1),
    words: words.map(({ word, variants }) => {
      const found = findOccurrences(ids, variants, { from: start, pieceTexts: [...pieceTexts] });
      const firstToken = propensity(ids, positions, variants, source.nextLogProbs, { mode: "firstTokenOnly", wordStart }).probabilities;
      const exact = mode === "exact" ? propensity(ids, positions, variants, source.nextLogProbs, { mode, wordStart }).probabilities : undefined;
      return {
        word,
        ...(exact ? { exact } : {}),
        firstToken,
        occurrences: occurrenceProbabilities(source.nextTokenLogProbs, found).map((o) => ({ start: o.start - start, length: o.variant.ids.length, spelling: o.variant.spelling, probability: o.probability })),
      };
    }),
  };
}
