/**
 * tempPaths: the temp files and staging folders of this process's unfinished writes, so that an
 * interrupt leaves none behind, and the removal of those a killed run left.
 *
 *   - `trackTemp(path)` registers a temp path (an `AtomicFile`'s `<path>.tmp-<pid>-<n>`, an
 *     `OutputFolder`'s `.<name>.staging-<pid>-<n>`); the returned function unregisters it.
 *   - `installSignalCleanup()` (the CLI calls it; a notebook kernel keeps its own SIGINT) makes
 *     SIGINT, SIGTERM and SIGHUP remove every registered path and exit 128 + signal number (130,
 *     143, 129), the shell's convention.
 *   - `removeStaleTemps(folder, prefix)` removes entries `<prefix><pid>-<n>` whose process is gone
 *     (SIGKILL cannot be caught, so the next run in the same place cleans up); the entries of live
 *     processes (another run writing there now) are left alone.
 *
 * Type: trackTemp(path) → () => void; installSignalCleanup() → void; removeStaleTemps(folder, prefix) → removed paths.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-stale-");
 * (await import("node:fs")).writeFileSync(`${dir}/a.csv.tmp-999999999-0`, "");
 * removeStaleTemps(dir, "a.csv.tmp-").map((p) => p.slice(dir.length))
 * // => ["/a.csv.tmp-999999999-0"]
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const live = new Set<string>();
let installed = false;

const SIGNALS: [NodeJS.Signals, number][] = [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]];

export function trackTemp(path: string): () => void {
  live.add(path);
  return () => void live.delete(path);
}

/** Removes every registered temp path now (what the signal handlers do before exiting). */
export function removeTrackedTemps(): void {
  for (const path of live) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // best effort while exiting
    }
  }
  live.clear();
}

export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of SIGNALS) {
    process.on(signal, () => {
      removeTrackedTemps();
      process.stderr.write(`\nlogitlab: interrupted (${signal}); unfinished outputs removed\n`);
      process.exit(code);
    });
  }
}

export function removeStaleTemps(folder: string, prefix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)-\d+$/.exec(name.slice(prefix.length));
    if (!match || processAlive(Number(match[1]))) continue;
    try {
      rmSync(join(folder, name), { recursive: true, force: true });
      removed.push(join(folder, name));
    } catch {
      // not ours to fight over: leave it
    }
  }
  return removed;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}
