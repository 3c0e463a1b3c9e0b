/**
 * stepStatistics: the correlation study's per-step quantities of one engine row, on the host in float64,
 * in one pass over the vocabulary (`rowNucleus`: the softmax, the full entropy and the nucleus together)
 * plus O(kD) for the cosine of the k nucleus tokens:
 *
 *   - probabilities p = softmax(logits) at temperature 1;
 *   - nucleus: the first `searchsorted(cumsum(sorted p), p) + 1` tokens by descending probability (the
 *     smallest prefix reaching `topP`, the crossing token included; float64, exact boundary: `rowNucleus`);
 *   - nucleusEntropy: the original's entropy of the renormalised nucleus,
 *       q = p / (Σ_nucleus p + 1e-12),   H = −Σ q log(q + 1e-12)   (nats; 1e-12 terms as the original;
 *       exactly 0 for one token, as the original's float32 gives);
 *   - fullEntropy: −Σ p log p over the whole vocabulary;
 *   - cosine: mean over pairs i < j of the cosines of the nucleus tokens' L2-normalised input-embedding
 *     rows (`embeddings`, usually an `EmbeddingRowCache` of `engine.embeddingRows`); 1 for one token;
 *   - nucleusSize, truncated, coveredMass.
 *
 * A truncated row (an engine's top-N list with full-distribution log-probabilities): fullEntropy is NaN
 * (unknown); when the list reaches `topP` the nucleus is its prefix and the rest is computed as above
 * (the list's probabilities are the full distribution's, so this is exact); when it does not, the
 * nucleus is unknown and is reported, not guessed: `nucleusCovered` false, nucleusEntropy, cosine and
 * nucleusSize NaN, and `ids`/`probs` hold the whole list (what can be sampled).
 *
 * @example
 * const stats = await stepStatistics({ kind: "logits", logits: Float32Array.of(2, 2, -9) }, async (ids) => Array.from(ids, (id) => Float64Array.of(1, id)));
 * [stats.nucleusSize, Number(stats.nucleusEntropy.toFixed(6)), Number(stats.cosine.toFixed(6))]
 * // => [2, 0.693147, 0.707107]
 */
import type { EngineRow } from "../../engines/Engine.js";
import { REACH_TOLERANCE, Scratch, checkTopP, rowNucleus } from "../../tensor/internal/nucleusPrefix.js";
import { meanPairwiseCosineRows } from "./meanPairwiseCosineRows.js";

export interface StepStatistics {
  /** Nucleus ids by descending probability (ties by ascending id); the whole list when not covered. */
  ids: Int32Array;
  /** Their probabilities under the full distribution (float64). */
  probs: Float64Array;
  nucleusEntropy: number;
  /** NaN for a truncated row. */
  fullEntropy: number;
  cosine: number;
  nucleusSize: number;
  truncated: boolean;
  /** Σ of the listed probabilities (1 for a full row). */
  coveredMass: number;
  /** False when a truncated list does not reach p (the nucleus is unknown). */
  nucleusCovered: boolean;
}

export interface StepStatisticsOptions {
  /** Nucleus mass (default 0.9). */
  topP?: number;
  /** Buffers reused across rows of one vocabulary size (`new Scratch(V)`); allocated per call when absent. */
  scratch?: Scratch;
  /** Step index, for error messages. */
  step?: number;
}

/**
 * The original's renormalised-nucleus entropy: q = p / (Σp + 1e-12), −Σ q log(q + 1e-12); exactly 0 for
 * a one-token nucleus (in float64 the 1e-12 terms leave about 1e-16 there, where the original's float32
 * arithmetic gives exactly 0, and its filter "entropy = 0 and cosine = 1" relies on that).
 */
function nucleusEntropyOf(probs: Float64Array): number {
  if (probs.length === 1) return 0;
  let sum = 0;
  for (let i = 0; i < probs.length; i++) sum += probs[i];
  const denominator = sum + 1e-12;
  let entropy = 0;
  for (let i = 0; i < probs.length; i++) {
    const q = probs[i] / denominator;
    entropy -= q * Math.log(q + 1e-12);
  }
  return entropy;
}

export async function stepStatistics(
  row: EngineRow,
  embeddings: (ids: Int32Array) => Promise<ArrayLike<number>[]>,
  options: StepStatisticsOptions = {},
): Promise<StepStatistics> {
  const topP = options.topP ?? 0.9;
  checkTopP(topP, "stepStatistics");
  if (row.kind === "logits") {
    const core = rowNucleus(row.logits, topP, "stepStatistics", options.step ?? 0, options.scratch ?? new Scratch(row.logits.length));
    const cosine = meanPairwiseCosineRows(await embeddings(core.ids));
    return {
      ids: core.ids,
      probs: core.probs,
      nucleusEntropy: nucleusEntropyOf(core.probs),
      fullEntropy: core.entropy,
      cosine,
      nucleusSize: core.ids.length,
      truncated: false,
      coveredMass: 1,
      nucleusCovered: true,
    };
  }
  const probs = Float64Array.from(row.logProbs, Math.exp);
  let covered = 0;
  let size = 0;
  for (let i = 0; i < probs.length; i++) {
    covered += probs[i];
    if (size === 0 && covered >= topP * (1 - REACH_TOLERANCE)) size = i + 1;
  }
  if (size === 0) {
    return { ids: Int32Array.from(row.ids), probs, nucleusEntropy: NaN, fullEntropy: NaN, cosine: NaN, nucleusSize: NaN, truncated: true, coveredMass: Math.min(1, covered), nucleusCovered: false };
  }
  const ids = Int32Array.from(row.ids.subarray(0, size));
  const nucleusProbs = probs.slice(0, size);
  return {
    ids,
    probs: nucleusProbs,
    nucleusEntropy: nucleusEntropyOf(nucleusProbs),
    fullEntropy: NaN,
    cosine: meanPairwiseCosineRows(await embeddings(ids)),
    nucleusSize: size,
    truncated: true,
    coveredMass: Math.min(1, covered),
    nucleusCovered: true,
  };
}
