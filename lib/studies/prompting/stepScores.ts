/**
 * stepScores: the prompting study's per-sample uncertainty scores from an answer's step records
 * (`StepRecord`s whose top list is the nucleus the token was sampled from, p = 0.95 in the original),
 * means over the steps given:
 *
 *   originalEntropy = mean of H(nucleus)/ln K (`normalizedNucleusEntropy`; 0 at K = 1) — the original's score;
 *   nucleusEntropy  = mean of H(nucleus) in nats (not divided by ln K);
 *   fullEntropy     = mean entropy of the full distribution (NaN when a step's is unknown: truncated rows);
 *   cosine          = mean of the nucleus tokens' mean pairwise input-embedding cosine (`meanRowCosine`; 1 at K = 1);
 *   nucleusSize     = mean K;
 *   truncatedSteps  = steps whose row was a truncated top-N list.
 * `embeddingRows` gives the input-embedding rows of ids (an engine's `embeddingRows`). No step → NaN means.
 * Memory: one step's nucleus rows at a time.
 *
 * Type: (steps: StepRecord[], embeddingRows: ids → Promise<rows>) → Promise<StepScores>.
 *
 * @example
 * const step = (probs, ids) => ({ topProbs: Float64Array.from(probs), topIds: Int32Array.from(ids), entropy: 1, truncated: false });
 * const rows = async (ids) => ids.map((id) => (id === 0 ? [1, 0] : [0, 1]));
 * const s = await stepScores([step([0.5, 0.5], [0, 1]), step([0.97], [0])], rows);
 * [s.originalEntropy.toFixed(6), s.cosine, s.nucleusSize]
 * // => ["0.500000", 0.5, 1.5]
 */
import type { StepRecord } from "../../io/stepRecord.js";
import { meanRowCosine } from "./meanRowCosine.js";
import { normalizedNucleusEntropy } from "./normalizedNucleusEntropy.js";

export interface StepScores {
  originalEntropy: number;
  nucleusEntropy: number;
  fullEntropy: number;
  cosine: number;
  nucleusSize: number;
  truncatedSteps: number;
}

export async function stepScores(
  steps: readonly Pick<StepRecord, "topProbs" | "topIds" | "entropy" | "truncated">[],
  embeddingRows: (ids: readonly number[]) => Promise<ArrayLike<number>[]>,
): Promise<StepScores> {
  let original = 0, nucleus = 0, full = 0, cosine = 0, size = 0, truncated = 0;
  for (const step of steps) {
    const h = normalizedNucleusEntropy(step.topProbs);
    original += h.normalized;
    nucleus += h.entropy;
    size += h.size;
    full += step.entropy ?? NaN;
    if (step.truncated) truncated++;
    cosine += h.size === 1 ? 1 : meanRowCosine(await embeddingRows(Array.from(step.topIds)));
  }
  const n = steps.length;
  const mean = (total: number) => (n === 0 ? NaN : total / n);
  return { originalEntropy: mean(original), nucleusEntropy: mean(nucleus), fullEntropy: mean(full), cosine: mean(cosine), nucleusSize: mean(size), truncatedSteps: truncated };
}
