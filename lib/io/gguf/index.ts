// GGUF (llama.cpp's model file): the writer, the Hugging Face → GGUF conversion and its parts.
export { writeGguf } from "./writeGguf.js";
export type { GgufContents, GgufMetadataEntry, GgufTensorSpec } from "./writeGguf.js";
export { float32ToFloat16 } from "./float32ToFloat16.js";
export { ggufTensorPlan } from "./ggufTensorPlan.js";
export type { GgufTensorPlan, PlannedTensor } from "./ggufTensorPlan.js";
export { ggufTokenizerMetadata } from "./ggufTokenizerMetadata.js";
export { convertToGguf } from "./convertToGguf.js";
export type { ConvertToGgufOptions, ConvertToGgufResult } from "./convertToGguf.js";
