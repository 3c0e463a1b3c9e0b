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
// The study: data, prompt, scoring on any engine, judge, aggregates, figures, dashboard.
export { reasoningPrompt, REASONING_SYSTEM_LINE } from "./reasoningPrompt.js";
export { readReasoningData, REASONING_DATA_LIMITS } from "./readReasoningData.js";
export type { ReasoningSample, ReasoningData } from "./readReasoningData.js";
export { lastBoxed } from "./lastBoxed.js";
export { normalizeAnswer } from "./normalizeAnswer.js";
export { engineWordTokenizer } from "./engineWordTokenizer.js";
export { engineSequenceScores } from "./engineSequenceScores.js";
export type { EngineSequenceScores } from "./engineSequenceScores.js";
export { sampleWordRecord } from "./sampleWordRecord.js";
export type { SampleWordRecord, WordRecord, SequenceScoreSource } from "./sampleWordRecord.js";
export { scoreReasoningModel } from "./scoreReasoningModel.js";
export type { ReasoningModelScores, ScoreReasoningOptions } from "./scoreReasoningModel.js";
export { judgeModel } from "./judgeModel.js";
export type { JudgedSample, JudgeOptions } from "./judgeModel.js";
export { aggregateReasoningWords } from "./aggregateReasoningWords.js";
export type { ReasoningAggregates, WordStats, MeanStat, AggregateModelInput } from "./aggregateReasoningWords.js";
export { reasoningWordsFigures } from "./figures.js";
export type { ReasoningFigureInput } from "./figures.js";
export { reasoningDashboardHtml } from "./reasoningDashboardHtml.js";
export type { DashboardTable } from "./reasoningDashboardHtml.js";
export { perPositionRows } from "./perPositionRows.js";
export { analyzeReasoningWords } from "./analyzeReasoningWords.js";
export type { ReasoningWordsResult, ReasoningModelResult } from "./analyzeReasoningWords.js";
export { reasoningWordsOptions } from "./reasoningWordsOptions.js";
export { resolveReasoningWordsConfig } from "./resolveReasoningWordsConfig.js";
export type { ReasoningWordsConfig, ReasoningWordsConfigInput } from "./resolveReasoningWordsConfig.js";
export { reasoningWordsStudy } from "./reasoningWordsStudy.js";
