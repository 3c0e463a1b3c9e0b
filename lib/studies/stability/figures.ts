/**
 * stabilityFigures: the stability study's four figure specs, built by lib/plot from the figure data
 * the analysis returns — the one definition the CLI and the notebook both draw. Each shows the two
 * populations apart: steps before each pair's first divergence (the first step whose chosen ids differ)
 * and agreeing steps after it, which compare different texts.
 *   - epsilon_histogram: ε of agreeing steps, log x axis, one colour per population with n in the legend
 *     (ε = 0 cannot be drawn and is noted);
 *   - perplexity_scatter: per file, the ratio check / reference perplexity against the reference
 *     perplexity (both axes log, so a 1 % shift is a visible offset from the line at 1), over the steps
 *     before divergence, and over all agreeing steps for the files where that differs (pairs that
 *     diverge and agree again after);
 *   - topk_by_position: top-K set preservation by step position over a fixed 0–1 axis, before divergence
 *     and over all agreeing steps, with the number of steps at each position in a panel below
 *     (before / after divergence stacked);
 *   - margin_distribution: ECDFs of the reference margin p_(K) − p_(K+1) of eligible steps, preserved
 *     ("kept") vs changed, before vs after divergence, n in the legend (a series without values is left out);
 *     the legend has a column per population ("before div.", "after div.") of two short entries, so at
 *     3.5 in it is two rows under the group titles (four flat entries wrapped to one a row).
 * One font scale for all text (axis titles 11 px, tick labels 10 px, power-of-ten tick labels drawn
 * 1.25 × larger by Plotly so set to 8 px), legends in one or two short rows below the plot, and titles
 * optional (`titles: false` for paper export, where the caption carries them). The before-divergence
 * population is always drawn first, solid and blue (vermillion: after divergence; black: all steps).
 * Each is a thunk, so one without data (its builder throws a LogitlabError) does not stop the others.
 *
 * Type: (StabilityFigureData, K, { titles? }) → { name: () → Figure }.
 *
 * @example
 * const data = { epsilon: Float64Array.of(1e-4, 2e-3), perplexity: { name: ["a"], reference: [2], check: [2.1] },
 *   topkByPosition: { step: [0, 1], setPreservationRate: [1, 0.5], orderPreservationRate: [1, 0.5], steps: [2, 2] },
 *   margin: { preserved: Float64Array.of(0.1), changed: new Float64Array(0) } };
 * stabilityFigures(data, 5).margin_distribution().data.length
 * // => 1
 */
import { ecdfFigure, type EcdfSeries } from "../../plot/builders/ecdfFigure.js";
import { histogramFigure } from "../../plot/builders/histogramFigure.js";
import type { Figure, PlotlyLayout, PlotlyTrace } from "../../plot/figure.js";
import { okabeIto } from "../../plot/theme.js";
import { LogitlabError } from "../../util/errors.js";
import type { StabilityFigureData, StabilityPopulationFigureData } from "./types.js";

/** Colours: before divergence blue, after divergence vermillion; preserved / changed by line style. */
const BEFORE = okabeIto[0];
const AFTER = okabeIto[3];
const ALL = okabeIto[7];

