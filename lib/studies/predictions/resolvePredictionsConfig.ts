/**
 * resolvePredictionsConfig: the token-predictions study's settings from defaults, environment, a JSON
 * config file and explicit options (declared once in `predictionsOptions`; merged by
 * `resolveStudySettings`: defaults < environment < config file < options).
 *
 * Type: (options, { env?, configFile? }) → PredictionsConfig; throws LogitlabError naming the source and field.
 *
 * @example
 * resolvePredictionsConfig({}, { env: { MODEL_DIRS: "a,b,c" } }).modelDirs
 * // => ["a", "b", "c"]
 */
import { resolveStudySettings } from "../resolveStudySettings.js";
import { engineStudySettings, type EngineStudySettings } from "../engineStudySettings.js";
import { predictionsOptions } from "./predictionsOptions.js";

export interface PredictionsConfig extends Partial<EngineStudySettings> {
  /** Model folders (MODEL_DIRS), smallest first; the first two are "small" and "large" in the scatter. */
  modelDirs: string[];
  /** The text to score (TEXT_FILE). */
  textFile: string;
  /** Output folder (RESULTS_DIR). */
  outDir: string;
  /** Engine of every model (ENGINE, `--engine`); "auto" = chosen from each --model. */
  engine: string;
}

/** Options as a notebook or the CLI gives them (all optional). */
export interface PredictionsConfigInput {
  model?: string[];
  text?: string;
  out?: string;
  engine?: string;
  gpu?: string;
}

export function resolvePredictionsConfig(
  options: PredictionsConfigInput = {},
  sources: { env?: Record<string, string | undefined>; configFile?: string } = {},
): PredictionsConfig {
  const v = resolveStudySettings("predictions", predictionsOptions, { ...options }, sources);
  return { modelDirs: v.model as string[], textFile: v.text as string, outDir: v.out as string, engine: (v.engine as string | undefined) ?? "auto", ...engineStudySettings("predictions", v, "") };
}
