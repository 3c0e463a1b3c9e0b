// The token-predictions study: how probable each model found every token of a text.
// The study object (what the CLI, reproduce and the notebook drive).
export { predictionsStudy, predictionsPearson, predictionsSummary } from "./predictionsStudy.js";
// Settings.
export { predictionsOptions } from "./predictionsOptions.js";
export { resolvePredictionsConfig } from "./resolvePredictionsConfig.js";
export type { PredictionsConfig, PredictionsConfigInput } from "./resolvePredictionsConfig.js";
// Analysis: per-token log p, rank and entropy.
export { scoreTokens } from "./scoreTokens.js";
export type { TokenScores } from "./scoreTokens.js";
export { scoreEngineTokens } from "./scoreEngineTokens.js";
export { analyzePredictions } from "./analyzePredictions.js";
export type { PredictionsAnalysis, ModelPredictions } from "./analyzePredictions.js";
export { rankBucket, RANK_BUCKETS } from "./rankBucket.js";
export { minMaxScale } from "./minMaxScale.js";
export { disagreementRows } from "./disagreementRows.js";
export type { DisagreementRow } from "./disagreementRows.js";
// Outputs: table and figures.
export { predictionRows, uniqueNames } from "./predictionRows.js";
export { predictionsFigures } from "./figures.js";
export type { PredictionsFigureData } from "./figures.js";
