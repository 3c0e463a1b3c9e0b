/**
 * runStep: one validated run-file step as the canonical `StepRecord` — what both run-file readers
 * (`parseRunFile`, `fastParseRunFile`) emit: `logProb = Math.log(prob)` (−Infinity for p = 0),
 * `entropy` null (a run file gives only a top-N list), `top` `{ kind: "given" }`, `truncated` true,
 * and `coveredMass` = Σ of the list's probabilities (in list order). The lists must already be sorted
 * (`sortTopK`). One constructor keeps every record the same shape (one V8 hidden class).
 *
 * Type: (id, prob, topIds, topProbs) → StepRecord.
 *
 * @example
 * const s = runStep(7, 0.5, Int32Array.of(7, 3), Float64Array.of(0.5, 0.25));
 * [s.logProb, s.coveredMass, s.entropy, s.truncated, s.top.kind]
 * // => [-0.6931, 0.75, null, true, "given"]
 */
import type { StepRecord } from "../../io/stepRecord.js";

const GIVEN = Object.freeze({ kind: "given" as const });

export function runStep(id: number, prob: number, topIds: Int32Array, topProbs: Float64Array): StepRecord {
  let coveredMass = 0;
  for (let j = 0; j < topProbs.length; j++) coveredMass += topProbs[j];
  return { id, prob, logProb: Math.log(prob), entropy: null, topIds, topProbs, top: GIVEN, truncated: true, coveredMass };
}
