/**
 * AtomicFile: the one atomic-write primitive. Bytes go to a temp file beside the target
 * (`<path>.tmp-<pid>-<n>`, same folder, so same file system); `commit()` fsyncs it and renames it over
 * `path`, so a reader sees the old file or the new one, never half; `abort()` removes the temp file and
 * leaves the old one untouched. `writeFileAtomic` and the streaming CSV writers are built on it.
 *
 * The temp file is registered (`trackTemp`) so that SIGINT/SIGTERM in the CLI remove it, and temp
 * files of this target left by killed runs (their pid gone) are removed first (`removeStaleTemps`).
 *
 * Before anything is written the target is checked (`assertReplaceableFile`: never over a folder or a
 * device) and parent folders are created; a file-system error becomes one line (`outputError`).
 *
 * @example
 * const file = new AtomicFile("/tmp/logitlab-example/atomic.txt"); file.write(new TextEncoder().encode("hi")); file.commit();
 * (await import("node:fs")).readFileSync("/tmp/logitlab-example/atomic.txt", "utf8")
 * // => "hi"
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname } from "node:path";
import { assertReplaceableFile } from "./assertReplaceableFile.js";
import { outputError } from "./outputError.js";
import { removeStaleTemps, trackTemp } from "./tempPaths.js";

let counter = 0;

export class AtomicFile {
  /** The target path. */
  readonly path: string;
  /** The temp file the bytes go to until `commit()`. */
  readonly temp: string;
  private fd: number | undefined;
  private untrack: () => void = () => {};

  constructor(path: string) {
    this.path = path;
    assertReplaceableFile(path);
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw outputError(error, dirname(path));
    }
    removeStaleTemps(dirname(path), `${basename(path)}.tmp-`);
    this.temp = `${path}.tmp-${process.pid}-${counter++}`;
    try {
      this.fd = openSync(this.temp, "w");
    } catch (error) {
      throw outputError(error, path);
    }
    this.untrack = trackTemp(this.temp);
  }

  /** Appends `length` bytes of `bytes` from `offset` (default: all of it). */
  write(bytes: Uint8Array, offset = 0, length = bytes.length - offset): void {
    if (this.fd === undefined) throw new Error(`AtomicFile ${this.path}: already closed`);
    try {
      const end = offset + length;
      while (offset < end) offset += writeSync(this.fd, bytes, offset, end - offset);
    } catch (error) {
      this.abort();
      throw outputError(error, this.path);
    }
  }

  /** fsyncs the temp file and renames it over `path`. */
  commit(): void {
    if (this.fd === undefined) throw new Error(`AtomicFile ${this.path}: already closed`);
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.temp, this.path);
      this.untrack();
    } catch (error) {
      this.abort();
      throw outputError(error, this.path);
    }
  }

  /** Drops the temp file; the previous `path` (if any) is untouched. Safe to call twice. */
  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.temp, { force: true });
    this.untrack();
  }
}
