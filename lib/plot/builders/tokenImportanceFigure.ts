import type { Figure } from "../figure.js";
import { LogitlabError } from "../../util/errors.js";
import { tokenHeatmap } from "./tokenHeatmap.js";

/** One attribution of the tokens, e.g. `{ label: "|∂Σ logits/∂E|", values: tokenSaliency().logitSum }`. */
export interface ImportanceRow {
  label: string;
  values: readonly number[];
}

/**
 * tokenImportanceFigure: several attributions of the same text (gradient saliency variants,
 * attention-based importance) as stacked rows of the token text heatmap, so they can be read side
 * by side. Each row is drawn relative to its own largest magnitude (value / max |value|, so the
 * colour scale is shared although the methods have different units); the hover shows that relative
 * value, not the raw one. When any row has a negative value (input × gradient) the whole figure
 * uses the diverging scale on [−1, 1] centred on 0; otherwise viridis on [0, 1].
 * Contract: tokens [T], rows[k].values [T] → tokenHeatmap with one row per attribution.
 *
 * @example
 * const fig = tokenImportanceFigure(["a", "b"], [{ label: "grad", values: [2, 4] }, { label: "attn", values: [0.1, 0.9] }]);
 * [fig.data.length > 0, fig.layout.annotations.map((a) => a.text)]
 * // => [true, ["<b>grad</b>", "<b>attn</b>"]]
 */
export function tokenImportanceFigure(tokens: readonly string[], rows: readonly ImportanceRow[], options: { title?: string; lineWidth?: number } = {}): Figure {
  if (rows.length === 0) throw new LogitlabError("needs at least one row of values", { context: "tokenImportanceFigure" });
  const signed = rows.some((row) => row.values.some((v) => v < 0));
  const scaled = rows.map((row, k) => {
    if (row.values.length !== tokens.length) {
      throw new LogitlabError(`row ${k} ("${row.label}") has ${row.values.length} values for ${tokens.length} tokens`, { context: "tokenImportanceFigure" });
    }
    const largest = Math.max(...row.values.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)));
    return { label: row.label, tokens, values: row.values.map((v) => (largest > 0 ? v / largest : 0)) };
  });
  return tokenHeatmap(scaled, {
    title: options.title, lineWidth: options.lineWidth, valueTitle: "relative importance",
    ...(signed ? { colorscale: "blueRed" as const, zmin: -1, zmax: 1, zmid: 0 } : { zmin: 0, zmax: 1 }),
  });
}
