/**
 * assertReplaceableFile: refuse to write over a path that exists and is not a regular file — a
 * folder, a device (`/dev/null`), a socket or a pipe — with one line naming it. A symbolic link is
 * judged by what it points to; a missing path is fine. Every atomic write checks this first, because
 * its final rename would otherwise replace the folder entry of a device or fail with a raw EISDIR.
 *
 * Type: path → void; throws LogitlabError (`kind: "io"`).
 *
 * @example
 * (() => { try { assertReplaceableFile("/dev/null"); return "allowed"; } catch (error) { return error.message; } })()
 * // => "/dev/null: exists and is not a regular file (a device, socket or pipe); writing would replace it, so choose another output path (--out)"
 */
import { lstatSync, statSync, type Stats } from "node:fs";
import { LogitlabError } from "../util/errors.js";
import { outputError } from "./outputError.js";

export function assertReplaceableFile(path: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(path);
    if (stats.isSymbolicLink()) stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return; // nothing there (or a dangling link): the rename creates the file
    throw outputError(error, path);
  }
  if (stats.isFile()) return;
  const what = stats.isDirectory() ? "a folder" : "a device, socket or pipe";
  throw new LogitlabError(`exists and is not a regular file (${what}); writing would replace it, so choose another output path (--out)`, { file: path, kind: "io" });
}
