// The reasoning-words study's library core: which words, how each tokenizer spells them, where they
// occur, the probability the model gave them, and their propensity at every position.
// Words and their spellings.
export { reasoningTargetWords } from "./reasoningTargetWords.js";
export { wordVariants } from "./wordVariants.js";
export { spellWords } from "./spellWords.js";
export type { SpelledWords } from "./spellWords.js";
export { tokenPieceTexts } from "./tokenPieceTexts.js";
export { findOccurrences } from "./findOccurrences.js";
export type { FindOccurrencesOptions } from "./findOccurrences.js";
// Word-level probabilities.
export { occurrenceProbabilities } from "./occurrenceProbabilities.js";
export type { OccurrenceProbability } from "./occurrenceProbabilities.js";
export { propensity } from "./propensity.js";
export type { PropensityOptions, PropensityResult } from "./propensity.js";
export { sequenceBranches } from "./sequenceBranches.js";
export type { SequenceBranches } from "./sequenceBranches.js";
// Forking positions.
export { forkingPositions } from "./forkingPositions.js";
export type { ForkingPositions } from "./forkingPositions.js";
export { forkingSplit } from "./forkingSplit.js";
export type { GroupMean } from "./forkingSplit.js";
export type * from "./types.js";
// One answer, end to end.
export { scoreAnswerWords } from "./scoreAnswerWords.js";
export type { AnswerWordResult, AnswerWordScores } from "./scoreAnswerWords.js";
