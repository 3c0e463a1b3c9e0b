/**
 * resolveInterpretConfig: the interpretability study's settings from defaults, environment, a JSON
 * config file and explicit options (declared once in `interpretOptions`; merged by
 * `resolveStudySettings`: defaults < environment < config file < options), plus the text's length
 * bound (`MAX_INTERPRET_TEXT` characters) and no NUL characters.
 *
 * Type: (options, { env?, configFile? }) → InterpretConfig; throws LogitlabError naming the source and field.
 *
 * @example
 * resolveInterpretConfig({ text: "In the beginning" }, { env: { TOP_K: "5" } }).topK
 * // => 5
 */
import { LogitlabError } from "../../util/errors.js";
import { resolveStudySettings } from "../resolveStudySettings.js";
import { interpretOptions, MAX_INTERPRET_TEXT } from "./interpretOptions.js";

export interface InterpretConfig {
  /** Model folder (MODEL_DIR). */
  modelDir: string;
  /** The text itself (INTERPRET_TEXT). */
  text: string;
  /** Next-token candidates shown (TOP_K). */
  topK: number;
  /** Output folder (RESULTS_DIR). */
  outDir: string;
}

/** Options as a notebook or the CLI gives them (all optional). */
export interface InterpretConfigInput {
  model?: string;
  text?: string;
  topK?: number | string;
  out?: string;
}

export function resolveInterpretConfig(
  options: InterpretConfigInput = {},
  sources: { env?: Record<string, string | undefined>; configFile?: string } = {},
): InterpretConfig {
  const v = resolveStudySettings("interpret", interpretOptions, { ...options }, sources);
  const text = v.text as string;
  if (text.length > MAX_INTERPRET_TEXT) throw new LogitlabError(`the text is ${text.length} characters; at most ${MAX_INTERPRET_TEXT} are accepted`, { context: "interpret", field: "text" });
  const nul = text.indexOf("\0");
  if (nul >= 0) throw new LogitlabError("the text holds a NUL character", { context: "interpret", field: "text", position: `character ${nul + 1}` });
  return { modelDir: v.model as string, text, topK: v.topK as number, outDir: v.out as string };
}
