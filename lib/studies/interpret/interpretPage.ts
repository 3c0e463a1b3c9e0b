/**
 * interpretPage: the one self-contained HTML page `logitlab interpret` writes — the text, its tokens,
 * the next-token distribution, attention, saliency and the logit lens (`interpretFigures`), with
 * plotly.js inlined from the installed package, so it works offline and loads nothing from the network.
 *
 * Safety, in two layers: (1) every string from the text or the model enters the page either escaped
 * (`escapeHtml`, for the text shown as HTML) or inside `<script type="application/json">` with `<`, `>`
 * and `&` as \u escapes (`jsonForScript`), parsed with JSON.parse, and the builders escape token
 * strings again for Plotly's own markup; (2) a Content-Security-Policy that runs only the page's own
 * inline scripts, by their sha256 hashes, and allows no network request (`default-src 'none'`), so
 * even a string that escaped escaping could neither run nor fetch anything.
 *
 * Type: (view, { title?, model?, text? (shown as given; default the tokens joined), figures? }) → string.
 *
 * @example
 * const model = await loadModel("data/models/tiny-gpt2-small");
 * const html = interpretPage(interpretView(model, model.encode("<img src=x onerror=alert(1)>")), { model: "tiny" });
 * [html.includes("<img src=x"), html.includes("&lt;img src=x onerror=alert(1)&gt;"), html.includes("Content-Security-Policy")]
 * // => [false, true, true]
 */
import { createHash } from "node:crypto";
import { plotlyPath } from "../../plot/browser.js";
import { escapeHtml } from "../../plot/escapeHtml.js";
import type { Figure } from "../../plot/figure.js";
import { DRAW_FIGURES, figureBlock, htmlPage, inlinePlotly } from "../../plot/htmlPage.js";
import { visibleToken } from "../../plot/visibleToken.js";
import { interpretFigures } from "./interpretFigures.js";
import type { InterpretView } from "./interpretView.js";

const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

export function interpretPage(view: InterpretView, options: { title?: string; model?: string; text?: string; figures?: Record<string, Figure> } = {}): string {
  const plotlySource = inlinePlotly(plotlyPath(), "interpretPage");
  const figures = options.figures ?? Object.fromEntries(Object.entries(interpretFigures(view)).map(([name, build]) => [name, build()]));
  const blocks = Object.entries(figures).map(([name, fig]) => `<section>${figureBlock(name, fig)}</section>`);
  const csp = [
    "default-src 'none'", `script-src ${sha256(plotlySource)} ${sha256(DRAW_FIGURES)}`, "style-src 'unsafe-inline'", "img-src data: blob:", "font-src data:",
  ].join("; ");
  const tokens = view.tokens.map((t, i) => `<span class="token" title="id ${view.ids[i]}">${escapeHtml(visibleToken(t))}</span>`).join("");
  const title = options.title ?? "logitlab interpret";
  return htmlPage({
    title,
    head: [`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`],
    style: "body{margin:1.5rem auto;max-width:1000px;font-family:'DejaVu Sans',Arial,sans-serif}.figure{margin-bottom:2rem}" +
      "pre.text{white-space:pre-wrap;background:#f6f6f6;padding:.6rem}.token{border:1px solid #bbb;margin:1px;padding:0 2px;white-space:pre;display:inline-block}",
    scripts: [`<script>${plotlySource}</script>`],
    body: [
      `<h1>${escapeHtml(title)}</h1>`,
      options.model === undefined ? "" : `<p>Model: <code>${escapeHtml(options.model)}</code></p>`,
      `<p>Text (${view.ids.length} tokens):</p>`,
      `<pre class="text" id="text">${escapeHtml(options.text ?? view.tokens.join(""))}</pre>`,
      `<p id="tokens">${tokens}</p>`,
      ...blocks,
      `<script>${DRAW_FIGURES}</script>`,
    ],
  });
}
