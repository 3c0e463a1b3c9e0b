/**
 * perFileCsv: `per_file.csv`, one row per matched pair (compared or invalid), from `PerFileRow`s.
 *
 * Columns: name, reference, check, status, reason, steps, agreeing_steps, token_agreement,
 * epsilon_mean, epsilon_max, perplexity_reference, perplexity_check, set_preservation_rate,
 * order_preservation_rate, mean_overlap, eligible_steps, changed_steps, reference_bytes, check_bytes.
 * Infinite perplexities are written `inf`; undefined values are empty.
 *
 * Type: PerFileRow[] → string.
 *
 * @example
 * perFileCsv([]).split(",")[0]
 * // => "name"
 */
import { csvField } from "./csvField.js";
import type { PerFileRow } from "./types.js";

const COLUMNS: [string, keyof PerFileRow][] = [
  ["name", "name"], ["reference", "reference"], ["check", "check"], ["status", "status"], ["reason", "reason"],
  ["steps", "steps"], ["agreeing_steps", "agreeingSteps"], ["token_agreement", "tokenAgreement"],
  ["epsilon_mean", "epsilonMean"], ["epsilon_max", "epsilonMax"],
  ["perplexity_reference", "referencePerplexity"], ["perplexity_check", "checkPerplexity"],
  ["set_preservation_rate", "setPreservationRate"], ["order_preservation_rate", "orderPreservationRate"],
  ["mean_overlap", "meanOverlap"], ["eligible_steps", "eligibleSteps"], ["changed_steps", "changedSteps"],
  ["reference_bytes", "referenceBytes"], ["check_bytes", "checkBytes"],
];

export function perFileCsv(rows: PerFileRow[]): string {
  const lines = [COLUMNS.map(([header]) => header).join(",")];
  for (const row of rows) lines.push(COLUMNS.map(([, key]) => csvField(row[key])).join(","));
  return lines.join("\n") + "\n";
}