export function stabilityFigures(figures: StabilityFigureData, k: number, options: { titles?: boolean } = {}): Record<string, () => Figure> {
  const before = figures.beforeDivergence;
  const after = figures.afterDivergence;
  const split = before !== undefined && after !== undefined;
  const style = (fig: Figure, colors?: readonly string[]) => paperStyle(fig, options.titles !== false, colors);
  const n = (values: ArrayLike<number>) => `n = ${values.length}`;
  // Legend words: "before" = steps before each pair's first divergence, "after" = agreeing steps after it;
  // "kept" / "changed" = the top-K set preserved or not.

  return {
    epsilon_histogram: () => style(histogramFigure(split
      ? [
        { name: `before div. (${n(before.epsilon)})`, values: before.epsilon },
        { name: `after (${n(after.epsilon)})`, values: after.epsilon },
      ].filter((s) => s.values.length > 0)
      : figures.epsilon, {
      title: "Chosen-token probability difference", xTitle: "ε = |p<sub>ref</sub> − p<sub>check</sub>|", yTitle: "agreeing steps",
      logX: true, bins: 50,
    }), split ? [BEFORE, AFTER] : undefined),
    perplexity_scatter: () => style(perplexityRatio(figures, before)),
    topk_by_position: () => style(topkByPosition(figures, before, after, k)),
    margin_distribution: () => {
      const series: EcdfSeries[] = split
        ? [
          { name: "kept", values: before.margin.preserved, color: BEFORE, group: "before div." },
          { name: "changed", values: before.margin.changed, color: BEFORE, dash: "dot", group: "before div." },
          { name: "kept", values: after.margin.preserved, color: AFTER, group: "after div." },
          { name: "changed", values: after.margin.changed, color: AFTER, dash: "dot", group: "after div." },
        ]
        : [{ name: "preserved", values: figures.margin.preserved }, { name: "changed", values: figures.margin.changed, dash: "dot" }];
      return style(ecdfFigure(series.filter((s) => s.values.length > 0), {
        title: `Margin p<sub>(${k})</sub> − p<sub>(${k + 1})</sub> of eligible steps`, xTitle: "reference margin", yTitle: "fraction ≤ margin", logX: true,
      }));
    },
  };
}

/** Per-file check / reference perplexity against the reference perplexity, log–log, with the line at 1. */
function perplexityRatio(figures: StabilityFigureData, before: StabilityPopulationFigureData | undefined): Figure {
  if (figures.perplexity.reference.length === 0 && (before?.perplexity.reference.length ?? 0) === 0) {
    throw new LogitlabError("no file with finite perplexities", { context: "stabilityFigures" });
  }
  const populations = [
    ...(before ? [{ name: "before div.", data: before.perplexity, color: BEFORE, symbol: "circle" }] : []),
    before
      ? { name: "all agreeing, if different", data: differing(figures.perplexity, before.perplexity), color: ALL, symbol: "x-thin-open" }
      : { name: "files", data: figures.perplexity, color: ALL, symbol: "x-thin-open" },
  ].filter((p) => p.data.reference.length > 0);
  const traces: PlotlyTrace[] = populations.map((p) => ({
    type: "scatter", mode: "markers", name: `${p.name} (n = ${p.data.reference.length})`,
    x: p.data.reference, y: p.data.reference.map((r, i) => p.data.check[i] / r), text: p.data.name,
    hovertemplate: "%{text}<br>reference %{x:.4g}<br>ratio %{y:.5f}<extra></extra>",
    // Filled circles have no outline (7 px across, as a 6 px circle with its 1 px line): one style
    // fewer on each of thousands of markers made the SVG smaller and its layout about 25% faster.
    marker: p.symbol === "circle" ? { color: p.color, symbol: p.symbol, size: 7, line: { width: 0 } } : { color: p.color, symbol: p.symbol, size: 6, line: { color: p.color, width: 1 } },
  }));
  const xs = populations.flatMap((p) => p.data.reference);
  traces.push({
    type: "scatter", mode: "lines", name: "equal", showlegend: false, hoverinfo: "skip",
    x: [Math.min(...xs), Math.max(...xs)], y: [1, 1], line: { color: "#888888", width: 1, dash: "dash" },
  });
  return {
    data: traces,
    layout: {
      title: { text: "Perplexity per file" },
      xaxis: { title: { text: "reference perplexity" }, type: "log", exponentformat: "power" },
      yaxis: { title: { text: "check / reference" }, type: "log", tickformat: ".3~f" },
      showlegend: true,
    },
  };
}

/**
 * The files of `all` whose perplexities differ from their before-divergence ones (a pair that never
 * diverges has the same two numbers in both populations: drawing them twice doubled the markers, and
 * the export time, for no information).
 */
function differing(all: StabilityFigureData["perplexity"], before: StabilityFigureData["perplexity"]): StabilityFigureData["perplexity"] {
  const index = new Map(before.name.map((name, i) => [name, i]));
  const out: StabilityFigureData["perplexity"] = { name: [], reference: [], check: [] };
  all.name.forEach((name, i) => {
    const j = index.get(name);
    if (j !== undefined && before.reference[j] === all.reference[i] && before.check[j] === all.check[i]) return;
    out.name.push(name);
    out.reference.push(all.reference[i]);
    out.check.push(all.check[i]);
  });
  return out;
}

