/**
 * Types of the reasoning-words study: a word's spelling variants, where they occur, and the
 * callback that gives next-token log-probabilities after a prefix.
 */

/** One way a tokenizer spells a whole word: a spelling (e.g. " Wait") and its token ids. */
export interface WordVariant {
  /** The text the ids stand for, with its leading space if it has one (" Wait", "wait"). */
  spelling: string;
  /** Token ids of the spelling in running text (one or several). */
  ids: number[];
  /** Vocabulary strings of the ids ("ĠWait", "▁Wait", "h" + "mm"). */
  tokens: string[];
  /** True for the variants that begin with a space (the "Ġ" / "▁" marker): they start a word wherever they stand. */
  leadingSpace: boolean;
}

/** A spelling that could not be turned into ids, and why. */
export interface DroppedSpelling {
  spelling: string;
  reason: string;
}

/** Every spelling variant of one word in one tokenizer. */
export interface WordVariants {
  word: string;
  /** Distinct id sequences, in the order: " word", " Word", "word", "Word" (duplicates removed). */
  variants: WordVariant[];
  /** Spellings that gave no clean id sequence (an unknown token, or ids that do not decode back). */
  dropped: DroppedSpelling[];
}

/** Where one variant of a word occurs in a token sequence. */
export interface WordOccurrence {
  /** Index (in the sequence passed in) of the variant's first token. */
  start: number;
  /** The variant that matched. */
  variant: WordVariant;
}

/** One question to a model: the log-probabilities of `ids` as the token after `prefix`. */
export interface NextLogProbsRequest {
  prefix: readonly number[];
  ids: readonly number[];
}

/**
 * Next-token log-probabilities after prefixes, answered in a batch: `nextLogProbs(requests)[r][k]` is
 * log p(requests[r].ids[k] | requests[r].prefix) under the model, over the full vocabulary's softmax.
 */
export type NextLogProbs = (requests: readonly NextLogProbsRequest[]) => ArrayLike<number>[];

/** "exact": the chain rule over every token of every variant; "firstTokenOnly": the first token's probability only (cheaper, an approximation). */
export type PropensityMode = "exact" | "firstTokenOnly";

/**
 * The tokenizer calls the word functions need (lib/models `Tokenizer` has them; an engine's tokenizer
 * is adapted by `engineWordTokenizer`).
 */
export interface WordTokenizer {
  encode(text: string, options?: { addSpecialTokens?: boolean }): { ids: number[] };
  decode(ids: number[]): string;
  idToToken(id: number): string | undefined;
  /** Ids of special tokens (a spelling that encodes to one is dropped). */
  specialIds: ReadonlySet<number>;
}
