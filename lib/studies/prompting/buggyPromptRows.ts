/**
 * buggyPromptRows: the rows of buggy_prompts_to_rerun.csv — every final evaluation row that is buggy
 * (the original's definition: gold without "#### n", or no answer extracted), with what `--rerun-buggy`
 * needs to find it again (model, technique, index) and what a reader needs to see why (attempt,
 * buggy_reason, stop_reason, line, question).
 *
 * Type: (EvaluationRow[]) → rows in input order.
 *
 * @example
 * const row = { model: "m", technique: "cot", index: 4, line: 5, attempt: 1, final: true, buggy: true, buggy_reason: "separator-count", stop_reason: "maxNewTokens", question: "q" };
 * buggyPromptRows([row, { ...row, index: 5, buggy: false }])
 * // => [{ "model": "m", "technique": "cot", "index": 4, "line": 5, "attempt": 1, "buggy_reason": "separator-count", "stop_reason": "maxNewTokens", "question": "q" }]
 */
import type { EvaluationRow } from "./evaluationRow.js";

export type BuggyPromptRow = Pick<EvaluationRow, "model" | "technique" | "index" | "line" | "attempt" | "buggy_reason" | "stop_reason" | "question">;

/** The columns of buggy_prompts_to_rerun.csv. */
export const BUGGY_COLUMNS: readonly (keyof BuggyPromptRow)[] = ["model", "technique", "index", "line", "attempt", "buggy_reason", "stop_reason", "question"];

export function buggyPromptRows(rows: readonly Pick<EvaluationRow, keyof BuggyPromptRow | "final" | "buggy">[]): BuggyPromptRow[] {
  return rows
    .filter((r) => r.final && r.buggy)
    .map((r) => ({ model: r.model, technique: r.technique, index: r.index, line: r.line, attempt: r.attempt, buggy_reason: r.buggy_reason, stop_reason: r.stop_reason, question: r.question }));
}
