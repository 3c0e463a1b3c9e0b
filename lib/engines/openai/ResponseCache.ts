/**
 * ResponseCache: server responses on disk, one file per request, so that an interrupted run resumes
 * where it stopped (answered requests are read back, not sent again). The key is the SHA-256 of the
 * endpoint URL without credentials (`redactUrl`) and the exact request body; request headers (where
 * the API key travels) are never part of a key or a file. Files are `<dir>/<2 hex>/<64 hex>.json`,
 * written atomically (`writeFileAtomicSync`), so a killed run leaves whole files or none. The body
 * names the served model, so another model behind the same URL gets other keys. Delete the folder to
 * forget everything. `dir: false` turns caching off.
 *
 * @example
 * const cache = new ResponseCache("/tmp/logitlab-example-cache");
 * const key = cache.key("http://127.0.0.1:8000/v1/completions", '{"prompt":[1]}');
 * cache.put(key, '{"ok":true}');
 * [key.length, cache.get(key)]
 * // => [64, "{\"ok\":true}"]
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomicSync } from "../../io/atomicWrite.js";

export class ResponseCache {
  constructor(readonly dir: string | false) {}

  /** The key of one request: SHA-256 hex of the credential-free URL and the body. */
  key(endpoint: string, body: string): string {
    return createHash("sha256").update(endpoint).update("\n").update(body).digest("hex");
  }

  /** The stored response text, or undefined. */
  get(key: string): string | undefined {
    if (this.dir === false) return undefined;
    const path = this.path(key);
    if (!existsSync(path)) return undefined;
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  }

  put(key: string, text: string): void {
    if (this.dir === false) return;
    writeFileAtomicSync(this.path(key), text);
  }

  /** Forgets one response (one that no longer parses). */
  delete(key: string): void {
    if (this.dir !== false) rmSync(this.path(key), { force: true });
  }

  private path(key: string): string {
    return join(this.dir as string, key.slice(0, 2), `${key}.json`);
  }
}
