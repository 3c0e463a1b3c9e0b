/**
 * resolveReasoningWordsConfig: the reasoning-words study's settings from defaults, environment, a JSON
 * config file and explicit options (`reasoningWordsOptions`, merged by `resolveStudySettings`), with
 * each `--model` split into a role and a path ("baseline=~/m/qwen-math"; a bare path takes its last
 * name as the role). Roles must be distinct; `--labels-from` must name one of them and needs `--judge`.
 *
 * Type: (options, { env?, configFile? }) → {@link ReasoningWordsConfig}; throws LogitlabError naming the setting.
 *
 * @example
 * resolveReasoningWordsConfig({ model: ["base=a", "models/b"] }).models
 * // => [{ "role": "base", "path": "a" }, { "role": "b", "path": "models/b" }]
 */
import { basename } from "node:path";
import { LogitlabError } from "../../util/errors.js";
import { resolveStudySettings } from "../resolveStudySettings.js";
import { engineStudySettings, type EngineStudySettings } from "../engineStudySettings.js";
import type { PropensityMode } from "./types.js";
import { reasoningWordsOptions } from "./reasoningWordsOptions.js";

export interface ReasoningWordsConfig extends Partial<EngineStudySettings> {
  models: { role: string; path: string }[];
  dataFile: string;
  engine: string;
  mode: PropensityMode;
  judge: boolean;
  judgeTokens: number;
  temperature: number;
  seed: number;
  /** "own", or the role whose judge labels every model gets. */
  labelsFrom: string;
  outDir: string;
}

export interface ReasoningWordsConfigInput {
  model?: string[];
  data?: string;
  engine?: string;
  gpu?: string;
  propensity?: string;
  judge?: boolean;
  judgeTokens?: number;
  temperature?: number;
  seed?: number;
  labelsFrom?: string;
  out?: string;
}

export function resolveReasoningWordsConfig(
  options: ReasoningWordsConfigInput = {},
  sources: { env?: Record<string, string | undefined>; configFile?: string } = {},
): ReasoningWordsConfig {
  const context = "reasoning-words";
  const v = resolveStudySettings(context, reasoningWordsOptions, { ...options }, sources);
  const models = (v.model as string[]).map((entry) => {
    const match = /^([A-Za-z][\w.-]{0,39})=(.+)$/.exec(entry);
    return match ? { role: match[1], path: match[2] } : { role: basename(entry.replace(/[/\\]+$/, "")).replace(/\.gguf$/i, "") || entry, path: entry };
  });
  const roles = models.map((m) => m.role);
  const duplicate = roles.find((role, i) => roles.indexOf(role) !== i);
  if (duplicate) throw new LogitlabError(`role "${duplicate}" is given twice; name each model's role (--model ROLE=PATH)`, { context, field: "REASONING_MODELS" });
  const mode = v.propensity as string;
  if (mode !== "exact" && mode !== "firstTokenOnly") throw new LogitlabError(`"${mode}" is not exact or firstTokenOnly`, { context, field: "PROPENSITY_MODE" });
  const labelsFrom = v.labelsFrom as string;
  if (labelsFrom !== "own") {
    if (!roles.includes(labelsFrom)) throw new LogitlabError(`"${labelsFrom}" is not one of the roles ${roles.join(", ")}`, { context, field: "LABELS_FROM" });
    if (v.judge !== true) throw new LogitlabError("needs --judge (the labels come from that role's own sampled answers)", { context, field: "LABELS_FROM" });
  }
  return {
    models, dataFile: v.data as string, engine: v.engine as string, mode, judge: v.judge as boolean, judgeTokens: v.judgeTokens as number,
    temperature: v.temperature as number, seed: v.seed as number, labelsFrom, outDir: v.out as string, ...engineStudySettings(context, v, ""),
  };
}
