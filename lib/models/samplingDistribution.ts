/**
 * samplingDistribution: the tokens `generate` may draw at one step and their probabilities, following
 * Hugging Face's warpers in their order (transformers `GenerationMixin._get_logits_processor`:
 * TemperatureLogitsWarper → TopKLogitsWarper → TopPLogitsWarper, then `torch.multinomial`).
 *
 *   1. temperature T: scores z / T. T = 0 is greedy: the argmax alone (ties: the lowest id, as
 *      `torch.argmax`).
 *   2. top-k: HF keeps every token tied with the k-th largest score,
 *        `indices_to_remove = scores < torch.topk(scores, top_k)[0][..., -1, None]`,
 *      so more than k tokens survive when the k-th is tied; k = 0 (or ≥ V) keeps all. The comparison
 *      here is on the float32 logits z: dividing by T > 0 keeps their order and their ties, whereas HF
 *      compares the float32 quotients z / T, which can merge two logits one ulp apart.
 *   3. top-p: HF sorts ascending, `cumulative_probs = sorted_logits.softmax(-1).cumsum(-1)` and removes
 *      `cumulative_probs <= (1 - top_p)`, keeping at least one token. In exact arithmetic that keeps token
 *      j iff the mass of the tokens above it (descending order) is < p: the smallest descending prefix
 *      whose mass reaches p — what is computed here, in float64 (HF: float32, ascending) over the tokens
 *      top-k kept, ordered by descending logit with ties by ascending id. Where tied tokens straddle the
 *      boundary, HF keeps whichever its (unstable) torch.sort put last; here the lower ids.
 *   4. weights w_i = e^((z_i − max)/T) of the kept tokens, probs = w / Σ w (float64).
 *
 * Contract: logits [V] (float32 values) → ids by descending logit (ties: ascending id), their weights
 * and probabilities (same order; probs sum to 1). Options are checked by `generate`.
 *
 * @example
 * samplingDistribution(Float32Array.of(2, 1, 1, 0), { temperature: 1, topK: 2, topP: 1 }).ids // => [0, 1, 2]
 */

/** Sampling settings (see the module comment). */
export interface SamplingSettings {
  temperature: number;
  topK: number;
  topP: number;
}

/** The kept tokens: ids, unnormalised weights e^((z − max)/T) and probabilities. */
export interface SamplingDistribution {
  ids: number[];
  weights: number[];
  probs: number[];
}

export function samplingDistribution(logits: Float32Array, settings: SamplingSettings): SamplingDistribution {
  const { temperature, topK, topP } = settings;
  const V = logits.length;
  if (temperature === 0) {
    let best = 0;
    for (let v = 1; v < V; v++) if (logits[v] > logits[best]) best = v;
    return { ids: [best], weights: [1], probs: [1] };
  }
  // Candidates by descending logit (ties: lower id first).
  const order = Array.from({ length: V }, (_, v) => v).sort((a, b) => logits[b] - logits[a] || a - b);
  const kept = order.slice(0, topKCount(logits, order, topK));
  const max = logits[kept[0]];
  const weights = kept.map((v) => Math.exp((logits[v] - max) / temperature));
  let size = kept.length;
  if (topP < 1) {
    // Smallest prefix whose mass reaches topP (token i stays iff the mass before it is < topP).
    const total = weights.reduce((a, b) => a + b, 0);
    let cumulative = 0;
    for (let i = 0; i < kept.length; i++) {
      cumulative += weights[i] / total;
      if (cumulative >= topP) {
        size = i + 1;
        break;
      }
    }
  }
  const ids = kept.slice(0, size);
  const keptWeights = weights.slice(0, size);
  const total = keptWeights.reduce((a, b) => a + b, 0);
  return { ids, weights: keptWeights, probs: keptWeights.map((w) => w / total) };
}

/**
 * How many of `order` (ids by descending logit) HF's TopKLogitsWarper keeps: every token whose logit
 * is ≥ the k-th largest, so ties with the k-th all stay. k = 0 or k ≥ V keeps all.
 */
function topKCount(logits: Float32Array, order: number[], topK: number): number {
  if (topK === 0 || topK >= order.length) return order.length;
  const kth = logits[order[topK - 1]];
  let count = topK;
  while (count < order.length && logits[order[count]] >= kth) count++;
  return count;
}
