/**
 * generateOptionsOf: the `engineGenerate` options of a request's checked sampling fields (a completion
 * and a chat request share them: `parseSamplingFields`), so both bodies sample the same way.
 *
 * Type: SamplingFields → GenerateOptions.
 *
 * @example
 * generateOptionsOf({ maxTokens: 4, temperature: 0, topP: 1, topK: 0, seed: 7, stop: ["\n"] })
 * // => {"maxNewTokens": 4, "temperature": 0, "topP": 1, "topK": 0, "seed": 7, "stop": ["\n"]}
 */
import type { GenerateOptions } from "../models/generate.js";
import type { SamplingFields } from "./parseSamplingFields.js";

export function generateOptionsOf(fields: SamplingFields): GenerateOptions {
  return { maxNewTokens: fields.maxTokens, temperature: fields.temperature, topP: fields.topP, topK: fields.topK, seed: fields.seed, stop: fields.stop };
}
