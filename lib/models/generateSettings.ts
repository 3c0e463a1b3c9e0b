/**
 * generateSettings: the numeric settings of `generate` and `engineGenerate` with their defaults
 * (maxNewTokens 32, temperature 1, topK 0, topP 1, recordTopP 0.9), each checked once for both: a value
 * out of range is a LogitlabError naming the option.
 *
 * @example
 * generateSettings({ temperature: 0 })
 * // => {"maxNewTokens": 32, "temperature": 0, "topK": 0, "topP": 1, "recordTopP": 0.9}
 */
import { LogitlabError } from "../util/errors.js";
import type { GenerateOptions } from "./generate.js";

export interface GenerateSettings {
  maxNewTokens: number;
  temperature: number;
  topK: number;
  topP: number;
  recordTopP: number;
}

export function generateSettings(options: GenerateOptions): GenerateSettings {
  const maxNewTokens = options.maxNewTokens ?? 32;
  const temperature = options.temperature ?? 1;
  const topK = options.topK ?? 0;
  const topP = options.topP ?? 1;
  const recordTopP = options.recordTopP ?? 0.9;
  const check = (ok: boolean, field: string, reason: string): void => {
    if (!ok) throw new LogitlabError(reason, { context: "generate", field });
  };
  check(Number.isInteger(maxNewTokens) && maxNewTokens >= 0, "maxNewTokens", `maxNewTokens ${maxNewTokens} is not a non-negative integer`);
  check(Number.isFinite(temperature) && temperature >= 0, "temperature", `temperature ${temperature} is not ≥ 0`);
  check(Number.isInteger(topK) && topK >= 0, "topK", `topK ${topK} is not a non-negative integer`);
  check(topP > 0 && topP <= 1, "topP", `topP ${topP} is not in (0, 1]`);
  check(recordTopP > 0 && recordTopP <= 1, "recordTopP", `recordTopP ${recordTopP} is not in (0, 1]`);
  return { maxNewTokens, temperature, topK, topP, recordTopP };
}
