/**
 * readJsonlDump: the sequences of a JSON Lines dump, one `dumpRecord` per non-blank line (format there).
 * The file is read once to check every line and index it (ids, start, row count, byte range); rows are
 * parsed again from their line when asked, holding one sequence's rows at a time, never the file.
 * Bounds: regular files only, at most `maxBytes` (default 64 GiB) in all and `maxLineBytes` (default
 * 256 MiB) a line. A bad line is one LogitlabError naming the file, the line and the field.
 *
 * @example
 * const path = (await import("node:fs")).mkdtempSync("/tmp/logitlab-jsonl-") + "/d.jsonl";
 * (await import("node:fs")).writeFileSync(path, JSON.stringify({ ids: [1, 0], logits: [[0, 1], [1, 0]] }) + "\n");
 * const [sequence] = readJsonlDump(path).sequences;
 * [sequence.ids, sequence.rows, sequence.where]
 * // => [[1, 0], 2, "d.jsonl line 1"]
 */
import { closeSync, readSync } from "node:fs";
import { basename } from "node:path";
import { LogitlabError } from "../../util/errors.js";
import type { EngineRow } from "../Engine.js";
import { dumpRecord } from "./dumpRecord.js";
import type { DumpSequence } from "./DumpSequence.js";
import { openRegularFile } from "./openRegularFile.js";

export interface JsonlDumpOptions {
  maxBytes?: number;
  maxLineBytes?: number;
}

export function readJsonlDump(path: string, options: JsonlDumpOptions = {}): { sequences: DumpSequence[]; vocabSize: number | undefined } {
  const maxLineBytes = options.maxLineBytes ?? 256 * 2 ** 20;
  const { fd } = openRegularFile(path, options.maxBytes ?? 64 * 2 ** 30, "dump");
  const lines: { line: number; begin: number; end: number }[] = [];
  const parseLine = (bytes: Buffer, line: number) => {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      throw new LogitlabError(`is not valid JSON: ${(error as Error).message}`, { context: "dump", file: path, position: `line ${line}`, kind: "data" });
    }
    return dumpRecord(value, path, `line ${line}`);
  };
  const sequences: DumpSequence[] = [];
  let vocabSize: number | undefined;
  try {
    const chunk = Buffer.alloc(1 << 22);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let offset = 0;
    let lineStart = 0;
    let line = 0;
    const finish = (end: number) => {
      line++;
      const bytes = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      const begin = lineStart;
      lineStart = end + 1;
      if (bytes.toString("utf8").trim() === "") return;
      const record = parseLine(bytes, line);
      if (record.vocabSize !== undefined) {
        vocabSize ??= record.vocabSize;
        if (record.vocabSize !== vocabSize) {
          throw new LogitlabError(`rows have ${record.vocabSize} values, earlier lines ${vocabSize}`, { context: "dump", file: path, position: `line ${line}`, field: "logits", kind: "data" });
        }
      }
      lines.push({ line, begin, end });
      const at = lines.length - 1;
      sequences.push({ ids: record.ids, start: record.start, rows: record.rows.length, where: `${basename(path)} line ${line}`, row: (i) => rowOf(at, i) });
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, offset);
      if (n === 0) break;
      let from = 0;
      for (;;) {
        const newline = chunk.indexOf(10, from);
        const stop = newline < 0 || newline >= n ? n : newline;
        pendingBytes += stop - from;
        if (pendingBytes > maxLineBytes) {
          throw new LogitlabError(`is longer than the limit of ${maxLineBytes} bytes`, { context: "dump", file: path, position: `line ${line + 1}`, kind: "data" });
        }
        pending.push(Buffer.from(chunk.subarray(from, stop)));
        if (stop === n) break;
        finish(offset + stop);
        from = stop + 1;
      }
      offset += n;
    }
    if (pendingBytes > 0) finish(offset);
  } finally {
    closeSync(fd);
  }
  if (sequences.length === 0) throw new LogitlabError("holds no records", { context: "dump", file: path, kind: "data" });

  // One sequence's parsed rows at a time.
  let cached: { at: number; rows: EngineRow[] } | undefined;
  function rowOf(at: number, i: number): Promise<EngineRow> {
    if (cached?.at !== at) {
      const { line, begin, end } = lines[at];
      const { fd } = openRegularFile(path, options.maxBytes ?? 64 * 2 ** 30, "dump");
      try {
        const bytes = Buffer.alloc(end - begin);
        readSync(fd, bytes, 0, bytes.length, begin);
        cached = { at, rows: parseLine(bytes, line).rows };
      } finally {
        closeSync(fd);
      }
    }
    return Promise.resolve(cached.rows[i]);
  }
  return { sequences, vocabSize };
}
