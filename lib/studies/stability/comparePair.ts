/**
 * comparePair: compare a reference file's steps with its check file's, step t with step t.
 *
 * Per step it applies `compareStep`; per file it adds the perplexities over agreeing steps,
 *   PPL = exp(−(1/n) Σ_t log p_t),
 * for the reference and for the check side. A zero probability makes log p = −∞ and PPL = +∞ (kept as
 * Infinity, never an exception); no agreeing step gives NaN (no perplexity).
 *
 * Type: (StepRecord[T], StepRecord[T], StabilitySettings) → PairComparison. Throws LogitlabError when the
 * step counts differ (the caller reports the pair as invalid).
 *
 * @example
 * const s = (id, prob) => ({ id, prob, topIds: Int32Array.of(id), topProbs: Float64Array.of(prob) });
 * comparePair([s(1, 0.5), s(2, 0.25)], [s(1, 0.5), s(2, 0.25)], { k: 1, m: 0, cutoffTopP: 0.9 }).referencePerplexity
 * // => 2.8284
 */
import { LogitlabError } from "../../util/errors.js";
import { compareStep } from "./compareStep.js";
import type { ComparedStep, PairComparison, StabilitySettings } from "./types.js";

export function comparePair(reference: readonly ComparedStep[], check: readonly ComparedStep[], settings: StabilitySettings): PairComparison {
  if (reference.length !== check.length) {
    throw new LogitlabError(`the check file has ${check.length} steps, its reference has ${reference.length}`, { context: "stability" });
  }
  const steps = new Array(reference.length);
  let agreeing = 0;
  let logReference = 0;
  let logCheck = 0;
  for (let t = 0; t < reference.length; t++) {
    const row = compareStep(reference[t], check[t], settings, t);
    steps[t] = row;
    if (row.agree) {
      agreeing++;
      logReference += Math.log(row.referenceProb);
      logCheck += Math.log(row.checkProb);
    }
  }
  return {
    steps,
    agreeingSteps: agreeing,
    referencePerplexity: agreeing > 0 ? Math.exp(-logReference / agreeing) : NaN,
    checkPerplexity: agreeing > 0 ? Math.exp(-logCheck / agreeing) : NaN,
  };
}
