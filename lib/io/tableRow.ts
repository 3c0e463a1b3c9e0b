/**
 * TableRow and TableOptions: the input of every table writer (`toCsv`, `toLatex`, and lib/plot's
 * `toHtmlTable`, `toTextTable`): rows of plain objects, column name → value. Columns are the union of
 * the rows' keys in order of first appearance, unless `columns` names them (`tableColumns`).
 */
/** One table row: column name → value (number, string, boolean, null; others are written as JSON). */
export type TableRow = Readonly<Record<string, unknown>>;

export interface TableOptions {
  /** Columns and their order; default every key, in order of first appearance. */
  columns?: readonly string[];
  /** Decimals for non-integer numbers in LaTeX, HTML and text (default 3); CSV keeps full precision. */
  decimals?: number;
}
