import { plotlyPath } from "../../plot/browser.js";
import { escapeHtml } from "../../plot/escapeHtml.js";
import type { Figure } from "../../plot/figure.js";
import { DRAW_FIGURES, figureBlock, htmlPage, inlinePlotly } from "../../plot/htmlPage.js";

/** A table of the dashboard: a caption, column names and rows of plain text cells (escaped on output). */
export interface DashboardTable {
  caption: string;
  columns: string[];
  rows: (string | number | null)[][];
}

/**
 * reasoningDashboardHtml: the reasoning-words `dashboard.html` — one self-contained page that opens
 * offline from disk: plotly.js inlined from the installed plotly.js-dist-min (no CDN, no image files
 * linked, unlike the original's dashboard), every figure drawn from its spec (embedded as JSON in a
 * `<script type="application/json">`, `<` escaped, parsed with JSON.parse), the tables (summary,
 * word → tokens per model) and the notes. Every text — captions, cells, figure names, token strings —
 * goes through `escapeHtml`; numbers are shown with 4 significant digits.
 *
 * Type: (title, intro lines, tables, figures by name, notes) → HTML text.
 *
 * @example
 * const html = reasoningDashboardHtml("t", ["<b>x</b>"], [{ caption: "c", columns: ["a"], rows: [["<Ġso>"]] }], { f: { data: [], layout: {} } }, []);
 * [html.includes("&lt;Ġso&gt;"), html.includes('id="figure-f"'), html.includes("<b>x</b>")]
 * // => [true, true, false]
 */
export function reasoningDashboardHtml(title: string, intro: readonly string[], tables: readonly DashboardTable[], figures: Readonly<Record<string, Figure>>, notes: readonly string[]): string {
  const plotly = inlinePlotly(plotlyPath(), "dashboard");
  const cell = (v: string | number | null) => (v === null ? "–" : typeof v === "number" ? (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v)) : escapeHtml(v));
  const tableHtml = (t: DashboardTable) => [
    `<h2>${escapeHtml(t.caption)}</h2>`,
    "<table>",
    `<thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...t.rows.map((r) => `<tr>${r.map((v) => `<td>${cell(v)}</td>`).join("")}</tr>`),
    "</tbody></table>",
  ].join("\n");
  const figureBlocks = Object.entries(figures).map(([name, fig]) => `<h2>${escapeHtml(name)}</h2>\n${figureBlock(`figure-${name}`, fig)}`);
  return htmlPage({
    title,
    style: "body{margin:1.5rem auto;max-width:1100px;font-family:'DejaVu Sans',Arial,sans-serif}table{border-collapse:collapse;margin-bottom:1.5rem;font-size:0.85rem}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td:first-child,th:first-child{text-align:left}.figure{margin-bottom:2rem}code{white-space:pre}",
    scripts: [`<script>${plotly}</script>`],
    body: [
      `<h1>${escapeHtml(title)}</h1>`,
      ...intro.map((line) => `<p>${escapeHtml(line)}</p>`),
      ...tables.map(tableHtml),
      ...(notes.length ? ["<h2>Notes</h2>", "<ul>", ...notes.map((n) => `<li>${escapeHtml(n)}</li>`), "</ul>"] : []),
      ...figureBlocks,
      "<script>",
      DRAW_FIGURES,
      "</script>",
    ],
  });
}
