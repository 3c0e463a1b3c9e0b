// Atomic writes: every result file goes through these.
export { writeFileAtomic, writeFileAtomicSync } from "./atomicWrite.js";
// NumPy .npy arrays (float32).
export { writeNpy } from "./writeNpy.js";
// The canonical per-step record every producer emits.
export type { StepRecord, StepTop } from "./stepRecord.js";
// GGUF writer and the Hugging Face checkpoint → GGUF conversion (for llama.cpp).
export * from "./gguf/index.js";
