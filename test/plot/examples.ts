// One example figure per builder, shared by the snapshot tests (builders.test.ts) and the browser
// tests (browser.test.ts), with what a correct rendering must contain. Inputs come from a seeded
// generator, so every run (and every machine) builds the same specs.
import {
  boxFigure, heatmapFigure, histogramFigure, lineFigure, scatter3dFigure, scatterFigure, smallMultiples, tokenHeatmap, violinFigure,
  type Figure,
} from "../../lib/plot/index.js";
import { seededNormals } from "../../lib/util/seededRandom.js";

/** What the rendered SVG must hold: CSS selector → exact count; and text that must appear as text. */
export interface Expected {
  counts: Record<string, number>;
  texts: string[];
  /** Raster images the SVG/PDF may hold (heatmap cells, WebGL scenes). */
  images: number;
}

export interface Example {
  name: string;
  figure: () => Figure;
  expected: (fig: Figure) => Expected;
}

const x50 = seededNormals(50, 1);
const noise50 = seededNormals(50, 2);
const y50 = x50.map((v, i) => 0.8 * v + 0.4 * noise50[i]);

export const XSS_TOKENS = ["<script>alert(1)</script>", '<img src=x onerror="window.__xss=1">', '"><svg onload=alert(2)>'];

export const examples: Example[] = [
  {
    name: "scatterFigure",
    figure: () => scatterFigure(x50, y50, { identityLine: true, fit: (v) => 0.8 * v, r: 0.8734, xTitle: "entropy A", yTitle: "entropy B", title: "Entropy" }),
    expected: () => ({
      counts: { ".scatterlayer .trace": 3, ".scatterlayer .trace:first-child path.point": 50, ".legendtext": 3, ".annotation-text": 1 },
      texts: ["r = 0.873", "entropy A", "entropy B", "Entropy", "y = x", "fit"],
      images: 0,
    }),
  },
  {
    name: "scatterFigure-density",
    figure: () => {
      const x = seededNormals(2000, 3);
      const noise = seededNormals(2000, 4);
      const y = x.map((v, i) => v + 0.5 * noise[i]);
      return scatterFigure(x, y, { density: "points", gridSize: 20 });
    },
    expected: () => ({ counts: { ".scatterlayer .trace": 1, "path.point": 2000, ".colorbar": 1 }, texts: ["points per cell"], images: 0 }),
  },
  {
    name: "scatterFigure-hexbin",
    figure: () => {
      const x = seededNormals(20000, 5).map(Math.exp);
      const noise = seededNormals(20000, 6);
      const y = x.map((v, i) => v * Math.exp(0.4 * noise[i]));
      return scatterFigure(x, y, { density: "hexbin", gridSize: 12, logX: true, logY: true, identityLine: true, r: 0.91 });
    },
    expected: (fig) => {
      const fills = fig.data.filter((t) => t.fill === "toself").length;
      const bins = (fig.data.find((t) => t.name === "bins")!.x as unknown[]).length;
      return { counts: { "path.js-fill": fills, "path.point": bins, ".colorbar": 1 }, texts: ["r = 0.910", "points"], images: 0 };
    },
  },
  {
    name: "lineFigure",
    figure: () =>
      lineFigure(
        [
          { name: "gpt2", y: [3, 2.5, 2.2, 2.0, 1.9], band: { lower: [2.8, 2.3, 2.0, 1.8, 1.7], upper: [3.2, 2.7, 2.4, 2.2, 2.1] } },
          { name: "llama", x: [0, 1, 2, 3, 4], y: [2.9, 2.1, 1.8, 1.6, 1.5], dash: "dash" },
        ],
        { xTitle: "step", yTitle: "loss", markers: true },
      ),
    expected: () => ({ counts: { ".scatterlayer .trace": 3, "path.js-fill": 1, ".legendtext": 2, "path.point": 10 }, texts: ["gpt2", "llama", "step", "loss"], images: 0 }),
  },
  {
    name: "histogramFigure",
    figure: () =>
      histogramFigure(
        [
          { name: "model A", values: seededNormals(3000, 7).map((v) => Math.exp(2 * v)) },
          { name: "model B", values: [...seededNormals(3000, 8).map((v) => Math.exp(2 * v + 1)), 0, -1, NaN] },
        ],
        { bins: 12, logX: true, logY: true, xTitle: "probability ratio" },
      ),
    expected: () => ({
      counts: { ".barlayer .trace": 2, ".barlayer .point": 24, ".legendtext": 2, ".annotation-text": 1 },
      texts: ["model A", "model B", "probability ratio", "count", "3 values not shown"],
      images: 0,
    }),
  },
  {
    name: "violinFigure",
    figure: () =>
      violinFigure(
        ["gpt2", "llama", "qwen"].map((name, k) => ({ name, values: seededNormals(200, 10 + k).map((v) => v + k) })),
        { yTitle: "entropy (nats)" },
      ),
    expected: () => ({ counts: { ".violinlayer .trace": 3, "g.xtick": 3 }, texts: ["gpt2", "llama", "qwen", "entropy (nats)"], images: 0 }),
  },
  {
    name: "boxFigure",
    figure: () => boxFigure(["gpt2", "llama"].map((name, k) => ({ name, values: seededNormals(100, 20 + k).map((v) => v * (k + 1)) })), { yTitle: "log p" }),
    expected: () => ({ counts: { ".boxlayer .trace": 2, "g.xtick": 2 }, texts: ["gpt2", "llama", "log p"], images: 0 }),
  },
  {
    name: "heatmapFigure",
    figure: () =>
      heatmapFigure(
        [[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8], [0.9, 1.0, NaN, 1.2]],
        { x: ["the", "cat", "the", "<b>"], y: ["layer 0", "layer 1", "layer 2"], showValues: 1, colorTitle: "attention" },
      ),
    expected: () => ({ counts: { ".heatmap-label": 11, "g.xtick": 4, "g.ytick": 3, ".colorbar": 1 }, texts: ["the", "cat", "<b>", "layer 2", "attention"], images: 1 }),
  },
  {
    name: "smallMultiples",
    figure: () =>
      smallMultiples(
        ["wiki", "code", "math"].flatMap((data, d) =>
          ["gpt2", "llama"].map((model, m) => scatterFigure(seededNormals(20, 30 + d * 2 + m), seededNormals(20, 40 + d * 2 + m), { r: 0.1 * (d + m), title: `${model} · ${data}`, xTitle: "x", yTitle: "y" })),
        ),
        { columns: 3 },
      ),
    expected: () => ({
      counts: { ".cartesianlayer > .subplot": 6, "path.point": 120, ".annotation-text": 12 },
      texts: ["gpt2 · wiki", "llama · math", "r = 0.300"],
      images: 0,
    }),
  },
  {
    name: "scatter3dFigure",
    figure: () => {
      const n = 90;
      const groups = Array.from({ length: n }, (_, i) => ["nouns", "verbs", "digits"][i % 3]);
      return scatter3dFigure(seededNormals(n, 50), seededNormals(n, 51), seededNormals(n, 52), { groups, labels: groups.map((g, i) => `${g} ${i}`), xTitle: "PC1", yTitle: "PC2", zTitle: "PC3" });
    },
    expected: () => ({ counts: { ".legendtext": 3 }, texts: ["nouns", "verbs", "digits"], images: 1 }),
  },
  {
    name: "tokenHeatmap",
    figure: () =>
      tokenHeatmap(
        [
          {
            label: "gpt2",
            tokens: ["The", " cat", " sat", "\n", " ", XSS_TOKENS[0], " on", "\t", " the", " mat"],
            values: [NaN, -5.2, -2.1, -0.4, -3.3, -9.5, -0.7, -6.1, -0.2, -4.4],
            ids: [464, 3797, 3332, 198, 220, 1279, 319, 197, 262, 2603],
          },
          { label: "llama <i>", tokens: ["The", " cat", " sat", " on", " the", " mat", XSS_TOKENS[1]], values: [NaN, -4.1, -1.6, -0.5, -0.1, -3.9, -8.0] },
        ],
        { valueTitle: "log p", lineWidth: 32 },
      ),
    expected: () => ({
      counts: { ".barlayer .point": 17, ".bartext": 17, ".annotation-text": 2 },
      texts: ["gpt2", "llama <i>", XSS_TOKENS[0], XSS_TOKENS[1], "↵", "␣", "⇥", "log p"],
      images: 0,
    }),
  },
];
