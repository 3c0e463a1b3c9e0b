/**
 * resolveCorrelationConfig: the correlation study's settings from defaults, environment, a JSON config
 * file and explicit options (declared once in `correlationOptions`; merged by `resolveStudySettings`:
 * defaults < environment < config file < options).
 *
 * @example
 * resolveCorrelationConfig({ prompts: 3 }, { env: { MODEL_DIRS: "a,b" } }).models
 * // => ["a", "b"]
 */
import { resolveStudySettings } from "../resolveStudySettings.js";
import { engineStudySettings, type EngineStudySettings } from "../engineStudySettings.js";
import { correlationOptions } from "./correlationOptions.js";

export interface CorrelationConfig extends Partial<EngineStudySettings> {
  models: string[];
  datasets: string[];
  /** Forced engine, or undefined (chosen from each model). */
  engine?: string;
  concurrency: number;
  prompts: number;
  maxTokens: number;
  topP: number;
  seed: number;
  bootstrap: number;
  outDir: string;
}

export interface CorrelationConfigInput {
  model?: string[];
  dataset?: string[];
  engine?: string;
  gpu?: string;
  embeddings?: string;
  concurrency?: number;
  prompts?: number;
  maxTokens?: number;
  topP?: number;
  seed?: number;
  bootstrap?: number;
  out?: string;
}

export function resolveCorrelationConfig(
  options: CorrelationConfigInput = {},
  sources: { env?: Record<string, string | undefined>; configFile?: string } = {},
): CorrelationConfig {
  const v = resolveStudySettings("correlation", correlationOptions, { ...options }, sources);
  const engine = v.engine as string;
  return {
    models: v.model as string[],
    datasets: v.dataset as string[],
    ...(engine !== "auto" ? { engine } : {}),
    ...engineStudySettings("correlation", v, ""),
    concurrency: v.concurrency as number,
    prompts: v.prompts as number,
    maxTokens: v.maxTokens as number,
    topP: v.topP as number,
    seed: v.seed as number,
    bootstrap: v.bootstrap as number,
    outDir: v.out as string,
  };
}
