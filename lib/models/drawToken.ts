/**
 * drawToken: the token `generate` (and every engine's `engineGenerate`) picks from one row of logits —
 * greedy argmax at temperature 0 (ties to the lowest id), else one draw of `random()` from the
 * sampling distribution (temperature, top-k, top-p: `samplingDistribution`), walking the kept tokens
 * in their order and subtracting their unnormalised weights. The same logits and the same stream give
 * the same token on every engine.
 *
 * @example
 * drawToken(Float32Array.from([0, 3, 1]), { temperature: 0, topK: 0, topP: 1 }, Math.random)
 * // => {"id": 1, "samplingProb": 1}
 */
import { samplingDistribution, type SamplingSettings } from "./samplingDistribution.js";

export function drawToken(logits: Float32Array, settings: SamplingSettings, random: () => number): { id: number; samplingProb: number } {
  const { ids, weights, probs } = samplingDistribution(logits, settings);
  if (settings.temperature === 0) return { id: ids[0], samplingProb: 1 };
  const total = weights.reduce((a, b) => a + b, 0);
  let u = random() * total;
  for (let i = 0; i < ids.length; i++) {
    u -= weights[i];
    if (u < 0) return { id: ids[i], samplingProb: probs[i] };
  }
  return { id: ids[ids.length - 1], samplingProb: probs[ids.length - 1] };
}
