// The stability study: a reference run's token probabilities against a check run's.
// Settings and files.
export { resolveStabilityConfig } from "./resolveStabilityConfig.js";
export type { StabilityConfig, StabilityConfigInput } from "./resolveStabilityConfig.js";
export { discoverStabilityPairs } from "./discoverStabilityPairs.js";
export { parseRunFile } from "./parseRunFile.js";
export { fastParseRunFile } from "./fastParseRunFile.js";
export { sortTopK } from "./sortTopK.js";
// Metrics: per step, per pair, folded over pairs.
export { compareStep } from "./compareStep.js";
export { comparePair } from "./comparePair.js";
export { StabilityAccumulator } from "./StabilityAccumulator.js";
export type { PairMetrics, StabilityMetrics } from "./StabilityAccumulator.js";
// Outputs.
export { formatStabilityMarkdown } from "./formatStabilityMarkdown.js";
export { stabilityTableRows } from "./stabilityTableRows.js";
export { formatSummaryNumber } from "./formatSummaryNumber.js";
export { perFileCsv } from "./perFileCsv.js";
export { PerStepCsvWriter } from "./PerStepCsvWriter.js";
export { csvField } from "./csvField.js";
export { numberText } from "./numberText.js";
// End to end.
export { runStability } from "./runStability.js";
export type { StabilityResult, StabilityRunOptions } from "./runStability.js";
export type * from "./types.js";
