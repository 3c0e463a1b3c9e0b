// Interpretability: attention, gradient saliency, probes and projections of a model's internals.

// Attention patterns from the activation cache, mean over heads, attention-based importance.
export { attentionPatterns } from "./attentionPatterns.js";
export type { AttentionPatterns } from "./attentionPatterns.js";

// Gradient saliency of the input tokens (the guide's logit sum; log-probability gradient norm; input × gradient).
export { tokenSaliency } from "./tokenSaliency.js";
export type { TokenSaliency } from "./tokenSaliency.js";

// Projections: PCA (ml-pca) of any rows; token embeddings projected to 3-D.
export { pcaProjection } from "./pcaProjection.js";
export type { PcaProjection } from "./pcaProjection.js";
export { embeddingProjection } from "./embeddingProjection.js";
export type { EmbeddingProjection } from "./embeddingProjection.js";

// Linear probes: L2 logistic regression (Newton / IRLS, float64) with held-out accuracy; the concept direction.
export { logisticProbe } from "./logisticProbe.js";
export type { LogisticProbe } from "./logisticProbe.js";

// Concept activation vectors (TCAV) in a chosen block's residual stream (default the last), with a random-direction t-test.
export { tcav } from "./tcav.js";
export type { TcavResult } from "./tcav.js";
export { tsneProjection } from "./tsneProjection.js";
export type { TsneProjection } from "./tsneProjection.js";
