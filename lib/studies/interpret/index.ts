// The interpretability study: what one model does with one text (next token, attention, saliency, logit lens).
// The study object (what the CLI, reproduce and the notebook drive).
export { interpretStudy } from "./interpretStudy.js";
// Settings.
export { interpretOptions, DEFAULT_INTERPRET_TEXT, MAX_INTERPRET_TEXT } from "./interpretOptions.js";
export { resolveInterpretConfig } from "./resolveInterpretConfig.js";
export type { InterpretConfig, InterpretConfigInput } from "./resolveInterpretConfig.js";
// Analysis: one view of a token sequence (shared with `logitlab app`), and the study's run of it.
export { interpretView } from "./interpretView.js";
export type { InterpretView } from "./interpretView.js";
export { analyzeInterpret } from "./analyzeInterpret.js";
export type { InterpretAnalysis } from "./analyzeInterpret.js";
// Outputs: figures and the self-contained page.
export { interpretFigures } from "./interpretFigures.js";
export { interpretPage } from "./interpretPage.js";
