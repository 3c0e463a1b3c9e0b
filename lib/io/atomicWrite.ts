/**
 * writeFileAtomic: write a file so that readers see either the old content or the new, never half.
 *
 * One `AtomicFile`: the bytes go to `<path>.tmp-<pid>-<n>` in the same folder (same filesystem, so
 * the rename is atomic on POSIX), are fsynced, then renamed over `path`. Parent folders are created.
 * On error the temp file is removed and the old file is untouched; a target that is a folder or a
 * device is refused, and a file-system error is one line naming the path (`outputError`).
 *
 * @example
 * await writeFileAtomic("/tmp/logitlab-example.txt", "hello"); (await import("node:fs")).readFileSync("/tmp/logitlab-example.txt", "utf8")
 * // => "hello"
 */
import { AtomicFile } from "./AtomicFile.js";

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  writeFileAtomicSync(path, data);
}

/** Synchronous form of {@link writeFileAtomic}. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const file = new AtomicFile(path);
  file.write(typeof data === "string" ? Buffer.from(data, "utf8") : data);
  file.commit();
}
