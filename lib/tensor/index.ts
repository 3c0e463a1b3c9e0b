// Tensor ops on [T, V] logits and [V, D] embeddings (one op per file).

// Distributions: max-shift softmax and its log, entropy.
export * from "./logSoftmax.js";
export * from "./softmax.js";
export * from "./entropy.js";
// Ranking: top-k and top-p (nucleus).
export * from "./topK.js";
export * from "./nucleus.js";
export * from "./nucleusAsync.js";
// Observed tokens: log-probabilities, ranks, perplexity.
export * from "./tokenLogProbs.js";
export * from "./tokenRanks.js";
export * from "./perplexity.js";
// Embedding geometry: mean pairwise cosine, per nucleus.
export * from "./meanPairwiseCosine.js";
export * from "./nucleusCosine.js";
export * from "./nucleusCosineAsync.js";
