import type { CausalLM } from "../../models/causalLM.js";
import { LogitlabError } from "../../util/errors.js";
import { findOccurrences } from "./findOccurrences.js";
import { occurrenceProbabilities, type OccurrenceProbability } from "./occurrenceProbabilities.js";
import { propensity } from "./propensity.js";
import { sequenceBranches } from "./sequenceBranches.js";
import { tokenPieceTexts } from "./tokenPieceTexts.js";
import type { PropensityMode, WordVariants } from "./types.js";

/** One word's results on one answer. */
export interface AnswerWordResult {
  word: string;
  /** propensity[i]: probability that the next word at answer token i is this word (see `mode`). */
  propensity: number[];
  /** Whole-word occurrences in the answer, `start` counted in answer tokens, with the probability the model gave each. */
  occurrences: OccurrenceProbability[];
}

/** What {@link scoreAnswerWords} returns: one entry per answer token, and per word. */
export interface AnswerWordScores {
  /** How every `propensity` was computed: "exact" (chain rule) or "firstTokenOnly" (approximation). */
  mode: PropensityMode;
  /** The answer's token ids. */
  tokens: number[];
  /** entropies[i]: entropy (nats) of the distribution answer token i was drawn from (logits one position earlier). */
  entropies: number[];
  /** tokenLogProbs[i]: log p(answer token i | everything before it). */
  tokenLogProbs: number[];
  words: AnswerWordResult[];
}

/**
 * scoreAnswerWords: the per-position record of the reasoning-words study for one answer — entropy,
 * the answer token's log-probability, each word's propensity, and each word's occurrences with the
 * probability the model gave them.
 *
 * The model runs once on prompt + answer (`sequenceBranches`); for answer token i at index t = |prompt| + i
 * everything comes from the distribution after ids[<t] (logits row t − 1): entropy H_{t−1}, log p(ids[t]),
 * propensity P_t (`propensity`, exact chain rule with cached branches, or `mode: "firstTokenOnly"`), and
 * a word occurring at t gets Π_i p(ids[t+i] | ids[<t+i]) (`occurrenceProbabilities`). When the model has
 * a tokenizer, occurrences follow the whole-word rule of `findOccurrences` on the tokens' texts, and
 * bare (no leading space) variants count towards propensity only where a word may start: the answer's
 * first token, or after a token ending in a non-word character; without one, words are id sequences.
 *
 * Type: (model, promptIds [≥ 1 token: a BOS at least], answerIds [≥ 1], words from `spellWords`, options)
 * → {@link AnswerWordScores}. Throws LogitlabError for an empty prompt or answer.
 *
 * @example
 * const model = await loadModel("data/models/tiny-gpt2-small");
 * const words = spellWords(model.requireTokenizer(), ["so"]).words;
 * const scores = scoreAnswerWords(model, model.encode("1 + 1 = 2"), model.encode(" so 2"), words);
 * [scores.mode, scores.words[0].occurrences.map((o) => o.start), scores.entropies.length]
 * // => ["exact", [0], 2]
 */
export function scoreAnswerWords(
  model: CausalLM,
  promptIds: readonly number[],
  answerIds: readonly number[],
  words: readonly WordVariants[],
  options: { mode?: PropensityMode } = {},
): AnswerWordScores {
  if (promptIds.length === 0) {
    throw new LogitlabError("the prompt is empty: the answer's first token needs a distribution before it (a BOS token at least)", { context: "scoreAnswerWords", field: "promptIds" });
  }
  if (answerIds.length === 0) throw new LogitlabError("the answer is empty", { context: "scoreAnswerWords", field: "answerIds" });
  const mode = options.mode ?? "exact";
  const ids = [...promptIds, ...answerIds];
  const start = promptIds.length;
  const N = ids.length;
  const pieceTexts = model.tokenizer ? tokenPieceTexts(model.tokenizer, ids) : undefined;
  const nonWordEnd = (text: string): boolean => text.length === 0 || !/[\p{L}\p{N}\p{M}]/u.test(text.slice(-1));
  const wordStart = pieceTexts ? (t: number) => t === start || nonWordEnd(pieceTexts[t - 1]) : undefined;
  const positions = Array.from({ length: N - start }, (_, i) => start + i);
  const branches = sequenceBranches(model, ids, words.flatMap((w) => w.variants.map((v) => v.ids[0])));
  try {
    return {
      mode,
      tokens: [...answerIds],
      entropies: branches.entropies.slice(start - 1, N - 1),
      tokenLogProbs: branches.nextTokenLogProbs.slice(start - 1),
      words: words.map(({ word, variants }) => {
        const found = findOccurrences(ids, variants, { from: start, pieceTexts });
        return {
          word,
          propensity: propensity(ids, positions, variants, branches.nextLogProbs, { mode, wordStart }).probabilities,
          occurrences: occurrenceProbabilities(branches.nextTokenLogProbs, found).map((o) => ({ ...o, start: o.start - start })),
        };
      }),
    };
  } finally {
    branches.dispose();
  }
}
