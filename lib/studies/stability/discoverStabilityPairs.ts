/**
 * discoverStabilityPairs: list the reference and check folders and match the files by name.
 *
 * A check file `check_machine_<name>.json` belongs to the reference file `<name>.json` found in any
 * reference folder. A name present in two reference folders is an input error for that name: it goes
 * to `invalid` with every path, and is not compared (no guessing). Reference files without a check
 * file and check files without a reference (or not named `check_machine_*.json`) are listed as
 * unmatched. Only `*.json` files directly inside each folder count. Paths are shown relative to the
 * folders' common parent (`db_13/check_machine_a.json`), or as given when that is the filesystem root.
 *
 * Type: (referenceDirs, checkDir) → StabilityDiscovery, pairs sorted by name. Throws LogitlabError
 * when a folder is missing, not a folder, has no .json files, or is listed twice.
 *
 * @example
 * const root = (await import("node:fs")).mkdtempSync("/tmp/logitlab-pairs-");
 * const fs = await import("node:fs");
 * for (const f of ["db_1/a.json", "db_1/b.json", "db_13/check_machine_a.json"]) { fs.mkdirSync(`${root}/${f.split("/")[0]}`, { recursive: true }); fs.writeFileSync(`${root}/${f}`, "{}"); }
 * const found = discoverStabilityPairs([`${root}/db_1`], `${root}/db_13`);
 * [found.pairs.map((p) => p.check), found.unmatchedReference]
 * // => [["db_13/check_machine_a.json"], ["db_1/b.json"]]
 */
import { readdirSync, statSync } from "node:fs";
import { join, parse, relative, resolve, sep } from "node:path";
import { LogitlabError } from "../../util/errors.js";
import { readErrorReason } from "../../util/readRegularFile.js";
import type { StabilityDiscovery, StabilityPair } from "./types.js";

const CHECK_PREFIX = "check_machine_";

export function discoverStabilityPairs(referenceDirs: string[], checkDir: string): StabilityDiscovery {
  const resolved = referenceDirs.map((d) => resolve(d));
  resolved.forEach((dir, i) => {
    if (resolved.indexOf(dir) !== i) throw new LogitlabError("reference folder is listed twice", { context: "stability", file: referenceDirs[i] });
    if (dir === resolve(checkDir)) throw new LogitlabError("the check folder is also a reference folder", { context: "stability", file: checkDir });
  });
  const base = commonParent([...resolved, resolve(checkDir)]);
  const show = (dir: string, file: string): string => (base ? relative(base, resolve(dir, file)) : join(dir, file));

  // name → every reference path holding it
  const references = new Map<string, string[]>();
  const absolute = new Map<string, string>();
  for (const dir of referenceDirs) {
    for (const file of jsonFiles(dir, "reference")) {
      const list = references.get(file) ?? [];
      list.push(show(dir, file));
      references.set(file, list);
      absolute.set(show(dir, file), resolve(dir, file));
    }
  }
  const checks = new Map<string, string>();
  const unmatchedCheck: string[] = [];
  for (const file of jsonFiles(checkDir, "check")) {
    if (file.startsWith(CHECK_PREFIX) && file.length > CHECK_PREFIX.length + ".json".length) {
      checks.set(file.slice(CHECK_PREFIX.length), show(checkDir, file));
      absolute.set(show(checkDir, file), resolve(checkDir, file));
    } else unmatchedCheck.push(show(checkDir, file));
  }

  const pairs: StabilityPair[] = [];
  const unmatchedReference: string[] = [];
  const invalid: { file: string; reason: string }[] = [];
  for (const [name, paths] of references) {
    const check = checks.get(name);
    if (paths.length > 1) {
      invalid.push({
        file: check ?? paths[0],
        reason: `${name} is in ${paths.length} reference folders (${paths.join(", ")}); which one is the reference is ambiguous, so it is not compared`,
      });
    } else if (check) {
      pairs.push({ name, reference: paths[0], check, referencePath: absolute.get(paths[0]) as string, checkPath: absolute.get(check) as string });
    }
    else unmatchedReference.push(paths[0]);
  }
  for (const [name, path] of checks) if (!references.has(name)) unmatchedCheck.push(path);

  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  pairs.sort((a, b) => byName(a.name, b.name));
  unmatchedReference.sort(byName);
  unmatchedCheck.sort(byName);
  invalid.sort((a, b) => byName(a.file, b.file));
  return { pairs, unmatchedReference, unmatchedCheck, invalid };
}

function jsonFiles(dir: string, role: "reference" | "check"): string[] {
  const what = `${role} folder`;
  let stat;
  try {
    stat = statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw new LogitlabError(`${what}: ${readErrorReason(error)}`, { context: "stability", file: dir, kind: "data" });
    throw new LogitlabError(`${what} not found; pass an existing folder (${role === "reference" ? "--reference / BASE_DIRS" : "--check / CHECK_DIR"})`, { context: "stability", file: dir });
  }
  if (!stat.isDirectory()) throw new LogitlabError(`${what} is not a folder`, { context: "stability", file: dir });
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new LogitlabError(`${what} cannot be listed: ${readErrorReason(error)}`, { context: "stability", file: dir, kind: "data" });
  }
  const files = entries.filter((entry) => entry.name.endsWith(".json") && !entry.isDirectory()).map((entry) => entry.name);
  if (files.length === 0) throw new LogitlabError(`${what} has no .json files`, { context: "stability", file: dir });
  return files;
}

/** Deepest folder containing all given absolute folders; undefined when that is the filesystem root. */
function commonParent(dirs: string[]): string | undefined {
  const split = dirs.map((d) => parse(d).dir.split(sep));
  const first = split[0];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  const common = first.slice(0, n).join(sep);
  return common && common !== parse(common).root ? common : undefined;
}
