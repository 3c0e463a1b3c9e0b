/**
 * resolveStabilityConfig: the stability study's settings from defaults, environment, a JSON config file
 * and explicit options, validated.
 *
 * Names as users know them from the original script:
 *   BASE_DIRS / --reference (repeatable)  reference folders        default data/stability/db_1 … db_5 (bundled)
 *   CHECK_DIR / --check                   check folder             default data/stability/db_13 (bundled)
 *   K                                     top-K size               default 5
 *   M                                     boundary window beyond K default 5
 *   CUT_OFF_TOP_P                         margin eligibility cut   default 0.9
 *   RESULTS_DIR / --out                   output folder            default results/stability
 * Later sources win: defaults < environment < config file (`--config`) < options. In the environment
 * BASE_DIRS is a comma-separated list. A config file is a JSON object with the same upper-case names
 * (or the summary's names: reference_dirs, check_dir, k, m, cutoff_top_p, results_dir); its relative
 * paths are relative to the file's own folder. The bundled defaults are found from the package folder,
 * so they work from any working directory.
 *
 * Type: (options, { env?, configFile? }) → StabilityConfig; throws LogitlabError naming the source and field.
 *
 * @example
 * resolveStabilityConfig({ k: 3 }, { env: { M: "2" } }).m
 * // => 2
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { LogitlabError } from "../../util/errors.js";
import { packageInfo } from "./packageInfo.js";

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
  out?: string;
}

const FILE_KEYS: Record<string, keyof StabilityConfigInput> = {
  BASE_DIRS: "reference", reference_dirs: "reference",
  CHECK_DIR: "check", check_dir: "check",
  K: "k", k: "k",
  M: "m", m: "m",
  CUT_OFF_TOP_P: "cutoffTopP", cutoff_top_p: "cutoffTopP",
  RESULTS_DIR: "out", results_dir: "out",
};

export function resolveStabilityConfig(
  options: StabilityConfigInput = {},
  sources: { env?: Record<string, string | undefined>; configFile?: string } = {},
): StabilityConfig {
  const bundled = join(packageInfo().root, "data", "stability");
  let input: StabilityConfigInput = {
    reference: [1, 2, 3, 4, 5].map((i) => shown(join(bundled, `db_${i}`))),
    check: shown(join(bundled, "db_13")),
    k: 5,
    m: 5,
    cutoffTopP: 0.9,
    out: join("results", "stability"),
  };
  const origin: Record<string, string> = {};
  const merge = (next: StabilityConfigInput, from: string): void => {
    for (const [key, value] of Object.entries(next) as [keyof StabilityConfigInput, unknown][]) {
      if (value === undefined) continue;
      input = { ...input, [key]: value };
      origin[key] = from;
    }
  };

  const env = sources.env ?? {};
  merge({
    reference: env.BASE_DIRS ? env.BASE_DIRS.split(",").map((s) => s.trim()).filter(Boolean) : undefined,
    check: env.CHECK_DIR || undefined,
    k: env.K || undefined,
    m: env.M || undefined,
    cutoffTopP: env.CUT_OFF_TOP_P || undefined,
    out: env.RESULTS_DIR || undefined,
  }, "environment");

  if (sources.configFile) merge(readConfigFile(sources.configFile), sources.configFile);
  merge(options, "options");

  const where = (key: keyof StabilityConfigInput, name: string) => ({ context: "stability", file: origin[key], field: name });
  const reference = input.reference ?? [];
  if (!Array.isArray(reference) || reference.length === 0 || reference.some((d) => typeof d !== "string" || d === "")) {
    throw new LogitlabError("needs at least one reference folder (a list of folder names)", where("reference", "BASE_DIRS"));
  }
  if (typeof input.check !== "string" || input.check === "") throw new LogitlabError("needs a check folder name", where("check", "CHECK_DIR"));
  if (typeof input.out !== "string" || input.out === "") throw new LogitlabError("needs an output folder name", where("out", "RESULTS_DIR"));
  const k = integer(input.k, 1, where("k", "K"));
  const m = integer(input.m, 0, where("m", "M"));
  const cutoffTopP = Number(input.cutoffTopP);
  if (typeof input.cutoffTopP === "boolean" || input.cutoffTopP === "" || !(cutoffTopP > 0 && cutoffTopP <= 1)) {
    throw new LogitlabError(`must be a number in (0, 1], got ${JSON.stringify(input.cutoffTopP)}`, where("cutoffTopP", "CUT_OFF_TOP_P"));
  }
  return { referenceDirs: [...reference], checkDir: input.check, k, m, cutoffTopP, outDir: input.out };
}

/** An absolute path as the shorter relative one when it is below or beside the working directory. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !isAbsolute(rel) ? rel : path;
}

function integer(value: unknown, min: number, where: { context: string; file?: string; field: string }): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) {
    throw new LogitlabError(`must be an integer ≥ ${min}, got ${JSON.stringify(value)}`, where);
  }
  return n;
}

function readConfigFile(path: string): StabilityConfigInput {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "config file not found" : code ? `cannot read config file (${code})` : `config file is not valid JSON (${(error as Error).message})`;
    throw new LogitlabError(reason, { context: "stability", file: path });
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new LogitlabError("config file must hold a JSON object", { context: "stability", file: path });
  }
  const base = dirname(resolve(path));
  const relativeTo = (p: unknown): unknown => (typeof p === "string" && !isAbsolute(p) ? shown(join(base, p)) : p);
  const out: StabilityConfigInput = {};
  for (const [key, value] of Object.entries(json)) {
    const target = FILE_KEYS[key];
    if (!target) {
      throw new LogitlabError(`unknown key; use ${Object.keys(FILE_KEYS).filter((k) => k === k.toUpperCase()).join(", ")}`, { context: "stability", file: path, field: key });
    }
    if (target === "reference") {
      const list = typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : value;
      out.reference = Array.isArray(list) ? list.map(relativeTo) as string[] : (list as string[]);
    } else if (target === "check" || target === "out") out[target] = relativeTo(value) as string;
    else out[target] = value as number;
  }
  return out;
}
