// Studies: one folder each, one `Study` object each; re-exported here by topic.
// The contract every study keeps, and the generic pieces that drive it.
export type { Study, StudyOption, StudyOptionType, StudySwitch, StudyContext, StudyFile, StudyReport } from "./Study.js";
export type { StudyProvenance } from "./StudyProvenance.js";
export { resolveStudySettings } from "./resolveStudySettings.js";
export { engineStudyOptions } from "./engineStudyOptions.js";
export { engineStudySettings } from "./engineStudySettings.js";
export type { EngineStudySettings } from "./engineStudySettings.js";
export { runStudy } from "./runStudy.js";
export type { RunStudyOptions, StudyRun } from "./runStudy.js";
// Stability: a reference run's token probabilities against a check run's.
export * from "./stability/index.js";
// Prompting: answer extraction (strict as the original, robust) and gold parsing.
export * from "./prompting/index.js";
// Reasoning words: word → token variants, chain-rule occurrence probability and propensity, forking positions.
export * from "./reasoningWords/index.js";
// Token predictions: per-token log p, rank and entropy of one text under several models.
export * from "./predictions/index.js";
// Correlation: nucleus entropy vs nucleus cosine (issue #10, study A).
export * from "./correlation/index.js";
// Interpretability: next-token distribution, attention, saliency and logit lens of one text; its page.
export * from "./interpret/index.js";
