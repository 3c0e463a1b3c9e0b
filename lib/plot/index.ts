// Figures: pure Plotly spec builders, notebook display, export, tables.

// The figure type and its look.
export type { Figure, PlotlyTrace, PlotlyLayout } from "./figure.js";
export { okabeIto, PAPER_WIDTH, paperTheme, notebookTheme, withTheme } from "./theme.js";
export type { Theme } from "./theme.js";
export { colorScale, colorAt } from "./colorScale.js";
export type { ColorScale, ColorScaleName } from "./colorScale.js";

// Builders: data → Plotly figure spec, no rendering.
export { scatterFigure } from "./builders/scatterFigure.js";
export type { ScatterOptions } from "./builders/scatterFigure.js";
export { lineFigure } from "./builders/lineFigure.js";
export type { LineSeries, LineOptions } from "./builders/lineFigure.js";
export { histogramFigure } from "./builders/histogramFigure.js";
export { ecdfFigure } from "./builders/ecdfFigure.js";
export type { EcdfSeries, EcdfOptions } from "./builders/ecdfFigure.js";
export type { HistogramSeries, HistogramOptions } from "./builders/histogramFigure.js";
export { violinFigure } from "./builders/violinFigure.js";
export { boxFigure } from "./builders/boxFigure.js";
export type { DistributionGroup, DistributionOptions } from "./builders/distribution.js";
export { heatmapFigure } from "./builders/heatmapFigure.js";
export type { HeatmapOptions } from "./builders/heatmapFigure.js";
export { smallMultiples } from "./builders/smallMultiples.js";
export type { SmallMultiplesOptions } from "./builders/smallMultiples.js";
export { scatter3dFigure } from "./builders/scatter3dFigure.js";
export type { Scatter3dOptions } from "./builders/scatter3dFigure.js";
export { tokenHeatmap } from "./builders/tokenHeatmap.js";
export type { TokenRow, TokenHeatmapOptions } from "./builders/tokenHeatmap.js";

// Safe text: escaping and visible whitespace for tokens.
export { escapeHtml } from "./escapeHtml.js";
export { visibleToken } from "./visibleToken.js";

// Notebook display (tslab): one multi-MIME bundle per figure or table.
export { show, showTable, figureBundle, describeFigure, PLOTLY_MIME } from "./display.js";
export type { ShowOptions, DisplayBundle } from "./display.js";

// Export: SVG / PNG / PDF through headless Chromium (the system's or the bundled one), self-contained HTML.
export { saveFigure, saveHtml, saveFigureFiles } from "./export.js";
export type { SaveFigureOptions, SaveHtmlOptions, SaveFigureFilesResult } from "./export.js";
export { hasChromium } from "./browser.js";
export { closeBrowser, prewarmBrowser } from "./render.js";
export { htmlPage, figureBlock, inlinePlotly, jsonForScript, DRAW_FIGURES } from "./htmlPage.js";
export { plotlyBundle, CARTESIAN_TRACE_TYPES } from "./plotlyBundle.js";
export { chromiumSource } from "./chromium.js";
export type { ChromiumSource } from "./chromium.js";

// Tables: LaTeX (booktabs), CSV (RFC 4180), HTML, text.
export { toLatex, toCsv, toHtmlTable, toTextTable } from "./tables.js";
export type { TableRow, TableOptions } from "./tables.js";

// Interpretability figures: logit lens, attention patterns (one head; layer × head grid).
export { logitLensFigure } from "./builders/logitLensFigure.js";
export type { LogitLensData } from "./builders/logitLensFigure.js";
export { attentionHeatmap } from "./builders/attentionHeatmap.js";
export { attentionGrid } from "./builders/attentionGrid.js";
export { tokenImportanceFigure } from "./builders/tokenImportanceFigure.js";
export type { ImportanceRow } from "./builders/tokenImportanceFigure.js";
export { embeddingProjectionFigure } from "./builders/embeddingProjectionFigure.js";
export { nextTokenFigure } from "./builders/nextTokenFigure.js";
