// Atomic writes: every result file goes through these.
export { writeFileAtomic, writeFileAtomicSync } from "./atomicWrite.js";
// NumPy .npy arrays (float32).
export { writeNpy } from "./writeNpy.js";
// The canonical per-step record every producer emits.
export type { StepRecord, StepTop } from "./stepRecord.js";
// JSON text with typed arrays written as arrays (StepRecord's topIds/topProbs/logits).
export { jsonText } from "./jsonText.js";
