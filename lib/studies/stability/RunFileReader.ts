/**
 * RunFileReader: reads run files whole into one reused buffer, and only what may be read: a regular
 * file (not a FIFO, device, socket or folder; a symbolic link is judged by its target) of at most
 * `maxBytes` — `LOGITLAB_MAX_RUN_FILE_BYTES`, default 256 MiB (a run file that large holds about
 * 10^7 top-k entries). Anything else comes back as `error`, one line the study lists under
 * `files.invalid` before it goes on with the other pairs; nothing is ever read past the cap, so a
 * file of any size (or /dev/zero behind a link) costs at most the cap in memory.
 *
 * The bytes live only until the next read (the parser copies what it keeps), so 20,000 pairs do not
 * leave 20,000 dead buffers for the GC to find.
 *
 * Type: new (maxBytes?) → { read(path) → { bytes?, error?, size } }.
 *
 * @example
 * new RunFileReader(1 << 20).read("/dev/zero").error
 * // => "is not a regular file (a device); only regular files are read"
 */
import { LogitlabError } from "../../util/errors.js";
import { readRegularFile } from "../../util/readRegularFile.js";

/** Default cap on one run file's size: 256 MiB. */
export const RUN_FILE_MAX_BYTES = 256 * 1024 * 1024;

export class RunFileReader {
  readonly maxBytes: number;
  private scratch = { buffer: Buffer.alloc(1 << 16) };

  constructor(maxBytes = runFileMaxBytes(process.env)) {
    this.maxBytes = maxBytes;
  }

  read(path: string): { bytes?: Uint8Array; error?: string; size: number | null } {
    try {
      const bytes = readRegularFile(path, this.maxBytes, this.scratch);
      return { bytes, size: bytes.length };
    } catch (error) {
      if (!(error instanceof LogitlabError)) throw error;
      const reason = error.reason.startsWith("is ") && error.reason.includes("over the limit")
        ? `${error.reason} (LOGITLAB_MAX_RUN_FILE_BYTES); raise the limit to read it`
        : error.reason;
      return { error: reason, size: null };
    }
  }
}

/** The cap from `LOGITLAB_MAX_RUN_FILE_BYTES` (a positive decimal integer), else the default. */
export function runFileMaxBytes(env: Record<string, string | undefined>): number {
  const text = env.LOGITLAB_MAX_RUN_FILE_BYTES;
  if (text === undefined || text === "") return RUN_FILE_MAX_BYTES;
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new LogitlabError(`must be a positive whole number of bytes, got ${JSON.stringify(text)}`, { context: "stability", file: "environment", field: "LOGITLAB_MAX_RUN_FILE_BYTES" });
  }
  return n;
}
