export { LogitlabError } from "./errors.js";
// Progress bar: one updating line on a terminal, one updating display in a notebook.
export { progress } from "./progress.js";
export type { Progress, ProgressMode, ProgressOptions } from "./progress.js";
