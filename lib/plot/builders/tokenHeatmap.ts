import type { Figure, PlotlyLayout, PlotlyTrace } from "../figure.js";
import { colorScale, relativeLuminance, rgbAt, type ColorScale, type ColorScaleName } from "../colorScale.js";
import { escapeHtml } from "../escapeHtml.js";
import { visibleToken } from "../visibleToken.js";
import { LogitlabError } from "../../util/errors.js";
import { compact, formatNumber, sameLength, toJsonNumbers, type Numbers } from "./data.js";

/** One text to show: its tokens, a value per token (NaN = none, e.g. the first token's log-prob), ids. */
export interface TokenRow {
  /** Row name, e.g. the model (escaped). */
  label?: string;
  tokens: readonly string[];
  values: Numbers;
  ids?: Numbers;
}

export interface TokenHeatmapOptions {
  title?: string;
  /** Name of the value in the colour bar and hover, e.g. "log p" (Plotly text). Default "value". */
  valueTitle?: string;
  colorscale?: ColorScaleName | ColorScale;
  /** Colour range; default the finite values' range over all rows (one scale for every row). */
  zmin?: number;
  zmax?: number;
  /** Centre of a diverging scale: the range is widened to be symmetric around it. */
  zmid?: number;
  /** Characters per line before wrapping (default 80). */
  lineWidth?: number;
  /** Token font size in px (default 13). */
  fontSize?: number;
  /** Decimals of the value in the hover (default 3). */
  decimals?: number;
}

const BUILDER = "tokenHeatmap";
const FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace";
const PAD = 0.6; // box padding, in character cells
const GAP = 0.12; // space between boxes, in cells
const BAR = 0.82; // box height, in lines
const NO_VALUE = "#d9d9d9";

/**
 * tokenHeatmap: a text as its tokens, laid out left to right and wrapped like a paragraph, each token's
 * box coloured by a value (log-probability, entropy, saliency) on one colour scale with a colour bar;
 * hovering a token shows the token (quoted, escapes visible), its id, its value and its row. Several
 * rows (e.g. the same text under several models) stack with their labels and share the scale.
 *
 * Layout is computed here in character cells of a monospace font (DejaVu Sans Mono; East Asian wide
 * characters and emoji count two), so wrapping is the same in the notebook and in exported files;
 * a token holding a newline ends its line. Whitespace stays visible (`visibleToken`: ␣ ↵ ⇥) and every
 * token string is escaped (`escapeHtml`) before it reaches Plotly, so a token `<script>` is drawn as
 * text. Tokens without a value are grey. Text is black or white by the box colour's WCAG luminance.
 * Contract: rows[k].tokens, .values (and .ids) of equal length → horizontal bars (one trace per row,
 * plus one for value-less tokens) sharing one colour range and one colour bar. The figure's width and
 * height follow from `lineWidth` and `fontSize`; export it at that size (no `width` option) so the
 * text fills its boxes, and choose `lineWidth` to fit a column instead (3.5 in = 336 px holds
 * `lineWidth: 28` at the default 13 px font).
 *
 * @example
 * const fig = tokenHeatmap({ tokens: ["Hello", " world", "\n"], values: [NaN, -2.5, -0.1], ids: [15496, 995, 198] });
 * [fig.data[0].text, fig.data[1].text]
 * // => [[" world", "↵"], ["Hello"]]
 */
