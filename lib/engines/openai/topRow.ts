/**
 * topRow: an {@link EngineRow} of kind "top" from the (id, log-probability) entries a server reported at
 * one position: sorted by log-probability descending (ties by ascending id, the StepRecord order) and
 * cut to the `n` best. A server may list one more token than asked (vLLM adds the sampled or prompt
 * token when it is outside its top-N); when that token is `chosenId` it is kept as the row's `chosen`
 * entry, outside the list, so its probability is known without breaking the list's top-N meaning.
 *
 * @example
 * const row = topRow([{ id: 7, logProb: -2 }, { id: 3, logProb: -0.5 }, { id: 9, logProb: -4 }], 2, 9);
 * [Array.from(row.ids), row.kind === "top" ? row.chosen : null]
 * // => [[3, 7], {"id": 9, "logProb": -4}]
 */
import type { EngineRow } from "../Engine.js";

export function topRow(entries: readonly { id: number; logProb: number }[], n: number, chosenId?: number): EngineRow & { kind: "top" } {
  const sorted = [...entries].sort((a, b) => b.logProb - a.logProb || a.id - b.id);
  const kept = sorted.slice(0, Math.max(0, n));
  const row: EngineRow & { kind: "top" } = {
    kind: "top",
    ids: Int32Array.from(kept, (e) => e.id),
    logProbs: Float64Array.from(kept, (e) => e.logProb),
  };
  if (chosenId !== undefined && !kept.some((e) => e.id === chosenId)) {
    const chosen = sorted.find((e) => e.id === chosenId);
    if (chosen) row.chosen = { id: chosen.id, logProb: chosen.logProb };
  }
  return row;
}
