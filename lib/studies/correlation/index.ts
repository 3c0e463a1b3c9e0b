// The correlation study (issue #10, study A): entropy of the top-p nucleus vs the mean pairwise cosine
// of its tokens' input embeddings.
// Data: prompt datasets in the Hugging Face layouts.
export { readPromptDataset } from "./readPromptDataset.js";
export type { ReadPromptDatasetOptions } from "./readPromptDataset.js";
export { promptText, XSUM_INSTRUCTION } from "./promptText.js";
export type { PromptDataset, PromptDatasetKind, PromptItem } from "./types.js";
// Per-step quantities: nucleus entropy, full entropy, nucleus cosine (host, float64), and generation.
export { stepStatistics } from "./stepStatistics.js";
export type { StepStatistics, StepStatisticsOptions } from "./stepStatistics.js";
export { meanPairwiseCosineRows } from "./meanPairwiseCosineRows.js";
export { EmbeddingRowCache } from "./EmbeddingRowCache.js";
export { generateSteps } from "./generateSteps.js";
export type { CorrelationStep, GenerateStepsOptions, GeneratedSteps } from "./generateSteps.js";
