/**
 * readParquetDump: the sequences of a Parquet dump, read with hyparquet (a maintained pure-JS reader).
 * One row per sequence, with the columns of a `dumpRecord`: "ids" (list of integers), optional "start"
 * (integer), and "logits" (list of lists of floats) or "topIds" + "topProbs" (lists of lists). pandas:
 * `pd.DataFrame({"ids": [...], "logits": [...]}).to_parquet("dump.parquet")`. The file is indexed by
 * its ids/start columns; a sequence's rows are read from its own Parquet row when asked. Regular files
 * only, at most 64 GiB; bad rows are one LogitlabError line naming the file, row and field.
 *
 * @example
 * (async () => { try { await readParquetDump("test/fixtures/engines/not-a-model.gguf"); } catch (error) { return error.message.includes("not a Parquet file"); } })()
 * // => true
 */
import { closeSync } from "node:fs";
import { basename } from "node:path";
import type { FileMetaData } from "hyparquet";
import { LogitlabError } from "../../util/errors.js";
import type { EngineRow } from "../Engine.js";
import { dumpRecord } from "./dumpRecord.js";
import type { DumpSequence } from "./DumpSequence.js";
import { openRegularFile } from "./openRegularFile.js";

export async function readParquetDump(path: string): Promise<{ sequences: DumpSequence[]; vocabSize: number | undefined }> {
  closeSync(openRegularFile(path, 64 * 2 ** 30, "dump").fd);
  const fail = (reason: string, position?: string, field?: string): never => {
    throw new LogitlabError(reason, { context: "dump", file: path, position, field, kind: "data" });
  };
  // Imported on use: only Parquet dumps need it.
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } = await import("hyparquet");
  const file = await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    return fail(`is not a Parquet file: ${(error as Error).message.split("\n")[0]}`);
  }
  const columns = parquetSchema(metadata).children.map((child) => child.element.name);
  if (!columns.includes("ids")) fail(`has no "ids" column (columns: ${columns.join(", ")})`, undefined, "ids");
  const valueColumns = columns.includes("logits") ? ["logits"] : ["topIds", "topProbs"];
  if (!valueColumns.every((column) => columns.includes(column))) {
    fail(`has no "logits" column, nor "topIds" with "topProbs" (columns: ${columns.join(", ")})`, undefined, "logits");
  }
  const withStart = columns.includes("start");
  const read = async (rowStart: number, rowEnd: number, wanted: string[]) => {
    try {
      return await parquetReadObjects({ file, metadata, rowStart, rowEnd, columns: wanted });
    } catch (error) {
      return fail(`cannot be read: ${(error as Error).message.split("\n")[0]}`, `rows ${rowStart + 1}–${rowEnd}`);
    }
  };
  const rowCount = Number(metadata.num_rows);
  if (rowCount === 0) fail("holds no rows");
  // One sequence's parsed rows at a time.
  let cached: { k: number; rows: EngineRow[] } | undefined;
  const rowsOf = async (k: number): Promise<EngineRow[]> => {
    if (cached?.k !== k) cached = { k, rows: dumpRecord((await read(k, k + 1, ["ids", ...(withStart ? ["start"] : []), ...valueColumns]))[0], path, `row ${k + 1}`).rows };
    return cached.rows;
  };
  const sequences: DumpSequence[] = [];
  let vocabSize: number | undefined;
  for (let k = 0; k < rowCount; k++) {
    // Each row is checked whole once (values included), then only its ids/start are kept.
    const [row] = await read(k, k + 1, ["ids", ...(withStart ? ["start"] : []), ...valueColumns]);
    const record = dumpRecord(row, path, `row ${k + 1}`);
    if (record.vocabSize !== undefined) {
      vocabSize ??= record.vocabSize;
      if (record.vocabSize !== vocabSize) fail(`rows have ${record.vocabSize} values, earlier rows ${vocabSize}`, `row ${k + 1}`, "logits");
    }
    sequences.push({
      ids: record.ids,
      start: record.start,
      rows: record.rows.length,
      where: `${basename(path)} row ${k + 1}`,
      row: async (i) => (await rowsOf(k))[i],
    });
  }
  return { sequences, vocabSize };
}
