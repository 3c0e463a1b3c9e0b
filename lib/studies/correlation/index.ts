// The correlation study (issue #10, study A): entropy of the top-p nucleus vs the mean pairwise cosine
// of its tokens' input embeddings.
// Data: prompt datasets in the Hugging Face layouts.
export { readPromptDataset } from "./readPromptDataset.js";
export type { ReadPromptDatasetOptions } from "./readPromptDataset.js";
export { promptText, XSUM_INSTRUCTION } from "./promptText.js";
export type { PromptDataset, PromptDatasetKind, PromptItem } from "./types.js";
