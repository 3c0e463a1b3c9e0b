import { LogitlabError } from "../../util/errors.js";
import type { WordOccurrence, WordVariant } from "./types.js";

/** Options of {@link findOccurrences}. */
export interface FindOccurrencesOptions {
  /** Index of the answer's first token: matches start here or later (default 0). */
  from?: number;
  /**
   * The text of every token in running text (`tokenPieceTexts(tokenizer, ids)`), for the word-boundary
   * rule. Without it, words are id sequences and every exact id match counts.
   */
  pieceTexts?: readonly string[];
}

/** Letters, digits and combining marks continue a word; anything else (space, punctuation, "\n") ends it. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * findOccurrences: where a word's variants occur, as whole words, in a token sequence.
 *
 * A variant with ids v₀…v_{k−1} occurs at index j when ids[j + i] = v_i for every i < k, j ≥ `from`,
 * and (with `pieceTexts`) the word-boundary rule holds:
 * - start: the variant has a leading space ("Ġ" / "▁"), or j = `from` (the answer's first token), or
 *   the previous token's text ends with a non-word character (space, punctuation, "\n"), so "Wait"
 *   counts after "\n" but "wait" inside "await" does not;
 * - end: j + k is the end of the sequence, or the next token's text starts with a non-word character,
 *   so " wait" followed by "ing" is not the word "wait".
 * Word characters are letters, digits and combining marks (\p{L}\p{N}\p{M}). Only the tokenizer's own
 * spelling of a variant matches (a model that wrote "wa" + "it" is not found). Scanning is left to
 * right; where several variants match at one index the longest is taken, and matches do not overlap.
 *
 * Type: (ids [N], variants, options) → occurrences sorted by `start`.
 * Throws LogitlabError when `pieceTexts` does not have one text per id or `from` is outside [0, N].
 *
 * @example
 * const wait = { spelling: " wait", ids: [7, 8], tokens: ["Ġwa", "it"], leadingSpace: true };
 * findOccurrences([1, 7, 8, 2, 7, 8, 9], [wait], { pieceTexts: ["A", " wa", "it", ",", " wa", "it", "ing"] }).map((o) => o.start)
 * // => [1]
 */
export function findOccurrences(ids: readonly number[], variants: readonly WordVariant[], options: FindOccurrencesOptions = {}): WordOccurrence[] {
  const from = options.from ?? 0;
  const texts = options.pieceTexts;
  if (!Number.isInteger(from) || from < 0 || from > ids.length) {
    throw new LogitlabError(`from = ${from} is not an index in [0, ${ids.length}]`, { context: "findOccurrences", field: "from" });
  }
  if (texts && texts.length !== ids.length) {
    throw new LogitlabError(`pieceTexts has ${texts.length} texts for ${ids.length} ids`, { context: "findOccurrences", field: "pieceTexts" });
  }
  variants.forEach((variant, i) => {
    if (!Array.isArray(variant?.ids) || variant.ids.length === 0) {
      throw new LogitlabError("a variant needs at least one id", { context: "findOccurrences", field: "variants", position: `variant ${i}` });
    }
  });
  const endsWord = (text: string): boolean => text.length === 0 || !WORD_CHAR.test(text.slice(-1));
  const startsWord = (text: string): boolean => text.length === 0 || !WORD_CHAR.test(text.charAt(0));
  const found: WordOccurrence[] = [];
  for (let j = from; j < ids.length; ) {
    let best: WordVariant | undefined;
    for (const variant of variants) {
      const k = variant.ids.length;
      if (j + k > ids.length || !variant.ids.every((id, i) => ids[j + i] === id)) continue;
      if (texts) {
        const startOk = variant.leadingSpace || j === from || endsWord(texts[j - 1]);
        const endOk = j + k === ids.length || startsWord(texts[j + k]);
        if (!startOk || !endOk) continue;
      }
      if (!best || k > best.ids.length) best = variant;
    }
    if (best) {
      found.push({ start: j, variant: best });
      j += best.ids.length;
    } else {
      j++;
    }
  }
  return found;
}
