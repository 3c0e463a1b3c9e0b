/**
 * mergeRerun: a rerun's fresh rows merged into the previous run's evaluation rows, keeping both
 * attempts: each fresh row must replace the final row of the same (model, technique, index) with the
 * next attempt number (previous attempt + 1); the previous row stays in the table with `final` false,
 * the fresh one is final. Every other previous row is kept as it was. Rows come out grouped by model
 * (in order of first appearance), technique (baseline, cot, cod), index and attempt.
 * Rejected (LogitlabError naming the sample): a fresh row for a sample the previous rows lack, a
 * fresh row whose attempt is not the next one, and two fresh rows for one sample.
 *
 * Type: (previous EvaluationRow[], fresh EvaluationRow[]) → EvaluationRow[] (new objects; inputs untouched).
 *
 * @example
 * const old = { model: "m", technique: "cot", index: 0, attempt: 1, final: true, buggy: true };
 * mergeRerun([old], [{ ...old, attempt: 2, buggy: false }]).map((r) => [r.attempt, r.final, r.buggy])
 * // => [[1, false, true], [2, true, false]]
 */
import { LogitlabError } from "../../util/errors.js";
import type { EvaluationRow } from "./evaluationRow.js";

type Mergeable = Pick<EvaluationRow, "model" | "technique" | "index" | "attempt" | "final">;
const ORDER = { baseline: 0, cot: 1, cod: 2 } as const;

export function mergeRerun<Row extends Mergeable>(previous: readonly Row[], fresh: readonly Row[]): Row[] {
  const key = (r: Mergeable) => `${r.model}\u0000${r.technique}\u0000${r.index}`;
  const name = (r: Mergeable) => `${r.model} ${r.technique} #${r.index}`;
  const finals = new Map<string, Row>();
  for (const r of previous) if (r.final) finals.set(key(r), r);
  const replaced = new Set<string>();
  for (const r of fresh) {
    const k = key(r);
    const old = finals.get(k);
    if (!old) throw new LogitlabError(`${name(r)} is not in the previous results; a rerun only regenerates samples of the previous run`, { context: "mergeRerun" });
    if (replaced.has(k)) throw new LogitlabError(`${name(r)} is rerun twice; one fresh attempt per sample`, { context: "mergeRerun" });
    if (r.attempt !== old.attempt + 1) throw new LogitlabError(`${name(r)}: the fresh attempt is ${r.attempt}, the next after ${old.attempt} is ${old.attempt + 1}`, { context: "mergeRerun" });
    replaced.add(k);
  }
  const models = [...new Set([...previous, ...fresh].map((r) => r.model))];
  const merged: Row[] = [
    ...previous.map((r) => (r.final && replaced.has(key(r)) ? { ...r, final: false } : { ...r })),
    ...fresh.map((r) => ({ ...r, final: true })),
  ];
  return merged.sort((a, b) => models.indexOf(a.model) - models.indexOf(b.model) || ORDER[a.technique] - ORDER[b.technique] || a.index - b.index || a.attempt - b.attempt);
}
