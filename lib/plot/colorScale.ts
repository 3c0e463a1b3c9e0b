/**
 * Colour scales as explicit Plotly stop lists, so that the colours a builder computes itself (token
 * text contrast, hexbin fills) are exactly those Plotly draws from the same stops.
 *
 * Named scales: "viridis" and "cividis" (perceptually uniform, colour-blind safe; van der Walt &
 * Smith, https://bids.github.io/colormap/; Nuñez et al. 2018, https://doi.org/10.1371/journal.pone.0199239),
 * "blues" (ColorBrewer sequential), "blueRed" (ColorBrewer RdBu reversed: low blue, middle white,
 * high red; for signed values such as saliency), "greys".
 */
import { LogitlabError } from "../util/errors.js";

/** Plotly colour scale: `[position in [0, 1], css colour]` stops, first at 0 and last at 1. */
export type ColorScale = [number, string][];
/** Names accepted wherever a colour scale is. */
export type ColorScaleName = "viridis" | "cividis" | "blues" | "blueRed" | "greys";

const even = (colors: string[]): ColorScale => colors.map((c, i) => [i / (colors.length - 1), c]);

const SCALES: Record<ColorScaleName, ColorScale> = {
  viridis: even([
    "#440154", "#48186a", "#472d7b", "#424086", "#3b528b", "#33638d", "#2c728e", "#26828e", "#21918c",
    "#1fa088", "#28ae80", "#3fbc73", "#5ec962", "#84d44b", "#addc30", "#d8e219", "#fde725",
  ]),
  cividis: even([
    "#00204c", "#002a66", "#00346e", "#273f6c", "#3c4a6b", "#4c556b", "#5b5f6d", "#686a70", "#757575",
    "#838178", "#928c78", "#a19876", "#b0a572", "#c0b16d", "#d1bf66", "#e1cc5c", "#f3db4f", "#ffe945",
  ]),
  blues: even(["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]),
  blueRed: even(["#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b"]),
  greys: even(["#ffffff", "#000000"]),
};

/**
 * colorScale: the stop list for a scale name (a copy), or the given stops after checking them.
 *
 * @example
 * colorScale("greys")
 * // => [[0, "#ffffff"], [1, "#000000"]]
 */
export function colorScale(scale: ColorScaleName | ColorScale = "viridis"): ColorScale {
  if (typeof scale === "string") {
    const stops = SCALES[scale];
    if (!stops) throw new LogitlabError(`unknown colour scale "${scale}"; use one of ${Object.keys(SCALES).join(", ")}`, { context: "plot" });
    return stops.map(([t, c]) => [t, c]);
  }
  if (scale.length < 2 || scale[0][0] !== 0 || scale[scale.length - 1][0] !== 1) {
    throw new LogitlabError("a colour scale needs at least two stops, the first at 0 and the last at 1", { context: "plot" });
  }
  scale.forEach(([, color], i) => parseColor(color, `stop ${i}`));
  return scale.map(([t, c]) => [t, c]);
}

/**
 * colorAt: the colour at position `t` ∈ [0, 1] of a scale, interpolated linearly in RGB between the
 * two surrounding stops as Plotly does; `t` is clamped to [0, 1]. Returns `rgb(r, g, b)`.
 *
 * @example
 * colorAt(colorScale("greys"), 0.5)
 * // => "rgb(128, 128, 128)"
 */
export function colorAt(scale: ColorScale, t: number): string {
  const [r, g, b] = rgbAt(scale, t);
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** RGB components (0–255, unrounded) at `t` of `scale`. */
export function rgbAt(scale: ColorScale, t: number): [number, number, number] {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  let i = 1;
  while (i < scale.length - 1 && scale[i][0] < x) i++;
  const [t0, c0] = scale[i - 1];
  const [t1, c1] = scale[i];
  const a = parseColor(c0);
  const b = parseColor(c1);
  const f = t1 > t0 ? (x - t0) / (t1 - t0) : 0;
  return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])];
}

/**
 * Relative luminance (WCAG 2, https://www.w3.org/TR/WCAG21/#dfn-relative-luminance) of an RGB colour,
 * used to pick black or white text on a coloured background.
 */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const channel = (v: number): number => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function parseColor(color: string, where = "colour"): [number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*[\d.]+\s*)?\)$/i.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new LogitlabError(`${where}: colour "${color}" is not #rrggbb or rgb(r, g, b)`, { context: "plot" });
}
