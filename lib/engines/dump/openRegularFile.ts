/**
 * openRegularFile: a read-only file descriptor for an input file, refused in one LogitlabError line
 * unless it is a regular file no larger than `maxBytes` (opened with O_NONBLOCK and checked with fstat
 * on the open descriptor, as `readRegularFile` does: a FIFO cannot block, a device cannot be read).
 * Returns the descriptor and the size; the caller closes it.
 *
 * @example
 * (() => { try { openRegularFile("/dev/zero", 1024, "dump"); } catch (error) { return error.reason; } })()
 * // => "is not a regular file; a dump is read from regular files only"
 */
import { closeSync, constants, fstatSync, openSync } from "node:fs";
import { readErrorReason } from "../../util/readRegularFile.js";
import { LogitlabError } from "../../util/errors.js";

export function openRegularFile(path: string, maxBytes: number, context: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new LogitlabError(readErrorReason(error), { context, file: path, kind: "data" });
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw new LogitlabError("is not a regular file; a dump is read from regular files only", { context, file: path, kind: "data" });
  }
  if (stats.size > maxBytes) {
    closeSync(fd);
    throw new LogitlabError(`is ${stats.size} bytes, over the limit of ${maxBytes} bytes`, { context, file: path, kind: "data" });
  }
  return { fd, size: stats.size };
}
