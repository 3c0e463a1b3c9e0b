/**
 * formatStabilityMarkdown: `summary.md`, the readable summary: settings, files, and one Markdown table
 * of the metrics (4 significant digits, scientific notation below 0.001, ∞ for infinite values,
 * "n/a" where a metric is undefined), then invalid files and warnings.
 *
 * Type: StabilitySummary → string.
 *
 * @example
 * formatStabilityMarkdown.number(0.000012346)
 * // => "1.235e-5"
 */
import type { StabilitySummary, SummaryNumber } from "./types.js";

const SHOWN_LIST = 20;

function formatNumber(x: SummaryNumber | undefined): string {
  if (x === null || x === undefined) return "n/a";
  if (x === "Infinity") return "∞";
  if (x === "-Infinity") return "−∞";
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && abs < 1e-3) return x.toExponential(3).replace(/\.?0+e/, "e");
  return String(Number(x.toPrecision(4)));
}

export function formatStabilityMarkdown(summary: StabilitySummary): string {
  const f = formatNumber;
  const { config, files, steps, epsilon, perplexity, topk, margin } = summary;
  const rows: [string, string, string][] = [
    ["Token agreement", "fraction of step pairs with equal chosen ids", f(steps.token_agreement)],
    ["Steps compared", "step pairs / agreeing", `${steps.compared} / ${steps.agreeing}`],
    ["ε mean", "\\|p_ref − p_check\\| of the chosen token", f(epsilon.mean)],
    ["ε median", "", f(epsilon.median)],
    ["ε p95", "linear interpolation (numpy default)", f(epsilon.p95)],
    ["ε p99", "", f(epsilon.p99)],
    ["ε max", "", f(epsilon.max)],
    ["ε / p_ref median", "relative epsilon", f(epsilon.relative.median)],
    ["ε / p_ref p99", "", f(epsilon.relative.p99)],
    ["Perplexity, reference", "mean over files of exp(−mean log p)", f(perplexity.reference_mean)],
    ["Perplexity, check", "", f(perplexity.check_mean)],
    ["Perplexity ratio", "mean of check / reference", f(perplexity.ratio_mean)],
    ["Perplexity \\|difference\\|", "mean of \\|check − reference\\|", f(perplexity.abs_diff_mean)],
    [`Top-${config.k} set preserved`, "fraction of agreeing steps", f(topk.set_preservation_rate)],
    [`Top-${config.k} order preserved`, "", f(topk.order_preservation_rate)],
    [`Top-${config.k} mean overlap`, "mean of \\|A ∩ B\\| / K", f(topk.mean_overlap)],
    ["Margin-eligible steps", `reference top-1 < ${config.cutoff_top_p}, ≥ K+1 entries`, String(margin.eligible_steps)],
    ["Changed top-K sets", "among eligible steps", String(margin.changed_steps)],
    ["Boundary swaps", `fraction of changes within reference top-${config.k + config.m}`, f(margin.boundary_swap_fraction)],
    ["Median margin, preserved", "p_(K) − p_(K+1) of the reference", f(margin.median_margin_preserved)],
    ["Median margin, changed", "", f(margin.median_margin_changed)],
    ["AUC of −margin for change", "ROC AUC, ties by midranks", f(margin.auc)],
  ];
  const lines = [
    "# Stability: reference runs vs check run",
    "",
    `Reference folders: ${config.reference_dirs.map((d) => `\`${d}\``).join(", ")}; check folder: \`${config.check_dir}\`.`,
    `Settings: K = ${config.k}, M = ${config.m}, CUT_OFF_TOP_P = ${config.cutoff_top_p}.`,
    "",
    `Files: ${files.matched} matched pairs, ${files.compared} compared, ${files.invalid.length} invalid, ` +
      `${files.unmatched_reference.length} reference and ${files.unmatched_check.length} check files unmatched.`,
    "",
    "| Metric | Definition | Value |",
    "|---|---|---:|",
    ...rows.map(([name, definition, value]) => `| ${name} | ${definition} | ${value} |`),
    "",
  ];
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`## ${title} (${items.length})`, "");
    for (const item of items.slice(0, SHOWN_LIST)) lines.push(`- ${item}`);
    if (items.length > SHOWN_LIST) lines.push(`- … and ${items.length - SHOWN_LIST} more (see summary.json)`);
    lines.push("");
  };
  list("Invalid files", files.invalid.map((e) => `\`${e.file}\`: ${e.reason}`));
  list("Unmatched reference files", files.unmatched_reference.map((p) => `\`${p}\``));
  list("Unmatched check files", files.unmatched_check.map((p) => `\`${p}\``));
  list("Warnings", summary.warnings);
  const library = (summary.provenance as { library_version?: string }).library_version;
  lines.push(`Written by logitlab ${library ?? ""} \`stability\`; per-file rows in per_file.csv, every step in per_step.csv.`, "");
  return lines.join("\n");
}

/** The number format of the table, exposed for tests and notebooks. */
formatStabilityMarkdown.number = formatNumber;
