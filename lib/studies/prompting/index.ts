// Prompting study building blocks: answer extraction from model outputs and GSM8K gold answers.
export { extractAnswer } from "./extractAnswer.js";
export type { ExtractAnswerOptions } from "./extractAnswer.js";
export { parseGold } from "./parseGold.js";
export { answersEqual } from "./answersEqual.js";
export type { ExtractedAnswer, ExtractionMode, ExtractionReason, PromptingTechnique } from "./types.js";
