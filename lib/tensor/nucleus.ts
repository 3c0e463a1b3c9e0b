import type { tf } from "../backend/backend.js";
import type { EntropyOptions } from "./entropy.js";
import { nucleusReads } from "./internal/nucleusReads.js";
import { readSync } from "./internal/readBack.js";

/** What `nucleus` returns: plain arrays, one entry per step (nuclei are ragged). */
export interface NucleusResult {
  /** [T] number of tokens in each step's nucleus (≥ 1). */
  sizes: number[];
  /** [T][size] token ids, by descending probability, ties by ascending id. */
  ids: number[][];
  /** [T][size] their probabilities under the full distribution. */
  probs: number[][];
  /** [T][size] their probabilities renormalised within the nucleus (each row sums to 1). */
  renormalized: number[][];
  /** [T] entropy of the renormalised nucleus distribution, in nats (or bits on request). */
  entropy: number[];
}

/**
 * nucleus: the top-p nucleus of each step (Holtzman et al. 2020, "The Curious Case of Neural Text
 * Degeneration", https://arxiv.org/abs/1904.09751) — the smallest prefix of tokens, by descending
 * probability (ties by ascending id), whose cumulative probability reaches p.
 *
 *     p_v = exp(x_v − max x) / Σ_u exp(x_u − max x)            (float64 softmax of the float32 logits)
 *     size = min { n : Σ_{i<n} p_(i) ≥ p (1 − 16ε) },  ε = 2^−52;   p = 1: size = #{v : p_v > 0}
 *     q_i = p_i / Σ_{j ≤ size} p_j,   H = −Σ q_i log q_i
 *
 * The boundary is decided in float64 over the whole row (shared with `nucleusCosine` and the nucleus
 * `generate` records; see internal/nucleusPrefix.ts): the slack of 16ε only absorbs p's decimal
 * rounding and float64 summation, so a cumulative probability equal to p counts as reaching it (a
 * uniform row of 50,000 at p = 0.9 gives exactly 45,000 tokens). p = 1 gives every token of non-zero
 * float64 probability (not `-Infinity`, not underflowed), even when they hold 1e-9 of the mass
 * together; masked tokens never enter a nucleus.
 * Shape: [T, V] (or one step [V], giving one entry) → plain arrays, see NucleusResult; p ∈ (0, 1].
 *
 * Cost and transfers: each row is downloaded once (chunks of ≤ 2^22 floats) and sorted on the host
 * only as far as the nucleus needs (a bf16-bucket histogram of the mass picks the candidates): one
 * float64 pass over V and a sort of the candidates only (no benchmark yet; see internal/nucleusPrefix.ts).
 * Stability: `probs` are float64 e_v / S with a compensated sum S; the renormalised probabilities and
 * the entropy are computed in float64 from the nucleus logits, as log S − Σ q z with z = x − max (both
 * terms ≥ 0). A step whose logits hold NaN or `+Infinity`, or only `-Infinity`, throws LogitlabError
 * naming it.
 * Backends: reads the logits with dataSync, so it is for the wasm, cpu and tensorflow backends; on
 * webgpu (where Node has no synchronous read) use `await nucleusAsync(...)`, which gives the same result.
 *
 * @example
 * nucleus(tf.tensor2d([[Math.log(5), Math.log(3), Math.log(2)]]), 0.75)
 * // => {"sizes": [2], "ids": [[0, 1]], "probs": [[0.5, 0.3]], "renormalized": [[0.625, 0.375]], "entropy": [0.6616]}
 */
export function nucleus(logits: tf.Tensor | tf.TensorLike, p: number, options: EntropyOptions = {}): NucleusResult {
  return readSync(nucleusReads(logits, p, options));
}
