/**
 * writeFileAtomic: write a file so that readers see either the old content or the new, never half.
 *
 * Writes to `<path>.tmp-<pid>-<n>` in the same folder (same filesystem, so the rename is atomic on
 * POSIX), fsyncs it, then renames it over `path`. Parent folders are created. On error the temp file
 * is removed and the old file is untouched.
 *
 * @example
 * await writeFileAtomic("/tmp/logitlab-example.txt", "hello"); (await import("node:fs")).readFileSync("/tmp/logitlab-example.txt", "utf8")
 * // => "hello"
 */
import { mkdirSync, openSync, writeSync, fsyncSync, closeSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";

let counter = 0;

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  writeFileAtomicSync(path, data);
}

/** Synchronous form of {@link writeFileAtomic}. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${counter++}`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, "w");
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}
