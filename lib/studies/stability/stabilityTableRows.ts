import { formatSummaryNumber } from "../../util/formatSummaryNumber.js";
import type { StabilityMetricSections, StabilitySummary } from "./types.js";

/**
 * stabilityTableRows: the summary's metric table as rows `{ metric, definition, value, … }` with the
 * values formatted as in summary.md (4 significant digits, scientific below 0.001, ∞, n/a), for
 * `showTable` in a notebook or `toLatex` / `toCsv` for a paper. Two value columns, one per population:
 * `value` is the headline, the second column the other one — `before_divergence` (steps before each
 * pair's first divergence) normally, `all_steps` (the positional comparison of every step) when the
 * summary's `config.until_divergence` makes the before-divergence steps the headline.
 *
 * Type: StabilitySummary → { metric; definition; value; before_divergence | all_steps }[] (22 rows).
 *
 * @example
 * const { summary } = await runStability(resolveStabilityConfig({ out: "/tmp/logitlab-example/stability" }), { progress: "silent", perStep: false });
 * // the bundled example: 390 of 480 steps agree
 * stabilityTableRows(summary)[0]
 * // => {"metric": "Token agreement", "value": "0.8125"}
 */
export function stabilityTableRows(summary: StabilitySummary): { metric: string; definition: string; value: string; before_divergence?: string; all_steps?: string }[] {
  const until = summary.config.until_divergence === true;
  const headline = until ? summary.before_divergence : summary;
  const other = until ? summary : summary.before_divergence;
  const values = (population: StabilityMetricSections | undefined) => (population ? metricValues(summary, population) : []);
  const first = values(headline);
  const second = values(other);
  return first.map(([metric, definition, value], i) => ({
    metric, definition, value, ...(other ? { [until ? "all_steps" : "before_divergence"]: second[i][2] } : {}),
  }));
}

function metricValues(summary: StabilitySummary, population: StabilityMetricSections): [string, string, string][] {
  const f = formatSummaryNumber;
  const { config } = summary;
  const { steps, epsilon, perplexity, topk, margin } = population;
  return [
    ["Token agreement", "fraction of step pairs with equal chosen ids", f(steps.token_agreement)],
    ["Steps compared", "step pairs / agreeing", `${steps.compared} / ${steps.agreeing}`],
    ["ε mean", "|p_ref − p_check| of the chosen token", f(epsilon.mean)],
    ["ε median", "", f(epsilon.median)],
    ["ε p95", "linear interpolation (numpy default)", f(epsilon.p95)],
    ["ε p99", "", f(epsilon.p99)],
    ["ε max", "", f(epsilon.max)],
    ["ε / p_ref median", "relative epsilon", f(epsilon.relative.median)],
    ["ε / p_ref p99", "", f(epsilon.relative.p99)],
    ["Perplexity, reference", "mean over files of exp(−mean log p)", f(perplexity.reference_mean)],
    ["Perplexity, check", "", f(perplexity.check_mean)],
    ["Perplexity ratio", "mean of check / reference", f(perplexity.ratio_mean)],
    ["Perplexity |difference|", "mean of |check − reference|", f(perplexity.abs_diff_mean)],
    [`Top-${config.k} set preserved`, "fraction of agreeing steps", f(topk.set_preservation_rate)],
    [`Top-${config.k} order preserved`, "", f(topk.order_preservation_rate)],
    [`Top-${config.k} mean overlap`, "mean of |A ∩ B| / K", f(topk.mean_overlap)],
    ["Margin-eligible steps", `reference top-1 < ${config.cutoff_top_p}, ≥ K+1 entries`, String(margin.eligible_steps)],
    ["Changed top-K sets", "among eligible steps", String(margin.changed_steps)],
    ["Boundary swaps", `fraction of changes within reference top-${config.k + config.m}`, f(margin.boundary_swap_fraction)],
    ["Median margin, preserved", "p_(K) − p_(K+1) of the reference", f(margin.median_margin_preserved)],
    ["Median margin, changed", "", f(margin.median_margin_changed)],
    ["AUC of −margin for change", "ROC AUC, ties by midranks", f(margin.auc)],
  ];
}
