/**
 * resolveStabilityConfig: the stability study's settings from defaults, environment, a JSON config file
 * and explicit options, validated.
 *
 * The settings and their names in every source are declared once in `stabilityOptions` (BASE_DIRS /
 * --reference, CHECK_DIR / --check, K, M, CUT_OFF_TOP_P, UNTIL_DIVERGENCE / --until-divergence, RESULTS_DIR / --out) and merged by the
 * generic `resolveStudySettings`: defaults < environment < config file (`--config`) < options. In the
 * environment BASE_DIRS is a comma-separated list. A config file is a JSON object with the same
 * upper-case names (or the summary's names: reference_dirs, check_dir, k, m, cutoff_top_p,
 * until_divergence, results_dir); its relative paths are relative to the file's own folder.
 *
 * Type: (options, { env?, configFile? }) → StabilityConfig; throws LogitlabError naming the source and field.
 *
 * @example
 * resolveStabilityConfig({ k: 3 }, { env: { M: "2" } }).m
 * // => 2
 */
import { resolveStudySettings } from "../resolveStudySettings.js";
import { stabilityOptions } from "./stabilityOptions.js";

export interface StabilityConfig {
  /** Reference folders (BASE_DIRS). */
  referenceDirs: string[];
  /** Check folder (CHECK_DIR). */
  checkDir: string;
  /** K: size of the compared top-K sets. */
  k: number;
  /** M: window beyond K for boundary swaps. */
  m: number;
  /** CUT_OFF_TOP_P: margin analysis uses steps whose reference top-1 probability is below this. */
  cutoffTopP: number;
  /** UNTIL_DIVERGENCE: lead with the steps before each pair's first divergence. */
  untilDivergence: boolean;
  /** RESULTS_DIR: where the outputs go. */
  outDir: string;
}

/** Options as a notebook or the CLI gives them (all optional). */
export interface StabilityConfigInput {
  reference?: string[];
  check?: string;
  k?: number | string;
  m?: number | string;
  cutoffTopP?: number | string;
  untilDivergence?: boolean | string;
  out?: string;
}

export function resolveStabilityConfig(
  options: StabilityConfigInput = {},
  sources: { env?: Record<string, string | undefined>; configFile?: string } = {},
): StabilityConfig {
  const v = resolveStudySettings("stability", stabilityOptions, { ...options }, sources);
  return {
    referenceDirs: v.reference as string[], checkDir: v.check as string, k: v.k as number, m: v.m as number,
    cutoffTopP: v.cutoffTopP as number, untilDivergence: v.untilDivergence as boolean, outDir: v.out as string,
  };
}
