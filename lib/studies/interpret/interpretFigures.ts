/**
 * interpretFigures: the interpretability study's figure specs for one text, built by lib/plot from an
 * {@link InterpretView} — the one definition the CLI page, `logitlab app` and the notebook draw:
 *   - next_token: the top-k next-token distribution after the last token (bars);
 *   - attention_mean: the last layer's attention averaged over heads (query × key heatmap);
 *   - attention_grid: every layer × head pattern as small heatmaps;
 *   - saliency: the text as tokens, one row per attribution — |∂Σz/∂E| mean over D (the guide's),
 *     ‖∂log p(ŷ)/∂E‖₂, input × gradient, and attention importance (the last position's mean-over-heads
 *     attention row), each scaled by its own largest magnitude;
 *   - logit_lens: layer × position heatmap of each layer's top next token (as text in the cell) and
 *     its probability.
 * Every token string is escaped by the builders. Type: (InterpretView) → { name: () → Figure }.
 *
 * @example
 * const model = await loadModel("data/models/tiny-gpt2-small");
 * Object.keys(interpretFigures(interpretView(model, model.encode("In the beginning"))))
 * // => ["next_token", "attention_mean", "attention_grid", "saliency", "logit_lens"]
 */
import { attentionGrid } from "../../plot/builders/attentionGrid.js";
import { attentionHeatmap } from "../../plot/builders/attentionHeatmap.js";
import { logitLensFigure } from "../../plot/builders/logitLensFigure.js";
import { nextTokenFigure } from "../../plot/builders/nextTokenFigure.js";
import { tokenImportanceFigure } from "../../plot/builders/tokenImportanceFigure.js";
import type { Figure } from "../../plot/figure.js";
import type { InterpretView } from "./interpretView.js";

export function interpretFigures(view: InterpretView): Record<string, () => Figure> {
  const L = view.attention.patterns.length;
  const T = view.tokens.length;
  // Token-by-token heatmaps need room for a label per column: wider than the paper column (336 px) when the text is long.
  const sized = (fig: Figure, width: number, height?: number): Figure =>
    ({ ...fig, layout: { ...fig.layout, width: Math.round(Math.min(1000, Math.max(336, width))), ...(height ? { height: Math.round(Math.min(1000, height)) } : {}) } });
  return {
    next_token: () => nextTokenFigure(view.next.tokens, view.next.probs, { title: "Next-token distribution after the last token" }),
    attention_mean: () => sized(attentionHeatmap(view.attention.lastLayerMean, view.tokens, { title: `Attention, layer ${L - 1}, mean over heads` }), 220 + 28 * T, 200 + 24 * T),
    attention_grid: () => attentionGrid(view.attention.patterns, view.tokens, { title: "Attention per layer (rows) and head (columns)" }),
    saliency: () =>
      tokenImportanceFigure(view.tokens, [
        { label: "|∂Σz/∂E| mean", values: view.saliency.logitSum },
        { label: "‖∂log p/∂E‖", values: view.saliency.gradNorm },
        { label: "input × grad", values: view.saliency.inputXGradient },
        { label: "attention", values: view.attention.importance },
      ], { title: "Token importance for the next-token prediction (each row ÷ its largest |value|)" }),
    logit_lens: () =>
      sized(logitLensFigure({ topProbs: view.lens.topProbs, topTokens: view.lens.topTokens, inputTokens: view.tokens, layerLabels: view.lens.layers }, { title: "Logit lens: each layer's top next token" }), 200 + 52 * T, 260 + 34 * L),
  };
}