/** Set preservation by step position (0–1 axis) over a panel with the number of steps per position. */
function topkByPosition(
  figures: StabilityFigureData, before: StabilityPopulationFigureData | undefined, after: StabilityPopulationFigureData | undefined, k: number,
): Figure {
  const all = figures.topkByPosition;
  const traces: PlotlyTrace[] = [];
  const line = (name: string, x: number[], y: number[], color: string, dash: string, symbol: string): PlotlyTrace => ({
    type: "scatter", mode: "lines+markers", name, x, y, yaxis: "y",
    line: { color, width: 1.5, dash }, marker: { color, symbol, size: 5, line: { color, width: 1 } },
  });
  if (before) traces.push(line("before div.", before.topkByPosition.step, before.topkByPosition.setPreservationRate, BEFORE, "solid", "circle"));
  traces.push(line(before ? "all agreeing" : `top-${k} set preserved`, all.step, all.setPreservationRate, ALL, "dot", "circle-open"));
  const bars = (name: string, data: StabilityPopulationFigureData["topkByPosition"], color: string): PlotlyTrace => ({
    type: "bar", name, x: data.step, y: data.steps, yaxis: "y2", marker: { color }, showlegend: false,
    hovertemplate: `${name}: %{y} steps at position %{x}<extra></extra>`,
  });
  if (before && after) {
    // The after-divergence bars get a legend entry: their colour appears nowhere else in this figure.
    traces.push(bars("before divergence", before.topkByPosition, BEFORE), { ...bars("after div.", after.topkByPosition, AFTER), showlegend: true });
  } else traces.push(bars("agreeing steps", all, ALL));
  const last = Math.max(0, ...all.step);
  const most = Math.max(0, ...all.steps);
  return {
    data: traces,
    layout: {
      title: { text: `Top-${k} set preservation by step position` },
      xaxis: { title: { text: "step position" }, range: [-0.6, last + 0.6], anchor: "y2" },
      yaxis: { title: { text: "preserved" }, range: [0, 1.05], domain: [0.36, 1], tickvals: [0, 0.5, 1] },
      yaxis2: { title: { text: "steps" }, domain: [0, 0.26], rangemode: "tozero", tickvals: [0, most] },
      barmode: "stack", bargap: 0.15, showlegend: true,
    },
  };
}

/**
 * One font scale and compact legends: tick labels 10 px (8 px on log axes, whose power labels Plotly
 * draws 1.25 × larger), axis titles 11 px, legend 10 px in rows below the plot; the title dropped when
 * `titles` is false. Colours given in `colors` replace the series' defaults in order (histograms).
 */
function paperStyle(fig: Figure, titles: boolean, colors?: readonly string[]): Figure {
  const layout: PlotlyLayout = { ...fig.layout };
  for (const key of Object.keys(layout).filter((key) => /^[xy]axis\d*$/.test(key))) {
    const axis = { ...(layout[key] as PlotlyLayout) };
    axis.tickfont = { size: axis.type === "log" && axis.exponentformat === "power" ? 8 : 10 };
    if (axis.title) axis.title = { ...(axis.title as PlotlyLayout), font: { size: 11 } };
    layout[key] = axis;
  }
  // Short entries in rows below the plot (Plotly wraps them to the plot's width); grouped entries (the
  // margin figure's kept / changed under before / after divergence) stand in a column per group.
  layout.legend = {
    font: { size: 10 }, grouptitlefont: { size: 10 }, orientation: "h", x: 0.5, xanchor: "center", xref: "container", y: 0, yanchor: "bottom", yref: "container",
    itemwidth: 30, tracegroupgap: 0,
  };
  if (!titles) delete layout.title;
  const data = colors ? fig.data.map((trace, i) => (trace.type === "bar" && colors[i] ? { ...trace, marker: { ...(trace.marker as object), color: colors[i] } } : trace)) : fig.data;
  return { ...fig, data, layout };
}
