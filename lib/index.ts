/**
 * logitlab: tensor ops, statistics, models, I/O and figures for studying LLM token distributions.
 * Import everything from the package name: `import { ready, entropy, pearson } from "logitlab"`.
 */
// Backend: pick and report the TensorFlow.js backend; `tf` is the one tfjs-core instance to use.
export * from "./backend/index.js";
// Errors and shared utilities.
export * from "./util/index.js";
// Readers and writers; atomic writes.
export * from "./io/index.js";
// Tensor ops on logits and embeddings.
export * from "./tensor/index.js";
// Statistics.
export * from "./stats/index.js";
// Model runtime.
export * from "./models/index.js";
// Engines: tfjs, llama.cpp, OpenAI-compatible servers and dumps behind one interface.
export * from "./engines/index.js";
// `logitlab serve`: an engine's model behind an OpenAI-compatible API.
export * from "./serve/index.js";
// Interpretability: attention, saliency, probes, projections.
export * from "./interpret/index.js";
// Figures and tables.
export * from "./plot/index.js";
// Studies.
export * from "./studies/index.js";
// The local interpretability app.
export * from "./app/index.js";
