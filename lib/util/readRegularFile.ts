/**
 * readRegularFile: read a whole input file — only if it is a regular file no larger than `maxBytes` —
 * and turn every way that can fail into one line naming the file and what to do.
 *
 * The file is opened with O_NONBLOCK and checked with fstat on the open descriptor (no race between
 * check and read): a FIFO cannot block the run, a device such as /dev/zero cannot fill the memory,
 * a folder is named as one. The size is checked before a byte is read, and again while reading (a
 * file that grows past the cap is refused too), so no buffer ever exceeds `maxBytes`. Errors are a
 * LogitlabError of kind "data" whose reason names the condition in words and the code in brackets:
 * `permission denied (EACCES); fix the file's permissions or move it out of the folder`.
 * `scratch.buffer`, when given, is reused (and grown) so that many reads allocate once.
 *
 * Type: (path, maxBytes, scratch?) → Uint8Array (a view of `scratch.buffer` when given; valid until
 * the next read with the same scratch). Throws LogitlabError (file: path, kind "data").
 *
 * @example
 * (() => { try { readRegularFile("/dev/zero", 1024); } catch (error) { return error.reason; } })()
 * // => "is not a regular file (a device); only regular files are read"
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { LogitlabError } from "./errors.js";

const CODES: Record<string, string> = {
  ENOENT: "not found (ENOENT); check the path",
  EACCES: "permission denied (EACCES); fix the file's permissions or move it out of the way",
  EPERM: "operation not permitted (EPERM); fix the file's permissions or move it out of the way",
  EISDIR: "is a folder, not a file (EISDIR)",
  ENOTDIR: "a part of this path is a file, not a folder (ENOTDIR); check the path",
  ELOOP: "too many levels of symbolic links (ELOOP); fix the link",
  EIO: "input/output error (EIO); the disk or network file system failed; check it and run again",
  EMFILE: "too many open files (EMFILE); raise the limit (ulimit -n) and run again",
  ENFILE: "too many open files (ENFILE); raise the limit and run again",
  ENXIO: "no such device or address (ENXIO); only regular files are read",
  ERR_OUT_OF_RANGE: "is too large to read into memory (ERR_OUT_OF_RANGE)",
};

/** One line for a file-system error met while reading: the condition in words and its code. */
export function readErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && CODES[code]) return CODES[code];
  return `cannot be read (${code ?? (error as Error)?.message ?? String(error)})`;
}

export function readRegularFile(path: string, maxBytes: number, scratch?: { buffer: Buffer }): Uint8Array {
  const fail = (reason: string): never => {
    throw new LogitlabError(reason, { file: path, kind: "data" });
  };
  let fd: number | undefined;
  try {
    try {
      fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      return fail(readErrorReason(error));
    }
    let stats: Stats;
    try {
      stats = fstatSync(fd);
    } catch (error) {
      return fail(readErrorReason(error));
    }
    if (!stats.isFile()) fail(`is not a regular file (${fileKind(stats)}); only regular files are read`);
    if (stats.size > maxBytes) fail(`is ${stats.size} bytes, over the limit of ${maxBytes} bytes`);
    let buffer = scratch?.buffer;
    if (!buffer || buffer.length < stats.size + 1) buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stats.size + 1, 2 * (buffer?.length ?? 0), 4096)));
    let length = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        return fail(readErrorReason(error));
      }
      if (n === 0) break;
      length += n;
      if (length > maxBytes) fail(`grew past the limit of ${maxBytes} bytes while being read`);
      if (length === buffer.length) {
        // The file grew while being read: make room (up to the cap + 1) and go on.
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, 2 * buffer.length));
        buffer.copy(bigger);
        buffer = bigger;
      }
    }
    if (scratch) scratch.buffer = buffer;
    return buffer.subarray(0, length);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a file";
}
