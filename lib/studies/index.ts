// Studies: one folder each; re-exported here by topic.
// Stability: a reference run's token probabilities against a check run's.
export * from "./stability/index.js";
// Prompting: answer extraction (strict as the original, robust) and gold parsing.
export * from "./prompting/index.js";
