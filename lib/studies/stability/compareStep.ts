/**
 * compareStep: the stability metrics of one step pair (step t of a reference file and of its check file).
 *
 * - agree: `id_ref = id_check`. The other metrics are defined on agreeing steps only (null otherwise).
 * - epsilon = |p_ref − p_check| of the chosen token; relative epsilon = epsilon / p_ref
 *   (0 when both are 0, Infinity when only p_ref is 0).
 * - top-K: with L = min(K, |ref top_k|, |check top_k|), A and B the first L ids of each sorted list:
 *   setPreserved = (A = B as sets), orderPreserved = (A = B as sequences), overlap = |A ∩ B| / L;
 *   shortList when either list has fewer than K entries.
 * - margin analysis: eligible when p_ref,(1) < cutoffTopP and the reference list has ≥ K+1 entries;
 *   margin = p_ref,(K) − p_ref,(K+1); changed = eligible and not setPreserved; boundarySwap (changed
 *   steps only, else null) = every id of B \ A is among the reference's first K+M ids.
 *
 * Type: (StepRecord, StepRecord, StabilitySettings, step index) → StepComparison. Lists must be sorted
 * (probability descending, ties by id ascending), as `parseRunFile` returns them.
 *
 * @example
 * const s = (id, prob, ids, probs) => ({ id, prob, topIds: Int32Array.from(ids), topProbs: Float64Array.from(probs) });
 * compareStep(s(1, 0.5, [1, 2, 3], [0.5, 0.3, 0.2]), s(1, 0.4, [1, 3, 2], [0.4, 0.35, 0.25]), { k: 2, m: 1, cutoffTopP: 0.9 }, 0).boundarySwap
 * // => true
 */
import type { ComparedStep, StabilitySettings, StepComparison } from "./types.js";

export function compareStep(reference: ComparedStep, check: ComparedStep, settings: StabilitySettings, step: number): StepComparison {
  const agree = reference.id === check.id;
  const result: StepComparison = {
    step,
    referenceId: reference.id,
    checkId: check.id,
    agree,
    referenceProb: reference.prob,
    checkProb: check.prob,
    epsilon: null,
    relativeEpsilon: null,
    topkLength: null,
    shortList: null,
    setPreserved: null,
    orderPreserved: null,
    overlap: null,
    eligible: null,
    margin: null,
    changed: null,
    boundarySwap: null,
  };
  if (!agree) return result;

  const { k, m, cutoffTopP } = settings;
  const epsilon = Math.abs(reference.prob - check.prob);
  result.epsilon = epsilon;
  result.relativeEpsilon = reference.prob > 0 ? epsilon / reference.prob : epsilon === 0 ? 0 : Infinity;

  const a = reference.topIds;
  const b = check.topIds;
  const length = Math.min(k, a.length, b.length);
  let shared = 0;
  let sameOrder = true;
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) sameOrder = false;
    for (let j = 0; j < length; j++) {
      if (a[i] === b[j]) {
        shared++;
        break;
      }
    }
  }
  const setPreserved = shared === length;
  result.topkLength = length;
  result.shortList = a.length < k || b.length < k;
  result.setPreserved = setPreserved;
  result.orderPreserved = sameOrder;
  result.overlap = length > 0 ? shared / length : null;

  const eligible = reference.topProbs[0] < cutoffTopP && a.length >= k + 1;
  result.eligible = eligible;
  if (eligible) {
    result.margin = reference.topProbs[k - 1] - reference.topProbs[k];
    const changed = !setPreserved;
    result.changed = changed;
    if (changed) {
      const window = Math.min(k + m, a.length);
      let swap = true;
      for (let j = 0; j < length && swap; j++) {
        const id = b[j];
        let inA = false;
        for (let i = 0; i < length; i++) if (a[i] === id) inA = true;
        if (inA) continue; // not an entering id
        let inWindow = false;
        for (let i = 0; i < window; i++) if (a[i] === id) inWindow = true;
        swap = inWindow;
      }
      result.boundarySwap = swap;
    }
  }
  return result;
}
