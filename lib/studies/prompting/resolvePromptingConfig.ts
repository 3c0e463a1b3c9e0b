/**
 * resolvePromptingConfig: the prompting study's settings from defaults (`PROMPTING_DEFAULTS`),
 * environment, a JSON config file and explicit options (declared once in `promptingOptions`; merged
 * by `resolveStudySettings`: defaults < environment < config file < options), with the technique list
 * checked (each of baseline, cot, cod at most once) and the engine name checked.
 *
 * Type: (options, { env?, configFile? }) → PromptingConfig; throws LogitlabError naming the source and field.
 *
 * @example
 * const c = resolvePromptingConfig({ techniques: "cot,baseline" }, { env: { PROMPTING_COT_TOKENS: "40" } });
 * [c.techniques, c.budgets.cot, c.engine === undefined]
 * // => [["cot", "baseline"], 40, true]
 */
import { ENGINE_KINDS } from "../../engines/engineKindOf.js";
import { LogitlabError } from "../../util/errors.js";
import { resolveStudySettings } from "../resolveStudySettings.js";
import { engineStudySettings, type EngineStudySettings } from "../engineStudySettings.js";
import { promptingOptions } from "./promptingOptions.js";
import type { PromptingTechnique } from "./types.js";

export interface PromptingConfig extends Partial<EngineStudySettings> {
  models: string[];
  /** Forced engine, or undefined to choose from each model. */
  engine: string | undefined;
  concurrency: number;
  dataFile: string;
  promptsFile: string;
  shots: number;
  /** 0 = all. */
  questions: number;
  techniques: PromptingTechnique[];
  budgets: Record<PromptingTechnique, number>;
  topP: number;
  seed: number;
  outDir: string;
}

export interface PromptingConfigInput {
  model?: string[];
  engine?: string;
  gpu?: string;
  embeddings?: string;
  concurrency?: number;
  data?: string;
  prompts?: string;
  shots?: number;
  questions?: number;
  techniques?: string;
  baselineTokens?: number;
  cotTokens?: number;
  codTokens?: number;
  topP?: number;
  seed?: number;
  out?: string;
}

export function resolvePromptingConfig(
  options: PromptingConfigInput = {},
  sources: { env?: Record<string, string | undefined>; configFile?: string } = {},
): PromptingConfig {
  const v = resolveStudySettings("prompting", promptingOptions, { ...options }, sources);
  const list = (v.techniques as string).split(",").map((s) => s.trim()).filter(Boolean);
  const bad = list.find((t, i) => !["baseline", "cot", "cod"].includes(t) || list.indexOf(t) !== i);
  if (bad !== undefined || list.length === 0) {
    throw new LogitlabError(`needs a comma-separated list of baseline, cot, cod, each at most once; got ${JSON.stringify(v.techniques)}`, { context: "prompting", field: "PROMPTING_TECHNIQUES" });
  }
  const engine = v.engine as string;
  if (engine !== "auto" && !(ENGINE_KINDS as readonly string[]).includes(engine)) {
    throw new LogitlabError(`must be auto or one of ${ENGINE_KINDS.join(", ")}, got ${JSON.stringify(engine)}`, { context: "prompting", field: "PROMPTING_ENGINE" });
  }
  return {
    models: v.model as string[],
    engine: engine === "auto" ? undefined : engine,
    ...engineStudySettings("prompting", v, "PROMPTING_"),
    concurrency: v.concurrency as number,
    dataFile: v.data as string,
    promptsFile: v.prompts as string,
    shots: v.shots as number,
    questions: v.questions as number,
    techniques: list as PromptingTechnique[],
    budgets: { baseline: v.baselineTokens as number, cot: v.cotTokens as number, cod: v.codTokens as number },
    topP: v.topP as number,
    seed: v.seed as number,
    outDir: v.out as string,
  };
}