export function tokenHeatmap(rows: TokenRow | readonly TokenRow[], options: TokenHeatmapOptions = {}): Figure {
  const list: readonly TokenRow[] = Array.isArray(rows) ? rows : [rows as TokenRow];
  if (list.length === 0) throw new LogitlabError("needs at least one row", { context: BUILDER });
  const lineWidth = options.lineWidth ?? 80;
  const fontSize = options.fontSize ?? 13;
  const decimals = options.decimals ?? 3;
  const valueTitle = options.valueTitle ?? "value";
  const scale = colorScale(options.colorscale ?? "viridis");
  if (!(lineWidth >= 4)) throw new LogitlabError(`lineWidth must be at least 4 characters, got ${lineWidth}`, { context: BUILDER });

  const checked = list.map((row, k) => {
    const where = `row ${k}${row.label === undefined ? "" : ` ("${row.label}")`}`;
    if (!Array.isArray(row.tokens)) throw new LogitlabError(`${where}: tokens must be an array of strings`, { context: BUILDER });
    row.tokens.forEach((t, i) => {
      if (typeof t !== "string") throw new LogitlabError(`${where}: tokens[${i}] is ${JSON.stringify(t)}, not a string`, { context: BUILDER });
    });
    sameLength(row.values, row.tokens, `${where} values and tokens`, BUILDER);
    if (row.ids) sameLength(row.ids, row.tokens, `${where} ids and tokens`, BUILDER);
    return { row, values: toJsonNumbers(row.values, `${where} values`, BUILDER), ids: row.ids ? toJsonNumbers(row.ids, `${where} ids`, BUILDER) : undefined };
  });

  const [cmin, cmax] = colourRange(checked.flatMap((c) => c.values), options);
  const labelled = list.length > 1 || list.some((r) => r.label !== undefined);
  const traces: PlotlyTrace[] = [];
  const annotations: PlotlyLayout[] = [];
  let line = 0;
  let widest = 0;
  checked.forEach(({ row, values, ids }, k) => {
    if (k > 0) line += 0.5;
    if (labelled) {
      annotations.push({
        text: `<b>${escapeHtml(row.label ?? `row ${k + 1}`)}</b>`, x: 0, y: line, xref: "x", yref: "y",
        xanchor: "left", yanchor: "middle", showarrow: false, font: { size: fontSize },
      });
      line += 1;
    }
    const boxes: Box[] = [];
    let cursor = 0;
    row.tokens.forEach((token, i) => {
      const shown = visibleToken(token);
      const width = cells(shown) + PAD;
      if (cursor > 0 && cursor + width > lineWidth) {
        line += 1;
        cursor = 0;
      }
      boxes.push({ index: i, token, shown, start: cursor, width, line, value: values[i], id: ids?.[i] ?? null });
      cursor += width + GAP;
      widest = Math.max(widest, cursor - GAP);
      if (token.includes("\n") && i < row.tokens.length - 1) {
        line += 1;
        cursor = 0;
      }
    });
    line += 1;
    const label = row.label === undefined ? "" : `<br>${escapeHtml(row.label)}`;
    const hover = (b: Box): string =>
      `${escapeHtml(JSON.stringify(b.token))}${b.id === null ? "" : `<br>id ${b.id}`}<br>${valueTitle} ${b.value === null ? "n/a" : formatNumber(b.value, decimals)}${label}<br>position ${b.index}`;
    const withValue = boxes.filter((b) => b.value !== null);
    const without = boxes.filter((b) => b.value === null);
    const name = escapeHtml(row.label ?? `row ${k + 1}`);
    if (withValue.length) {
      const scaleShown = traces.some((t) => (t.marker as PlotlyLayout | undefined)?.showscale === true);
      traces.push(barTrace(name, withValue, hover, fontSize, {
        marker: compact({
          color: withValue.map((b) => b.value), colorscale: scale, cmin: round(cmin), cmax: round(cmax), line: { width: 0 },
          showscale: !scaleShown,
          colorbar: scaleShown ? undefined : { title: { text: valueTitle }, thickness: 12, len: 1, y: 1, yanchor: "top" },
        }),
        textfont: { family: FONT, size: fontSize, color: withValue.map((b) => textColour(scale, ((b.value as number) - cmin) / (cmax - cmin || 1))) },
      }));
    }
    if (without.length) {
      traces.push(barTrace(`${name} (no value)`, without, hover, fontSize, {
        marker: { color: NO_VALUE, line: { width: 0 } },
        textfont: { family: FONT, size: fontSize, color: "#000000" },
      }));
    }
  });

  const unitPx = 0.61 * fontSize; // one character cell of DejaVu Sans Mono (advance 0.602 em)
  const lineHeightPx = Math.round(fontSize * 1.85);
  const margin = { l: 8, r: 100, t: options.title === undefined ? 8 : 40, b: 8 };
  const xMax = Math.max(widest, 10);
  const plotHeight = Math.max(line * lineHeightPx, 120);
  return {
    data: traces,
    layout: compact({
      title: options.title === undefined ? undefined : { text: options.title },
      xaxis: { visible: false, range: [-0.3, round(xMax + 0.3)], fixedrange: true },
      yaxis: { visible: false, range: [round(Math.max(line, plotHeight / lineHeightPx) - 0.5), -0.6], fixedrange: true },
      annotations: annotations.length ? annotations : undefined,
      barmode: "overlay",
      showlegend: false,
      hovermode: "closest",
      dragmode: false,
      uniformtext: { mode: "show", minsize: Math.round(fontSize * 0.7) },
      margin,
      width: Math.round((xMax + 0.6) * unitPx + margin.l + margin.r),
      height: Math.round(plotHeight + margin.t + margin.b),
    }),
  };
}

interface Box {
  index: number;
  token: string;
  shown: string;
  start: number;
  width: number;
  line: number;
  value: number | null;
  id: number | null;
}

function barTrace(name: string, boxes: Box[], hover: (b: Box) => string, fontSize: number, style: PlotlyLayout): PlotlyTrace {
  return {
    type: "bar", orientation: "h", name,
    base: boxes.map((b) => round(b.start)),
    x: boxes.map((b) => round(b.width)),
    y: boxes.map((b) => b.line),
    width: BAR,
    text: boxes.map((b) => escapeHtml(b.shown)),
    textposition: "inside", insidetextanchor: "middle", textangle: 0, constraintext: "inside", cliponaxis: false,
    hovertext: boxes.map(hover), hoverinfo: "text",
    hoverlabel: { font: { family: FONT, size: fontSize } },
    customdata: boxes.map((b) => b.index),
    ...style,
  };
}

/** Colour range [cmin, cmax] from the options and the finite values (widened around zmid). */
function colourRange(values: (number | null)[], options: TokenHeatmapOptions): [number, number] {
  const finite = values.filter((v): v is number => v !== null);
  let lo = options.zmin ?? (finite.length ? finite.reduce((a, b) => Math.min(a, b)) : 0);
  let hi = options.zmax ?? (finite.length ? finite.reduce((a, b) => Math.max(a, b)) : 1);
  if (options.zmid !== undefined) {
    const half = Math.max(hi - options.zmid, options.zmid - lo);
    lo = options.zmid - half;
    hi = options.zmid + half;
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  if (lo > hi) throw new LogitlabError(`zmin ${lo} is above zmax ${hi}`, { context: BUILDER });
  return [lo, hi];
}

/** Black or white, whichever reads better on the scale's colour at t (WCAG luminance threshold 0.179). */
function textColour(scale: ColorScale, t: number): string {
  return relativeLuminance(rgbAt(scale, t)) > 0.179 ? "#000000" : "#ffffff";
}

/** Width of a string in monospace cells: 2 for East Asian wide/fullwidth characters and emoji, else 1. */
function cells(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd);
    const zeroWidth = (c >= 0x300 && c <= 0x36f) || c === 0x200b || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f);
    n += zeroWidth ? 0 : wide ? 2 : 1;
  }
  return Math.max(n, 1);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
