/**
 * appPage: the HTML page of `logitlab app` — a form for the text, buttons to look inside it, to step a
 * greedy generation one token at a time and to generate n tokens (figures update at every step), the
 * current text and its tokens, and one place per figure. Scripts come only from the server itself
 * (/plotly.js from the installed plotly.js-dist-min, /app.js: `appScript`); the server sends a
 * Content-Security-Policy that allows nothing else. The page holds no data: everything shown arrives
 * as JSON and enters the page as text.
 *
 * Type: ({ model, maxChars }) → string.
 *
 * @example
 * appPage({ model: "<tiny>", maxChars: 4000 }).includes("&lt;tiny&gt;")
 * // => true
 */
import { escapeHtml } from "../plot/escapeHtml.js";
import { htmlPage } from "../plot/htmlPage.js";

export function appPage(options: { model: string; maxChars: number }): string {
  const panel = (id: string, heading: string) => `<section><h2>${escapeHtml(heading)}</h2><div class="figure" id="${id}"></div></section>`;
  return htmlPage({
    title: "logitlab app",
    style: "body{margin:1.5rem auto;max-width:1100px;font-family:'DejaVu Sans',Arial,sans-serif}textarea{width:100%;font:inherit}" +
      "#status.error{color:#b00020}pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem}.token{border:1px solid #bbb;margin:1px;padding:0 2px;white-space:pre;display:inline-block}",
    scripts: ['<script src="/plotly.js"></script>'],
    body: [
      "<h1>logitlab app</h1>",
      `<p>Model: <code>${escapeHtml(options.model)}</code>. Type a text; the page shows the model's next-token distribution, gradient saliency beside attention-based importance, the logit lens and the attention patterns. <b>Step</b> appends the most probable next token and updates every figure.</p>`,
      '<form id="form">',
      `<textarea id="text" name="text" rows="3" maxlength="${options.maxChars}" required>And God said, Let there be</textarea>`,
      '<p><button id="analyze" type="submit">Look inside</button> <button id="step" type="button" disabled>Step (+1 token)</button> ',
      '<button id="generate" type="button" disabled>Generate</button> <input id="steps" type="number" min="1" max="64" value="5" aria-label="tokens to generate"> tokens</p>',
      "</form>",
      '<p id="status" role="status"></p>',
      '<pre id="current"></pre>',
      '<p id="tokens"></p>',
      panel("next_token", "Next-token distribution"),
      panel("saliency", "Saliency and attention importance"),
      panel("logit_lens", "Logit lens"),
      panel("attention_mean", "Attention, last layer, mean over heads"),
      panel("attention_grid", "Attention per layer and head"),
      '<script src="/app.js"></script>',
    ],
  });
}
