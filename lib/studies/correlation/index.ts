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
// The study: settings, run, analysis, tables, figures.
export { correlationStudy } from "./correlationStudy.js";
export { CORRELATION_DEFAULTS } from "./correlationDefaults.js";
export { correlationOptions } from "./correlationOptions.js";
export { resolveCorrelationConfig } from "./resolveCorrelationConfig.js";
export type { CorrelationConfig, CorrelationConfigInput } from "./resolveCorrelationConfig.js";
export { runCorrelation, stepRow, STEP_COLUMNS } from "./runCorrelation.js";
export type { CorrelationResult, CorrelationCell, CellPrompt, CellStep } from "./runCorrelation.js";
export { stepsParquet } from "./stepsParquet.js";
export { analyzeCell } from "./analyzeCell.js";
export type { CellAnalysis, CellFit, CellPoint } from "./analyzeCell.js";
export { correlationStats } from "./correlationStats.js";
export type { CorrelationStats } from "./correlationStats.js";
export { correlationTables } from "./correlationTables.js";
export type { CorrelationTables } from "./correlationTables.js";
export { correlationFigures } from "./figures.js";
export type { CorrelationFigureData } from "./figures.js";
export { PUBLISHED_CORRELATION, PUBLISHED_FIT_RANGES } from "./publishedBaseline.js";
