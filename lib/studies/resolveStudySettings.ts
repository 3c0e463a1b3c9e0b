/**
 * resolveStudySettings: a study's settings from its declared options (`StudyOption`), merged from four
 * sources with the same names — defaults < environment < config file < given values (CLI flags or a
 * notebook's object) — then checked by type.
 *
 *   - environment: `option.env`; empty variables are ignored; a `paths` value is comma-separated;
 *   - config file (`--config FILE`): a JSON object whose keys are the options' environment names, their
 *     `fileKeys`, flags or keys; relative paths in it are relative to the file's folder;
 *   - given: by option key (`cutoffTopP`); undefined means "not given".
 * Checks: `paths` a non-empty list of non-empty strings; `path`/`string` non-empty; `integer` (a
 * safe integer, |n| ≤ 2^53 − 1) and `number` within the option's bounds; strings are parsed as plain
 * decimals only (`0x10`, `Infinity` are refused); `boolean` true/false, or (environment, config file)
 * "1"/"0", "true"/"false", "yes"/"no" in any case. The config file must be a regular file of at most
 * 1 MiB (a FIFO or /dev/zero is refused before it is read); a UTF-8 byte order mark is skipped; a key
 * given twice is "ambiguous"; keys of Object.prototype (`__proto__`, `toString`) are unknown keys. A failure throws a LogitlabError naming
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
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { duplicateJsonKey } from "../util/duplicateJsonKey.js";
import { LogitlabError } from "../util/errors.js";
import { escapeControl } from "../util/escapeControl.js";
import { readRegularFile } from "../util/readRegularFile.js";

/** Largest config file read (1 MiB): a settings file is a few hundred bytes. */
const CONFIG_MAX_BYTES = 1 << 20;

/** Numbers as text (environment, flags): plain decimal only — no hex (0x10), no "Infinity", no blanks. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
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
      const option = Object.hasOwn(Object.prototype, name)
        ? undefined // __proto__, toString, constructor …: never a setting
        : options.find((o) => o.env === name || o.key === name || o.flag === name || o.fileKeys?.includes(name));
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
  if (option.optional && value === undefined) return undefined;
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
      const n = typeof value === "string" ? decimal(value) : value;
      const min = option.min ?? -Infinity;
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min || (option.max !== undefined && n > option.max)) {
        const range = option.max !== undefined ? `in [${option.min}, ${option.max}]` : `≥ ${option.min}`;
        throw new LogitlabError(`must be an integer ${range}, got ${JSON.stringify(value)}`, where);
      }
      return n;
    }
    case "number": {
      const n = typeof value === "string" ? decimal(value) : value;
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

/** A decimal number written as text, or the text itself (which the check then rejects). */
function decimal(text: string): number | string {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : text;
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
  let text: string;
  try {
    text = Buffer.from(readRegularFile(path, CONFIG_MAX_BYTES)).toString("utf8");
  } catch (error) {
    if (!(error instanceof LogitlabError)) throw error;
    throw new LogitlabError(`config file ${error.reason}`, { context, file: path, kind: "data" });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte order mark is accepted
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LogitlabError(`config file is not valid JSON (${escapeControl((error as Error).message)})`, { context, file: path });
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new LogitlabError("config file must hold a JSON object", { context, file: path });
  }
  const duplicate = duplicateJsonKey(text);
  if (duplicate) {
    throw new LogitlabError(`ambiguous: key ${JSON.stringify(duplicate.key)} appears twice (line ${duplicate.line}, column ${duplicate.column}); keep one`, { context, file: path });
  }
  return json as Record<string, unknown>;
}
