// The stability study: a reference run's token probabilities against a check run's.
// The study object (what the CLI, reproduce and the notebook drive).
export { stabilityStudy } from "./stabilityStudy.js";
// Settings and files.
export { stabilityOptions } from "./stabilityOptions.js";
export { resolveStabilityConfig } from "./resolveStabilityConfig.js";
export type { StabilityConfig, StabilityConfigInput } from "./resolveStabilityConfig.js";
export { discoverStabilityPairs } from "./discoverStabilityPairs.js";
export { parseRunFile } from "./parseRunFile.js";
export { fastParseRunFile } from "./fastParseRunFile.js";
export { runStep } from "./runStep.js";
export { sortTopK } from "./sortTopK.js";
export { RunFileReader } from "./RunFileReader.js";
export { repeatedTopKId } from "./repeatedTopKId.js";
// Metrics: per step, per pair, folded over pairs.
export { compareStep } from "./compareStep.js";
export { comparePair } from "./comparePair.js";
export { StabilityAccumulator } from "./StabilityAccumulator.js";
export type { PairMetrics, StabilityMetrics } from "./StabilityAccumulator.js";
export { analyzeStability } from "./analyzeStability.js";
export { noComparisonCause } from "./noComparisonCause.js";
export type { StabilityAnalysis, StabilityAnalysisOptions } from "./analyzeStability.js";
// Outputs: tables and figures (the same builders for the CLI and the notebook).
export { formatStabilityMarkdown } from "./formatStabilityMarkdown.js";
export { stabilityTableRows } from "./stabilityTableRows.js";
export { perFileRows } from "./perFileRows.js";
export { perFileCsv } from "./perFileCsv.js";
export { PerStepCsvWriter } from "./PerStepCsvWriter.js";
export { stabilityFigures } from "./figures.js";
// End to end.
export { runStability } from "./runStability.js";
export type { StabilityResult, StabilityRunOptions } from "./runStability.js";
export type * from "./types.js";
