/**
 * StepRecord: the one canonical record of a next-token distribution at one step, emitted by every
 * producer — `generate` (lib/models), the stability study's run-file reader, and the engines to come
 * (llama.cpp, OpenAI-compatible servers, dumps) — so that every study reads one shape.
 *
 * Conventions:
 *   - `prob`/`logProb` are of the chosen (or teacher-forced) token `id` under the model's distribution
 *     at temperature 1, never under a sampling distribution.
 *   - `topIds`/`topProbs` are sorted by probability descending, ties by id ascending. What the list is
 *     — a nucleus of mass p, the k most likely tokens, or a list given by a file or server — is `top`.
 *   - `truncated` is true when the producer saw only part of the vocabulary (a top-N list from a
 *     server or a run file); `coveredMass` is then the probability mass of what it saw (1 when full).
 *     `entropy` is of the full distribution, in nats, and is null when it cannot be known (truncated).
 *   - `logits` is the full row [V], only when the caller asked for it (it costs V floats a step).
 *
 * Types only; producers live with their code.
 */

/** What the `topIds`/`topProbs` list of a {@link StepRecord} is. */
export type StepTop =
  | { kind: "nucleus"; p: number }
  | { kind: "topK"; k: number }
  | { kind: "given" };

export interface StepRecord {
  /** Chosen (or teacher-forced) token id. */
  id: number;
  /** Decoded text of the token alone, when a tokenizer is at hand. */
  token?: string;
  /** Probability of `id` (temperature 1). */
  prob: number;
  /** Natural log of `prob`, computed in float64 from the logits where the producer has them. */
  logProb: number;
  /** Entropy of the full distribution in nats; null when the distribution is truncated. */
  entropy: number | null;
  /** Candidate ids by descending probability (ties: ascending id). */
  topIds: Int32Array;
  /** Their probabilities, same order. */
  topProbs: Float64Array;
  /** What the candidate list is. */
  top: StepTop;
  /** The producer saw only part of the vocabulary. */
  truncated: boolean;
  /** Probability mass of the tokens the producer saw (1 for a full distribution). */
  coveredMass: number;
  /** Full logits row [V], when asked for. */
  logits?: Float32Array;
}
