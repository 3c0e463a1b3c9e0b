/**
 * resolveStudySettings: a study's settings from its declared options (`StudyOption`), merged from four
 * sources with the same names — defaults < environment < config file < given values (CLI flags or a
 * notebook's object) — then checked by type.
 *
 *   - environment: `option.env`; empty variables are ignored; a `paths` value is comma-separated;
 *   - config file (`--config FILE`): a JSON object whose keys are the options' environment names, their
 *     `fileKeys`, flags or keys; relative paths in it are relative to the file's folder;
 *   - given: by option key (`cutoffTopP`); undefined means "not given".
 * Checks: `paths` a non-empty list of non-empty strings; `path`/`string` non-empty; `integer` and
 * `number` within the option's bounds (strings are parsed); `boolean` true/false, or (environment,
 * config file) "1"/"0", "true"/"false", "yes"/"no" in any case. A failure throws a LogitlabError naming
 * the source (`environment`, the config file, `options`) and the setting by its environment name:
 * `stability: environment field "K": must be an integer ≥ 1, got "0"`.
 *
 * Type: (context, options, given, { env?, configFile? }) → Record<key, value>.
 *
 * @example
 * const k = { key: "k", flag: "k", env: "K", type: "integer", min: 1, default: () => 5, defaultText: "5", help: "top-K size", placeholder: "N" };
 * resolveStudySettings("demo", [k], {}, { env: { K: "7" } }).k
 * // => 7
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { LogitlabError } from "../util/errors.js";
import type { StudyOption } from "./Study.js";

type Where = { context: string; file?: string; field: string };

export function resolveStudySettings(
  context: string,
  options: readonly StudyOption[],
  given: Record<string, unknown>,
  sources: { env?: Record<string, string | undefined>; configFile?: string } = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const option of options) values[option.key] = option.default();
  const set = (key: string, value: unknown, from: string): void => {
    if (value === undefined) return;
    values[key] = value;
    origin[key] = from;
  };

  const env = sources.env ?? {};
  for (const option of options) {
    const text = env[option.env];
    if (!text) continue;
    set(option.key, option.type === "paths" ? splitList(text) : text, "environment");
  }

  if (sources.configFile) {
    const file = sources.configFile;
    const json = readConfigFile(context, file);
    const base = dirname(resolve(file));
    const relativeTo = (p: unknown): unknown => (typeof p === "string" && !isAbsolute(p) ? shownPath(join(base, p)) : p);
    for (const [name, value] of Object.entries(json)) {
      const option = options.find((o) => o.env === name || o.key === name || o.flag === name || o.fileKeys?.includes(name));
      if (!option) {
        throw new LogitlabError(`unknown key; use ${options.map((o) => o.env).join(", ")}`, { context, file, field: name });
      }
      let v: unknown = value;
      if (option.type === "paths") {
        const list = typeof v === "string" ? splitList(v) : v;
        v = Array.isArray(list) ? list.map(relativeTo) : list;
      } else if (option.type === "path") v = relativeTo(v);
      set(option.key, v, file);
    }
  }

  for (const option of options) set(option.key, given[option.key], "options");

  const out: Record<string, unknown> = {};
  for (const option of options) {
    const where: Where = { context, file: origin[option.key], field: option.env };
    out[option.key] = check(option, values[option.key], where);
  }
  return out;
}

function check(option: StudyOption, value: unknown, where: Where): unknown {
  const noun = option.noun ?? option.key;
  switch (option.type) {
    case "paths":
      if (!Array.isArray(value) || value.length === 0 || value.some((d) => typeof d !== "string" || d === "")) {
        throw new LogitlabError(`needs at least one ${noun} (a list of folder names)`, where);
      }
      return [...value];
    case "path":
    case "string":
      if (typeof value !== "string" || value === "") throw new LogitlabError(`needs a ${noun} name`, where);
      return value;
    case "integer": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      const min = option.min ?? -Infinity;
      if (typeof n !== "number" || !Number.isInteger(n) || n < min || (option.max !== undefined && n > option.max)) {
        const range = option.max !== undefined ? `in [${option.min}, ${option.max}]` : `≥ ${option.min}`;
        throw new LogitlabError(`must be an integer ${range}, got ${JSON.stringify(value)}`, where);
      }
      return n;
    }
    case "number": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      const low = option.min ?? -Infinity;
      const high = option.max ?? Infinity;
      const aboveLow = typeof n === "number" && (option.minExclusive ? n > low : n >= low);
      if (typeof n !== "number" || !Number.isFinite(n) || !aboveLow || n > high) {
        const range = `${option.minExclusive ? "(" : "["}${low}, ${high}]`;
        throw new LogitlabError(`must be a number in ${range}, got ${JSON.stringify(value)}`, where);
      }
      return n;
    }
    case "boolean": {
      if (typeof value === "boolean") return value;
      const text = typeof value === "string" ? value.trim().toLowerCase() : undefined;
      if (text === "1" || text === "true" || text === "yes") return true;
      if (text === "0" || text === "false" || text === "no") return false;
      throw new LogitlabError(`must be true or false (1/0, yes/no), got ${JSON.stringify(value)}`, where);
    }
  }
}

function splitList(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}

/** An absolute path as the shorter relative one when it is below or beside the working directory. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !isAbsolute(rel) ? rel : path;
}

function readConfigFile(context: string, path: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "config file not found" : code ? `cannot read config file (${code})` : `config file is not valid JSON (${(error as Error).message})`;
    throw new LogitlabError(reason, { context, file: path });
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new LogitlabError("config file must hold a JSON object", { context, file: path });
  }
  return json as Record<string, unknown>;
}
