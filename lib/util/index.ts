export { LogitlabError } from "./errors.js";
// Reading input files safely: regular files only, size-capped, errors as one line.
export { readRegularFile, readErrorReason } from "./readRegularFile.js";
export { duplicateJsonKey } from "./duplicateJsonKey.js";
export { readJsonObject } from "./readJsonObject.js";
// Text safe to print on a terminal (control characters escaped).
export { escapeControl } from "./escapeControl.js";
// Progress bar: one updating line on a terminal, one updating display in a notebook.
export { progress } from "./progress.js";
export type { Progress, ProgressMode, ProgressOptions } from "./progress.js";
// Seeded pseudo-random numbers (mulberry32) for reproducible examples, data and sampling.
export { seededRandom, seededNormals } from "./seededRandom.js";
export { standardNormal } from "./standardNormal.js";
// The package's folder and version; summary numbers as studies store and print them.
export { packageInfo } from "./packageInfo.js";
export { formatSummaryNumber } from "./formatSummaryNumber.js";
export type { SummaryNumber } from "./summaryNumber.js";
export { float16Table } from "./float16Table.js";
