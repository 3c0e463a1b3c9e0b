/**
 * logitlab: tensor ops, statistics, models, I/O and figures for studying LLM token distributions.
 * Import everything from the package name: `import { ready, entropy, pearson } from "logitlab"`.
 */
// Backend: pick and report the TensorFlow.js backend; `tf` is the one tfjs-core instance to use.
export * from "./backend/index.js";
// Errors and shared utilities.
export * from "./util/index.js";
