/**
 * perFileRows: the rows of `per_file.csv`, one per matched pair (compared or invalid), with the CSV's
 * column names, from `PerFileRow`s.
 *
 * Columns: name, reference, check, status, reason, steps, agreeing_steps, token_agreement,
 * epsilon_mean, epsilon_max, perplexity_reference, perplexity_check, set_preservation_rate,
 * order_preservation_rate, mean_overlap, eligible_steps, changed_steps, first_divergence (the first step whose
 * chosen ids differ; empty when none does), reference_bytes, check_bytes.
 *
 * Type: PerFileRow[] → TableRow[].
 *
 * @example
 * Object.keys(perFileRows([{ name: "a.json", steps: 3 }])[0]).slice(0, 6)
 * // => ["name", "reference", "check", "status", "reason", "steps"]
 */
import type { TableRow } from "../../io/tableRow.js";
import type { PerFileRow } from "./types.js";

/** CSV column → PerFileRow field, in column order. */
export const PER_FILE_COLUMNS: readonly [string, keyof PerFileRow][] = [
  ["name", "name"], ["reference", "reference"], ["check", "check"], ["status", "status"], ["reason", "reason"],
  ["steps", "steps"], ["agreeing_steps", "agreeingSteps"], ["token_agreement", "tokenAgreement"],
  ["epsilon_mean", "epsilonMean"], ["epsilon_max", "epsilonMax"],
  ["perplexity_reference", "referencePerplexity"], ["perplexity_check", "checkPerplexity"],
  ["set_preservation_rate", "setPreservationRate"], ["order_preservation_rate", "orderPreservationRate"],
  ["mean_overlap", "meanOverlap"], ["eligible_steps", "eligibleSteps"], ["changed_steps", "changedSteps"],
  ["first_divergence", "firstDivergence"],
  ["reference_bytes", "referenceBytes"], ["check_bytes", "checkBytes"],
];

export function perFileRows(rows: readonly Partial<PerFileRow>[]): TableRow[] {
  return rows.map((row) => Object.fromEntries(PER_FILE_COLUMNS.map(([column, key]) => [column, row[key] ?? null])));
}
