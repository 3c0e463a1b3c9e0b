/**
 * outputError: a file-system error met while writing `path`, as one line that says what is wrong and
 * what to do, instead of a raw `ENOTDIR: not a directory, mkdir '/dev/null/x'`.
 *
 * Codes mapped: EACCES and EPERM (permission), ENOSPC and EDQUOT (disk full or quota), EEXIST,
 * EISDIR, ENOTDIR (a part of the path is a file or device), EROFS (read-only file system). Any other
 * error is returned as it is (a bug or an unexpected condition, shown with its stack on --verbose).
 * The LogitlabError has `kind: "io"`, which the CLI turns into exit status 1.
 *
 * Type: (unknown error, path) → Error.
 *
 * @example
 * outputError(Object.assign(new Error("ENOTDIR"), { code: "ENOTDIR" }), "/dev/null/x").message
 * // => "/dev/null/x: a part of this path is a file, not a folder (ENOTDIR); choose another output path (--out)"
 */
import { LogitlabError } from "../util/errors.js";

const REASONS: Record<string, string> = {
  EACCES: "permission denied (EACCES); choose another output path (--out) or fix the folder's permissions",
  EPERM: "operation not permitted (EPERM); choose another output path (--out) or fix the folder's permissions",
  ENOSPC: "no space left on the device (ENOSPC); free some space or choose another output path (--out)",
  EDQUOT: "disk quota exceeded (EDQUOT); free some space or choose another output path (--out)",
  EEXIST: "already exists and cannot be replaced (EEXIST); remove it or choose another output path (--out)",
  EISDIR: "is a folder, not a file (EISDIR); remove it or choose another output path (--out)",
  ENOTDIR: "a part of this path is a file, not a folder (ENOTDIR); choose another output path (--out)",
  EROFS: "the file system is read-only (EROFS); choose another output path (--out)",
};

export function outputError(error: unknown, path: string): Error {
  if (error instanceof LogitlabError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ? REASONS[code] : undefined;
  if (!reason) return error instanceof Error ? error : new Error(String(error));
  return new LogitlabError(reason, { file: path, kind: "io" });
}
