/**
 * StudyCache: cached results of heavy model runs for a study, one JSON file per entry under
 * `results/<study>/cache/` (an `OutputFolder` carries that folder from run to run).
 *
 * Key (`key(parts)`): the sha256 of a canonical JSON of
 *   - the model's identity: for a folder, its resolved path and the sha256 of its config.json; for a
 *     file (.gguf, a dump), its resolved path, size and mtime; for a URL, the URL;
 *   - each data file's resolved path, size and sha256;
 *   - the settings (object keys sorted, so key order does not matter);
 *   - logitlab's version (a new version never reads an old entry).
 * So a changed data file or setting is a miss. Entries are written atomically (`writeFileAtomicSync`);
 * an entry that cannot be read back (truncated, not JSON, another key inside) is a miss with a warning
 * (`warn`, default console.error), never an error, and is overwritten by the next `set`.
 *
 * @example
 * const cache = new StudyCache(`${(await import("node:fs")).mkdtempSync("/tmp/logitlab-cache-")}/cache`);
 * const key = cache.key({ settings: { k: 5 } }); cache.set(key, { answer: 42 });
 * cache.get(key)
 * // => {"answer": 42}
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageInfo } from "../util/packageInfo.js";
import { writeFileAtomicSync } from "./atomicWrite.js";

/** What a cache key is made of. */
export interface CacheKeyParts {
  /** Model folder, model file (.gguf, dump) or server URL. */
  model?: string;
  /** Data files read. */
  data?: readonly string[];
  /** Settings of the run (any JSON value). */
  settings?: unknown;
}

export class StudyCache {
  /** The cache folder (`results/<study>/cache`). */
  readonly dir: string;
  private readonly warn: (message: string) => void;

  constructor(dir: string, options: { warn?: (message: string) => void } = {}) {
    this.dir = dir;
    this.warn = options.warn ?? ((message) => console.error(message));
  }

  /** The hex sha256 key of a model, data files and settings (see the module note). */
  key(parts: CacheKeyParts): string {
    const identity = {
      model: parts.model === undefined ? null : modelIdentity(parts.model),
      data: (parts.data ?? []).map(fileIdentity),
      settings: parts.settings ?? null,
      library: packageInfo().version,
    };
    return createHash("sha256").update(canonicalJson(identity)).digest("hex");
  }

  /** The cached value, or undefined on a miss (also for a corrupt entry, with a warning). */
  get<T = unknown>(key: string): T | undefined {
    const path = this.path(key);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      this.warn(`cache: ${path}: cannot be read (${(error as NodeJS.ErrnoException).code}); recomputing`);
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { key?: unknown; value?: unknown };
      if (entry === null || typeof entry !== "object" || entry.key !== key || !("value" in entry)) throw new Error("not an entry for this key");
      return entry.value as T;
    } catch (error) {
      this.warn(`cache: ${path}: corrupt entry (${(error as Error).message}); recomputing`);
      return undefined;
    }
  }

  /** Stores `value` (any JSON value) under `key`, atomically. */
  set(key: string, value: unknown): void {
    writeFileAtomicSync(this.path(key), JSON.stringify({ key, created: new Date().toISOString(), value }) + "\n");
  }

  private path(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`StudyCache: "${key}" is not a key from key()`);
    return join(this.dir, `${key}.json`);
  }
}

function modelIdentity(model: string): unknown {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(model)) return { url: model };
  const path = resolve(model);
  const stats = statSync(path);
  if (stats.isDirectory()) return { dir: path, config_sha256: sha256(readFileSync(join(path, "config.json"))) };
  return { file: path, size: stats.size, mtime_ms: stats.mtimeMs };
}

function fileIdentity(file: string): unknown {
  const path = resolve(file);
  const bytes = readFileSync(path);
  return { path, size: bytes.length, sha256: sha256(bytes) };
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** JSON with object keys sorted at every depth. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
