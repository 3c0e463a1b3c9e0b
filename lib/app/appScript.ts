/**
 * appScript: the browser script of `logitlab app` (served as /app.js; the page allows no inline
 * script). It posts the text (or, to step a generation, the ids shown plus the predicted next one) to
 * /api/analyze and draws the figures the server built with Plotly.react. Every string from the
 * server goes into the page through `textContent` or Plotly (whose token labels the server escaped),
 * never through innerHTML. Plain browser JavaScript, kept as text so the build needs no bundler.
 *
 * @example
 * appScript().includes("textContent") && !appScript().includes("innerHTML")
 * // => true
 */
export function appScript(): string {
  return SCRIPT;
}

const SCRIPT = `"use strict";
const FIGURES = ["next_token", "saliency", "logit_lens", "attention_mean", "attention_grid"];
const $ = (id) => document.getElementById(id);
let current = null;
let busy = false;

function status(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

async function analyze(body) {
  const response = await fetch("/api/analyze", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const reply = await response.json().catch(() => ({ error: "the server's reply is not JSON (" + response.status + ")" }));
  if (!response.ok) throw new Error(reply.error || String(response.status));
  return reply;
}

async function show(view) {
  current = view;
  $("current").textContent = view.text;
  const tokens = $("tokens");
  tokens.replaceChildren(...view.tokens.map((t, i) => {
    const span = document.createElement("span");
    span.className = "token";
    span.textContent = t;
    span.title = "id " + view.ids[i];
    return span;
  }));
  for (const name of FIGURES) {
    const spec = view.figures[name];
    // A figure without its own height gets 450 px (an empty div would lend it only a few pixels).
    await Plotly.react($(name), spec.data, Object.assign({ height: 450 }, spec.layout), { responsive: true, displaylogo: false });
  }
  $("step").disabled = $("generate").disabled = view.ids.length >= view.context;
  status(view.ids.length + " tokens; predicted next: " + JSON.stringify(view.next.tokens[0]) + " (p = " + view.next.probs[0].toFixed(3) + ")", false);
}

async function run(task) {
  if (busy) return;
  busy = true;
  for (const b of document.querySelectorAll("button")) b.disabled = true;
  try {
    await task();
  } catch (error) {
    status(String(error.message || error), true);
  } finally {
    busy = false;
    $("analyze").disabled = false;
    $("step").disabled = $("generate").disabled = !current || current.ids.length >= current.context;
  }
}

async function step() {
  const view = await analyze({ ids: [...current.ids, current.next.ids[0]] });
  $("text").value = view.text;
  await show(view);
}

$("form").addEventListener("submit", (event) => {
  event.preventDefault();
  run(async () => {
    status("running…", false);
    await show(await analyze({ text: $("text").value }));
  });
});
$("step").addEventListener("click", () => run(step));
$("generate").addEventListener("click", () => run(async () => {
  const n = Number($("steps").value);
  for (let k = 0; k < n && current.ids.length < current.context; k++) await step();
}));
`;
