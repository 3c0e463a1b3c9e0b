/**
 * The parts every self-contained logitlab HTML page shares (figure export, the reasoning-words
 * dashboard, the interpret page, the app): the document head, plotly.js inlined safely, a figure's
 * `<div>` with its spec in a `<script type="application/json">` (`<` written as \u003c, read with
 * JSON.parse, so no string of data becomes markup or code), and the one loader script that draws them.
 *
 * @example
 * const page = htmlPage({ title: "<T>", style: "body{margin:0}", body: [figureBlock("f", { data: [], layout: {} }), `<script>${DRAW_FIGURES}</script>`] });
 * [page.startsWith("<!DOCTYPE html>"), page.includes("<title>&lt;T&gt;</title>"), page.includes('<div class="figure" id="f"></div>')]
 * // => [true, true, true]
 */
import { readFileSync } from "node:fs";
import { LogitlabError } from "../util/errors.js";
import { escapeHtml } from "./escapeHtml.js";
import type { Figure } from "./figure.js";
import { notebookTheme, withTheme, type Theme } from "./theme.js";

/** JSON that is safe inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 as \u escapes. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Draws every `<script type="application/json" id="X-spec">` into the element with id X. */
export const DRAW_FIGURES = [
  "for (const node of document.querySelectorAll('script[type=\"application/json\"][id$=\"-spec\"]')) {",
  "  const spec = JSON.parse(node.textContent);",
  "  Plotly.newPlot(node.id.slice(0, -5), spec.data, spec.layout, spec.config);",
  "}",
].join("\n");

const sources = new Map<string, string>();

/**
 * The text of a plotly.js bundle for an inline `<script>`, read once per path; one LogitlabError line
 * (naming `context`) when it contains `</script` or `<!--`, which would end or break the element.
 */
export function inlinePlotly(bundle: string, context: string): string {
  let source = sources.get(bundle);
  if (source === undefined) {
    source = readFileSync(bundle, "utf8");
    if (/<!--|<\/script/i.test(source)) {
      throw new LogitlabError(`the installed plotly.js (${bundle}) contains </script or <!--; it cannot be inlined safely`, { context });
    }
    sources.set(bundle, source);
  }
  return source;
}

/** A figure's place (`<div class="figure" id>`) and its spec (id + "-spec"), themed (default notebookTheme; null: as it is). */
export function figureBlock(id: string, fig: Figure, theme: Theme | null = notebookTheme): string {
  const themed = theme ? withTheme(fig, theme) : fig;
  const spec = { data: themed.data, layout: themed.layout, config: { responsive: true, displaylogo: false, ...(fig.config ?? {}) } };
  const safe = escapeHtml(id);
  return `<div class="figure" id="${safe}"></div>\n<script type="application/json" id="${safe}-spec">${jsonForScript(spec)}</script>`;
}

/** A whole page: doctype, head (charset, `head` lines such as a CSP, viewport, escaped title, style, `scripts`), then `body` lines. */
export function htmlPage(options: { title: string; style: string; head?: readonly string[]; scripts?: readonly string[]; body: readonly string[] }): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    ...(options.head ?? []),
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${options.style}</style>`,
    ...(options.scripts ?? []),
    "</head>",
    "<body>",
    ...options.body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
