// Model runtime: Hugging Face checkpoints on TensorFlow.js.

// Checkpoint files: validated safetensors reading and writing, sharded checkpoints.
export { openSafetensors } from "./safetensors.js";
export type { SafetensorsEntry, SafetensorsFile, SafetensorsOptions } from "./safetensors.js";
export { writeSafetensors } from "./writeSafetensors.js";
export type { TensorToWrite } from "./writeSafetensors.js";
export { openCheckpoint } from "./openCheckpoint.js";
export type { Checkpoint } from "./openCheckpoint.js";

// Loading: config + weights + tokenizer → CausalLM.
export { loadModel, SUPPORTED_ARCHITECTURES } from "./load.js";
export { CausalLM } from "./causalLM.js";
export type { ModelSource } from "./causalLM.js";
export type { ModelConfig, ForwardOptions, ForwardResult, KVCache, Architecture, RunContext, Family } from "./types.js";
export { loadTokenizer } from "./tokenizer.js";
export type { Tokenizer, TokenizedText } from "./tokenizer.js";
export { unsafeRegex } from "./unsafeRegex.js";

// Families (config parsing, weight table, ignored buffers, constructor; one file each) and their registry.
export { FAMILIES } from "./families/families.js";
export { gpt2Family } from "./families/gpt2.js";
export { llamaFamily } from "./families/llama.js";
export { configNumber, CONFIG_LIMITS } from "./families/configNumber.js";
export type { ConfigNumberKind } from "./families/configNumber.js";

// Activation-cache keys (TransformerLens names).
export { hookNames } from "./hookNames.js";

// Architectures (one file each) and their weight tables.
export { createGPT2 } from "./gpt2.js";
export { createLlama } from "./llama.js";
export { attend } from "./attend.js";
export { makeArchitecture } from "./makeArchitecture.js";
export { gpt2Weights } from "./weights/gpt2Weights.js";
export { llamaWeights } from "./weights/llamaWeights.js";
export { loadWeights } from "./weights/loadWeights.js";
export type { WeightSpec } from "./weights/loadWeights.js";

// Decoding and attribution.
export { generate } from "./generate.js";
export type { GenerateOptions, GenerationStep, GenerationResult } from "./generate.js";
export { samplingDistribution } from "./samplingDistribution.js";
export { drawToken } from "./drawToken.js";
export { generateSettings } from "./generateSettings.js";
export type { GenerateSettings } from "./generateSettings.js";
export type { SamplingSettings, SamplingDistribution } from "./samplingDistribution.js";
export { endOfSequenceIds } from "./endOfSequenceIds.js";
export type { EndOfSequenceSources } from "./endOfSequenceIds.js";
export { saliency } from "./saliency.js";
export { registerGradients } from "./registerGradients.js";
export type { SaliencyResult } from "./saliency.js";

// Interpretability: the logit lens (every layer's residual stream through the final norm and head).
export { logitLens } from "./logitLens.js";
export type { LogitLensResult } from "./logitLens.js";
