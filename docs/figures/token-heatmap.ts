// Writes the README's example figure, docs/figures/token-heatmap.{svg,png}:
//   node --import tsx docs/figures/token-heatmap.ts
// The values are illustrative log-probabilities chosen by hand to show the figure, not a model run.
import { closeBrowser, saveFigure, tokenHeatmap } from "../../lib/index.js";

const tokens = ["The", " cat", " sat", " on", " the", " mat", ".", "\n", "It", " was", " very", " sl", "eepy", "."];
const figure = tokenHeatmap(
  [
    { label: "model A", tokens, values: [NaN, -7.9, -4.2, -1.1, -0.6, -3.0, -1.4, -2.2, -3.5, -1.9, -3.8, -6.6, -0.1, -0.9] },
    { label: "model B", tokens, values: [NaN, -6.8, -3.1, -0.7, -0.3, -1.6, -0.9, -1.8, -2.9, -1.2, -2.7, -4.4, -0.05, -0.6] },
  ],
  { valueTitle: "log p", lineWidth: 36, title: "Per-token log-probability (illustrative values)" },
);
const here = new URL(".", import.meta.url).pathname;
await saveFigure(figure, `${here}token-heatmap.svg`);
await saveFigure(figure, `${here}token-heatmap.png`, { scale: 2 });
await closeBrowser();
