/**
 * packageInfo: the logitlab package folder and version, found by walking up from this module to the
 * package.json named "logitlab" (works from lib/ under tsx and from dist/lib/ alike). Studies record the
 * version in their provenance and find their bundled data from `root`; `logitlab --version` prints it.
 *
 * @example
 * packageInfo().name
 * // => "logitlab"
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: { name: string; version: string; root: string } | undefined;

export function packageInfo(): { name: string; version: string; root: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (json.name === "logitlab") return (cached = { name: json.name, version: json.version ?? "0.0.0", root: dir });
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("logitlab's package.json not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
