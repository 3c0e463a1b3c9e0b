/**
 * tableColumns: the column names of a table: `columns` when given, else the union of the rows' keys
 * in order of first appearance. Throws LogitlabError when `rows` is not an array of objects.
 *
 * @example
 * tableColumns([{ a: 1 }, { b: 2, a: 3 }])
 * // => ["a", "b"]
 */
import { LogitlabError } from "../util/errors.js";
import type { TableRow } from "./tableRow.js";

export function tableColumns(rows: readonly TableRow[], columns?: readonly string[]): string[] {
  if (!Array.isArray(rows)) throw new LogitlabError("rows must be an array of objects", { context: "table" });
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object" || Array.isArray(row)) throw new LogitlabError(`row ${i} is not an object`, { context: "table" });
  });
  if (columns) return [...columns];
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}
