/**
 * perFileCsv: `per_file.csv` as text, one row per matched pair (compared or invalid), in logitlab's
 * one CSV dialect (`toCsv`: RFC 4180 quoting, LF, `inf` for an infinite perplexity, `nan` for an
 * undefined one, empty for a value a pair does not have). Columns as `perFileRows` gives them.
 *
 * Type: PerFileRow[] → string.
 *
 * @example
 * perFileCsv([]).split(",")[0]
 * // => "name"
 */
import { toCsv } from "../../io/toCsv.js";
import { PER_FILE_COLUMNS, perFileRows } from "./perFileRows.js";
import type { PerFileRow } from "./types.js";

export function perFileCsv(rows: PerFileRow[]): string {
  return toCsv(perFileRows(rows), { columns: PER_FILE_COLUMNS.map(([column]) => column) });
}
