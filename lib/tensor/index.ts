// Tensor ops on [T, V] logits and [V, D] embeddings (one op per file).
export {};
