// Tables from rows of plain objects for display: HTML and aligned text. The file writers — CSV in
// logitlab's one dialect and booktabs LaTeX — live in lib/io (`toCsv`, `toLatex`) and are re-exported
// here, so `import { toCsv, toLatex } from "logitlab"` keeps working.
// Columns are the union of the rows' keys in order of first appearance, unless `columns` names them.
import { formatCell } from "../io/formatCell.js";
import { isNumericColumn } from "../io/isNumericColumn.js";
import { tableColumns } from "../io/tableColumns.js";
import type { TableOptions, TableRow } from "../io/tableRow.js";
import { escapeHtml } from "./escapeHtml.js";

export { toCsv } from "../io/toCsv.js";
export { toLatex } from "../io/toLatex.js";
export { escapeLatex } from "../io/escapeLatex.js";
export { formatCell, tableColumns };
export type { TableOptions, TableRow };

/**
 * toHtmlTable: an HTML `<table>` with every header and cell escaped (`escapeHtml`), numbers
 * right-aligned with `decimals` (default 3), and an optional escaped `<caption>`.
 *
 * @example
 * toHtmlTable([{ token: "<script>", p: 0.25 }])
 * // => "<table class=\"logitlab-table\">\n<thead><tr><th style=\"text-align:left\">token</th><th style=\"text-align:right\">p</th></tr></thead>\n<tbody>\n<tr><td style=\"text-align:left\">&lt;script&gt;</td><td style=\"text-align:right\">0.250</td></tr>\n</tbody>\n</table>"
 */
export function toHtmlTable(rows: readonly TableRow[], options: TableOptions & { caption?: string } = {}): string {
  const columns = tableColumns(rows, options.columns);
  const align = columns.map((c) => (isNumericColumn(rows, c) ? "right" : "left"));
  const head = columns.map((c, i) => `<th style="text-align:${align[i]}">${escapeHtml(c)}</th>`).join("");
  const body = rows.map((row) => `<tr>${columns.map((c, i) => `<td style="text-align:${align[i]}">${escapeHtml(formatCell(row[c], options.decimals))}</td>`).join("")}</tr>`);
  return [
    '<table class="logitlab-table">',
    ...(options.caption !== undefined ? [`<caption>${escapeHtml(options.caption)}</caption>`] : []),
    `<thead><tr>${head}</tr></thead>`,
    "<tbody>",
    ...body,
    "</tbody>",
    "</table>",
  ].join("\n");
}

/**
 * toTextTable: the table as aligned plain text (numbers right-aligned), for terminals and the
 * text/plain fallback of `showTable`.
 *
 * @example
 * toTextTable([{ model: "gpt2", r: 0.5 }, { model: "llama", r: 0.75 }])
 * // => "model      r\n-----  -----\ngpt2   0.500\nllama  0.750"
 */
export function toTextTable(rows: readonly TableRow[], options: TableOptions = {}): string {
  const columns = tableColumns(rows, options.columns);
  const cells = rows.map((row) => columns.map((c) => formatCell(row[c], options.decimals).replace(/[\r\n]+/g, " ")));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const numeric = columns.map((c) => isNumericColumn(rows, c));
  const pad = (text: string, i: number): string => (numeric[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (parts: string[]): string => parts.map(pad).join("  ").trimEnd();
  return [line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}
