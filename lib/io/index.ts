// Atomic writes: every result file goes through these (one primitive, AtomicFile).
export { AtomicFile } from "./AtomicFile.js";
export { writeFileAtomic, writeFileAtomicSync } from "./atomicWrite.js";
export { trackTemp, removeTrackedTemps, installSignalCleanup, removeStaleTemps } from "./tempPaths.js";
export { assertReplaceableFile } from "./assertReplaceableFile.js";
export { outputError } from "./outputError.js";
// A study's output folder: every file of a run staged, then swapped in as a whole.
export { OutputFolder } from "./OutputFolder.js";
export type { FigureFormat, OutputFolderOptions } from "./OutputFolder.js";
// Cache of heavy model runs, keyed by model, data, settings and library version.
export { StudyCache } from "./StudyCache.js";
export type { CacheKeyParts } from "./StudyCache.js";
// Tables: CSV in one dialect (csvField), booktabs LaTeX.
export { csvField } from "./csvField.js";
export { numberText, writeNumberText } from "./numberText.js";
export { toCsv } from "./toCsv.js";
export { toLatex } from "./toLatex.js";
export { escapeLatex } from "./escapeLatex.js";
export { tableColumns } from "./tableColumns.js";
export { formatCell } from "./formatCell.js";
export { isNumericColumn } from "./isNumericColumn.js";
export type { TableRow, TableOptions } from "./tableRow.js";
// NumPy .npy arrays (float32).
export { writeNpy } from "./writeNpy.js";
// The canonical per-step record every producer emits.
export type { StepRecord, StepTop } from "./stepRecord.js";
// GGUF writer and the Hugging Face checkpoint → GGUF conversion (for llama.cpp).
export * from "./gguf/index.js";
// JSON text with typed arrays written as arrays (StepRecord's topIds/topProbs/logits).
export { jsonText } from "./jsonText.js";
