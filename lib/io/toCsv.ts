/**
 * toCsv: rows as CSV text in logitlab's one dialect (see `csvField`: RFC 4180 quoting, LF line ends,
 * full-precision numbers, `inf` / `-inf` / `nan`, empty for null, booleans 1/0), header line first.
 *
 * Type: (TableRow[], { columns? }) → string.
 *
 * @example
 * toCsv([{ model: "gpt2", note: 'say "hi", ok', r: 0.5 }])
 * // => "model,note,r\ngpt2,\"say \"\"hi\"\", ok\",0.5\n"
 */
import { csvField } from "./csvField.js";
import { tableColumns } from "./tableColumns.js";
import type { TableOptions, TableRow } from "./tableRow.js";

export function toCsv(rows: readonly TableRow[], options: Pick<TableOptions, "columns"> = {}): string {
  const columns = tableColumns(rows, options.columns);
  return [columns.map(csvField).join(","), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(","))].join("\n") + "\n";
}
