/**
 * interpretStudy: the interpretability study as one `Study` object — what one model does with one
 * text: the next-token distribution, attention, gradient saliency and the logit lens. `run` analyses
 * (`analyzeInterpret`) and writes the self-contained page `interpret.html` (`interpretPage`) into the
 * run's output folder; `outputs` are `tokens.csv` (one row per token: saliencies, attention
 * importance, each layer's lens prediction), `summary.json` (with provenance) and `summary.md`;
 * `figures` are `interpretFigures` (each also as SVG, PNG, PDF and HTML). `logitlab interpret`,
 * `logitlab reproduce` (into results/interpretability) and the notebook drive this object.
 *
 * @example
 * [interpretStudy.name, interpretStudy.options.map((o) => o.flag)]
 * // => ["interpret", ["model", "text", "top-k", "out"]]
 */
import { escapeControl } from "../../util/escapeControl.js";
import type { Study } from "../Study.js";
import { analyzeInterpret, type InterpretAnalysis } from "./analyzeInterpret.js";
import { interpretFigures } from "./interpretFigures.js";
import { interpretOptions } from "./interpretOptions.js";
import { interpretPage } from "./interpretPage.js";
import { resolveInterpretConfig, type InterpretConfig, type InterpretConfigInput } from "./resolveInterpretConfig.js";

const fmt = (x: number) => Number(x.toPrecision(4)).toString();

/** summary.json: the text, the model, the top next tokens and the provenance. */
function interpretSummary(a: InterpretAnalysis) {
  const v = a.view;
  return {
    text: a.text, model: a.modelName, layers: a.layers, heads: a.heads, tokens: v.ids.length,
    predicted: { id: v.saliency.predictedId, token: v.next.tokens[0], log_prob: v.saliency.logProb },
    next_tokens: v.next.ids.map((id, i) => ({ id, token: v.next.tokens[i], prob: v.next.probs[i] })),
    provenance: a.provenance,
  };
}

export const interpretStudy: Study<InterpretConfig, InterpretAnalysis> = {
  name: "interpret",
  summary: "look inside a model on one text: next-token distribution, attention, saliency, logit lens (one HTML page)",
  description: [
    "Runs one model over a text and shows what it does with it: the next-token distribution after the last",
    "token, every layer's and head's attention pattern, gradient saliency of the input tokens (the sum of the",
    "last logits; the predicted token's log-probability: L2 norm and input × gradient) beside attention-based",
    "importance, and the logit lens (each layer's residual stream decoded through the final norm and head).",
    "It writes one self-contained HTML page (plotly.js inlined, no network) with every token string escaped.",
  ].join("\n"),
  options: interpretOptions,
  switches: [],
  outputsHelp: [
    "writes interpret.html (the page), tokens.csv (per token: saliencies, attention importance, each layer's",
    "logit-lens top token and probability), summary.json (with provenance), summary.md, and five figures, each",
    "as .json, .html and, with headless Chromium, .svg, .png and .pdf: next_token, attention_mean,",
    "attention_grid, saliency, logit_lens.",
  ].join("\n"),
  examples: [
    "logitlab interpret",
    'logitlab interpret --model data/models/tiny-llama --text "Question: 12 + 7 =" --out results/llama-interpret',
  ],
  resolveConfig: (input, sources) => resolveInterpretConfig(input as InterpretConfigInput, sources),
  async run(config, context) {
    const analysis = await analyzeInterpret(config);
    context.output.writeText("interpret.html", interpretPage(analysis.view, { title: `logitlab interpret: ${analysis.modelName}`, model: config.modelDir, text: analysis.text }));
    return analysis;
  },
  outputs(a) {
    const v = a.view;
    const rows = v.ids.map((id, t) => ({
      index: t, token: v.tokens[t], id,
      logit_sum_saliency: v.saliency.logitSum[t], grad_norm: v.saliency.gradNorm[t], input_x_gradient: v.saliency.inputXGradient[t],
      attention_importance: v.attention.importance[t],
      ...Object.fromEntries(v.lens.layers.flatMap((l, k) => [[`lens_layer${l}_token`, v.lens.topTokens[k][t]], [`lens_layer${l}_prob`, v.lens.topProbs[k][t]]])),
    }));
    const s = interpretSummary(a);
    const code = (t: string) => `\`${JSON.stringify(t).slice(1, -1).replace(/[|`]/g, "\\$&")}\``;
    const markdown = [
      "# Interpretability", "",
      `Model ${a.modelName} (${a.layers} layers, ${a.heads} heads), ${s.tokens} tokens. The page: interpret.html.`, "",
      "| rank | next token | probability |", "|---:|---|---:|",
      ...s.next_tokens.map((n, i) => `| ${i + 1} | ${code(n.token)} | ${fmt(n.prob)} |`), "",
    ].join("\n");
    return [
      { name: "tokens.csv", csv: { rows } },
      { name: "summary.json", json: s },
      { name: "summary.md", markdown },
    ];
  },
  figures: (a) => interpretFigures(a.view),
  report(a) {
    const v = a.view;
    return {
      lines: [
        `model      ${escapeControl(a.modelName)} (${a.layers} layers, ${a.heads} heads)`,
        `tokens     ${v.ids.length}`,
        `next       ${v.next.tokens.slice(0, 5).map((t, i) => `${escapeControl(JSON.stringify(t))} ${fmt(v.next.probs[i])}`).join(", ")}`,
      ],
      warnings: [], exitCode: 0,
    };
  },
};
