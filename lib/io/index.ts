// Atomic writes: every result file goes through these.
export { writeFileAtomic, writeFileAtomicSync } from "./atomicWrite.js";
