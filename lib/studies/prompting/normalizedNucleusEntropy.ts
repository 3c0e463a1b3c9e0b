/**
 * normalizedNucleusEntropy: the original prompting study's per-token uncertainty — the entropy of the
 * renormalised top-p nucleus divided by ln K, K the nucleus size (0 when K = 1), computed exactly as
 * the original code does it:
 *
 *     q = p / (Σ p + 1e-12),   H = −Σ q · log(q + 1e-12)   (nats),   normalized = H / ln K  (0 when K = 1)
 *
 * `probs` are the nucleus tokens' probabilities under the full distribution (a step record's
 * `topProbs`, the nucleus of mass p = 0.95 that the token was sampled from). H/ln K lies in [0, 1]
 * up to the 1e-12 terms (a uniform nucleus gives 1).
 *
 * Type: (probs: ArrayLike<number>, length K ≥ 1) → { entropy: H, normalized, size: K }.
 * Throws LogitlabError for an empty list or a negative or non-finite probability.
 *
 * @example
 * const { entropy, normalized } = normalizedNucleusEntropy([0.45, 0.45]);
 * [Number(entropy.toFixed(6)), Number(normalized.toFixed(6)), normalizedNucleusEntropy([0.99]).normalized]
 * // => [0.693147, 1, 0]
 */
import { LogitlabError } from "../../util/errors.js";

export function normalizedNucleusEntropy(probs: ArrayLike<number>): { entropy: number; normalized: number; size: number } {
  const K = probs.length;
  if (K === 0) throw new LogitlabError("needs at least one nucleus probability", { context: "normalizedNucleusEntropy" });
  let total = 0;
  for (let i = 0; i < K; i++) {
    const p = probs[i];
    if (!(p >= 0 && Number.isFinite(p))) throw new LogitlabError(`probability ${i} is ${p}; it must be finite and ≥ 0`, { context: "normalizedNucleusEntropy" });
    total += p;
  }
  let entropy = 0;
  for (let i = 0; i < K; i++) {
    const q = probs[i] / (total + 1e-12);
    entropy -= q * Math.log(q + 1e-12);
  }
  return { entropy, normalized: K === 1 ? 0 : entropy / Math.log(K), size: K };
}
