/**
 * toLatex: a booktabs table (`\toprule`, `\midrule`, `\bottomrule`; needs `\usepackage{booktabs}`)
 * inside a `table` float with `\caption` and `\label` when given. Cells and headers are escaped;
 * caption is LaTeX you write (so `$\rho$` works). Number columns are right-aligned, others left;
 * numbers use `decimals` (default 3) and `$a \times 10^{b}$` when tiny or huge; NaN is `--` and the
 * infinities `$\infty$` / `$-\infty$`. The one TeX table writer of logitlab (study outputs use it too).
 *
 * @example
 * toLatex([{ model: "gpt_2", r: 0.8734 }], { caption: "Correlation", label: "tab:r" }).split("\n").slice(4, 10)
 * // => ["  \\begin{tabular}{lr}", "    \\toprule", "    model & r \\\\", "    \\midrule", "    gpt\\_2 & 0.873 \\\\", "    \\bottomrule"]
 */
import { escapeLatex } from "./escapeLatex.js";
import { formatCell } from "./formatCell.js";
import { isNumericColumn } from "./isNumericColumn.js";
import { tableColumns } from "./tableColumns.js";
import type { TableOptions, TableRow } from "./tableRow.js";
import { LogitlabError } from "../util/errors.js";

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

