/**
 * formatStabilityMarkdown: `summary.md`, the readable summary: settings, files, and one Markdown table
 * of the metrics (4 significant digits, scientific notation below 0.001, ∞ for infinite values,
 * "n/a" where a metric is undefined), then invalid files and warnings.
 *
 * Type: StabilitySummary → string.
 *
 * @example
 * const { summary } = await runStability(resolveStabilityConfig({ out: "/tmp/logitlab-example/stability" }), { progress: "silent", perStep: false });
 * formatStabilityMarkdown(summary).split("\n")[0]
 * // => "# Stability: reference runs vs check run"
 */
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
    "| Metric | Definition | Value |",
    "|---|---|---:|",
    ...stabilityTableRows(summary).map((r) => `| ${cell(r.metric)} | ${cell(r.definition)} | ${cell(r.value)} |`),
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
