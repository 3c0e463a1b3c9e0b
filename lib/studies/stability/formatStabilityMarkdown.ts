/**
 * formatStabilityMarkdown: `summary.md`, the readable summary: settings, files, where the pairs diverge,
 * and one Markdown table of the metrics with a column per population — all steps (the positional
 * comparison) and steps before each pair's first divergence (the first step whose chosen ids differ;
 * later steps compare different texts), the headline first (`config.until_divergence` puts the
 * before-divergence column first) — in 4 significant digits, scientific notation below 0.001, ∞ for
 * infinite values, "n/a" where a metric is undefined; then invalid files and warnings.
 *
 * Type: StabilitySummary → string.
 *
 * @example
 * const { summary } = await runStability(resolveStabilityConfig({ out: "/tmp/logitlab-example/stability" }), { progress: "silent", perStep: false });
 * formatStabilityMarkdown(summary).split("\n")[0]
 * // => "# Stability: reference runs vs check run"
 */
import { formatSummaryNumber as f } from "../../util/formatSummaryNumber.js";
import { stabilityTableRows } from "./stabilityTableRows.js";
import type { StabilitySummary } from "./types.js";

const SHOWN_LIST = 20;

export function formatStabilityMarkdown(summary: StabilitySummary): string {
  const { config, files } = summary;
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    "# Stability: reference runs vs check run",
    "",
    `Reference folders: ${config.reference_dirs.map((d) => `\`${d}\``).join(", ")}; check folder: \`${config.check_dir}\`.`,
    `Settings: K = ${config.k}, M = ${config.m}, CUT_OFF_TOP_P = ${config.cutoff_top_p}.`,
    "",
    `Files: ${files.matched} matched pairs, ${files.compared} compared, ${files.invalid.length} invalid, ` +
      `${files.unmatched_reference.length} reference and ${files.unmatched_check.length} check files unmatched.`,
    "",
    ...divergenceLines(summary),
    `| Metric | Definition | ${summary.config.until_divergence ? "Before divergence | All steps" : "All steps | Before divergence"} |`,
    "|---|---|---:|---:|",
    ...stabilityTableRows(summary).map((r) => `| ${cell(r.metric)} | ${cell(r.definition)} | ${cell(r.value)} | ${cell(r.before_divergence ?? r.all_steps ?? "n/a")} |`),
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
  const library = summary.provenance.library_version;
  lines.push(`Written by logitlab ${library ?? ""} \`stability\`; per-file rows in per_file.csv, every step in per_step.csv.`, "");
  return lines.join("\n");
}

/** The divergence paragraph: how many pairs diverge, where, and what the steps after it add. */
function divergenceLines(summary: StabilitySummary): string[] {
  const d = summary.divergence;
  if (!d) return [];
  const first = d.first_step;
  return [
    `Divergence: ${d.pairs_diverged} of ${d.pairs} pairs diverge (a pair's first divergence is the first step whose chosen ids differ; ` +
      "after it the check run continues its own text, so later steps compare different contexts)" +
      (d.pairs_diverged ? `, first at step median ${f(first.median)} (min ${f(first.min)}, p25 ${f(first.p25)}, p75 ${f(first.p75)}, max ${f(first.max)}, 0-based).` : "."),
    `${d.steps_before} steps come before a pair's first divergence ("Before divergence" below); ${d.steps_after} come at or after it, ` +
      `of which ${d.agreeing_steps_after} agree: their ε max is ${f(d.after.epsilon_max)}, and ${d.after.changed_steps} of the ` +
      `${summary.margin.changed_steps} changed top-${summary.config.k} sets are among them.` +
      (summary.config.until_divergence ? " `--until-divergence`: the before-divergence column is the headline." : ""),
    "",
  ];
}
