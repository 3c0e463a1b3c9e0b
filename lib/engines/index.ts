export type { Engine, EngineInfo, EngineKind, EngineRow, EngineSession, EngineTokenizer, ScoreOptions, EngineStep } from "./Engine.js";
export { engineKindOf, ENGINE_KINDS } from "./engineKindOf.js";
export { openEngine } from "./openEngine.js";
export type { OpenEngineOptions } from "./openEngine.js";
export { engineGenerate } from "./engineGenerate.js";
export { rowStepRecord } from "./rowStepRecord.js";
export type { RowStepOptions } from "./rowStepRecord.js";
export { TfjsEngine } from "./tfjs/TfjsEngine.js";
