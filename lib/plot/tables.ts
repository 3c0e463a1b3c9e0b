// Tables from rows of plain objects: LaTeX (booktabs), CSV (RFC 4180), HTML and aligned text.
// Columns are the union of the rows' keys in order of first appearance, unless `columns` names them.
import { LogitlabError } from "../util/errors.js";
import { escapeHtml } from "./escapeHtml.js";

/** One table row: column name → value (number, string, boolean, null; others are written as JSON). */
export type TableRow = Readonly<Record<string, unknown>>;

export interface TableOptions {
  /** Columns and their order; default every key, in order of first appearance. */
  columns?: readonly string[];
  /** Decimals for non-integer numbers in LaTeX, HTML and text (default 3); CSV keeps full precision. */
  decimals?: number;
}

/** The column names of a table. */
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

/** A cell as display text: integers as is, other numbers with `decimals` (exponent form when tiny or huge). */
export function formatCell(value: unknown, decimals = 3): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    const magnitude = Math.abs(value);
    if (magnitude !== 0 && (magnitude < 10 ** -decimals || magnitude >= 1e6)) return value.toExponential(Math.max(decimals - 1, 1));
    return value.toFixed(decimals);
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}

function isNumericColumn(rows: readonly TableRow[], column: string): boolean {
  const present = rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined);
  return present.length > 0 && present.every((v) => typeof v === "number");
}

/**
 * toCsv: a CSV text (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180): a header line, CRLF line
 * ends, and a field quoted — with inner quotes doubled — when it holds a comma, quote, CR or LF.
 * Numbers keep full precision (shortest round-trip form); null and undefined are empty fields.
 *
 * @example
 * toCsv([{ model: "gpt2", note: 'say "hi", ok', r: 0.5 }])
 * // => "model,note,r\r\ngpt2,\"say \"\"hi\"\", ok\",0.5\r\n"
 */
export function toCsv(rows: readonly TableRow[], options: Pick<TableOptions, "columns"> = {}): string {
  const columns = tableColumns(rows, options.columns);
  const field = (value: unknown): string => {
    const text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.map(field).join(","), ...rows.map((row) => columns.map((c) => field(row[c])).join(","))].join("\r\n") + "\r\n";
}

const LATEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}", "&": "\\&", "%": "\\%", $: "\\$", "#": "\\#", _: "\\_", "{": "\\{", "}": "\\}",
  "~": "\\textasciitilde{}", "^": "\\textasciicircum{}",
};

/** Text with LaTeX's special characters escaped (for cells and headers). */
export function escapeLatex(text: string): string {
  return text.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIALS[c]).replace(/[\r\n]+/g, " ");
}

/**
 * toLatex: a booktabs table (`\toprule`, `\midrule`, `\bottomrule`; needs `\usepackage{booktabs}`)
 * inside a `table` float with `\caption` and `\label` when given. Cells and headers are escaped;
 * caption is LaTeX you write (so `$\rho$` works). Number columns are right-aligned, others left;
 * numbers use `decimals` (default 3) and `$a \times 10^{b}$` when tiny or huge.
 *
 * @example
 * toLatex([{ model: "gpt_2", r: 0.8734 }], { caption: "Correlation", label: "tab:r" }).split("\n").slice(4, 10)
 * // => ["  \\begin{tabular}{lr}", "    \\toprule", "    model & r \\\\", "    \\midrule", "    gpt\\_2 & 0.873 \\\\", "    \\bottomrule"]
 */
export function toLatex(rows: readonly TableRow[], options: TableOptions & { caption?: string; label?: string; placement?: string } = {}): string {
  const columns = tableColumns(rows, options.columns);
  if (columns.length === 0) throw new LogitlabError("a LaTeX table needs at least one column", { context: "toLatex" });
  const decimals = options.decimals ?? 3;
  const cell = (value: unknown): string => {
    if (typeof value === "number" && Number.isFinite(value)) {
      const text = formatCell(value, decimals);
      const exp = /^(-?[\d.]+)e([+-]\d+)$/.exec(text);
      return exp ? `$${exp[1]} \\times 10^{${Number(exp[2])}}$` : text;
    }
    if (typeof value === "number") return Number.isNaN(value) ? "--" : value > 0 ? "$\\infty$" : "$-\\infty$";
    return escapeLatex(formatCell(value, decimals));
  };
  const align = columns.map((c) => (isNumericColumn(rows, c) ? "r" : "l")).join("");
  const lines = [
    `\\begin{table}[${options.placement ?? "t"}]`,
    "  \\centering",
    ...(options.caption !== undefined ? [`  \\caption{${options.caption}}`] : []),
    ...(options.label !== undefined ? [`  \\label{${options.label}}`] : []),
    `  \\begin{tabular}{${align}}`,
    "    \\toprule",
    `    ${columns.map(escapeLatex).join(" & ")} \\\\`,
    "    \\midrule",
    ...rows.map((row) => `    ${columns.map((c) => cell(row[c])).join(" & ")} \\\\`),
    "    \\bottomrule",
    "  \\end{tabular}",
    "\\end{table}",
    "",
  ];
  return lines.join("\n");
}

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
