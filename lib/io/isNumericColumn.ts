/**
 * isNumericColumn: whether every present (non-null) value of a column is a number — such columns are
 * right-aligned by the table writers.
 *
 * @example
 * isNumericColumn([{ r: 0.5 }, { r: null }], "r")
 * // => true
 */
import type { TableRow } from "./tableRow.js";

export function isNumericColumn(rows: readonly TableRow[], column: string): boolean {
  const present = rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined);
  return present.length > 0 && present.every((v) => typeof v === "number");
}
