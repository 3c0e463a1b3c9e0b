import { tf } from "../../backend/backend.js";
import type { CausalLM } from "../../models/causalLM.js";
import type { KVCache } from "../../models/types.js";
import { entropy } from "../../tensor/entropy.js";
import { logSoftmax } from "../../tensor/logSoftmax.js";
import { tokenLogProbs } from "../../tensor/tokenLogProbs.js";
import { LogitlabError } from "../../util/errors.js";
import type { NextLogProbs } from "./types.js";

/** What {@link sequenceBranches} returns; call `dispose()` to free the KV cache it holds. */
export interface SequenceBranches {
  /** entropies[t]: entropy (nats) of the next-token distribution after ids[≤t] (logits row t), length N. */
  entropies: number[];
  /** nextTokenLogProbs[t] = log p(ids[t+1] | ids[≤t]), length N − 1 (for `occurrenceProbabilities`). */
  nextTokenLogProbs: number[];
  /** log p(ids | prefix) for any prefix, from the gathered rows or a branch off the cache (for `propensity`). */
  nextLogProbs: NextLogProbs;
  /** Model runs made for branches so far (prefixes the gathered rows could not answer). */
  branchRuns(): number;
  dispose(): void;
}

/**
 * sequenceBranches: one forward pass over a token sequence, reduced at once to what the word study
 * needs, and a KV cache from which branches (the sequence cut at t, followed by other tokens) are run.
 *
 * From the logits [N, V] it keeps: the entropy of every row, the log-probability of each observed
 * next token (`tokenLogProbs`, row t against ids[t+1]) and the log-probabilities of the `gather` ids
 * (e.g. every variant's first token) in every row, [N, m]; then it frees the logits.
 *
 * `nextLogProbs(prefix, ids)`: with L the length of the common start of `prefix` and the sequence,
 * a prefix that is the sequence cut at L (and ids all in `gather`) is read from the kept rows (row L − 1);
 * otherwise the cache is cut to c = min(L, |prefix| − 1) positions (a slice of every layer's keys and
 * values) and the model runs on prefix[c…] only, and the last row's log-softmax is read. This is the
 * "cached branch": a multi-token word at position t costs k − 1 tokens of compute, not t + k − 1.
 *
 * Type: (model, ids [N ≥ 1], gather ids) → {@link SequenceBranches}. Log-probabilities are float32 from
 * the runtime. Throws LogitlabError for an empty sequence, a bad id (via forward) or an empty prefix.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/llama-f32");
 * const branches = sequenceBranches(model, [1, 2, 3], [5]);
 * branches.dispose();
 * [branches.entropies.length, branches.nextTokenLogProbs.length]
 * // => [3, 2]
 */
export function sequenceBranches(model: CausalLM, ids: readonly number[], gather: readonly number[] = []): SequenceBranches {
  if (ids.length === 0) throw new LogitlabError("the sequence is empty", { context: "sequenceBranches", field: "ids" });
  const sequence = [...ids];
  const gatherIds = [...new Set(gather)];
  const V = model.config.vocabSize;
  gatherIds.forEach((id) => {
    if (!Number.isInteger(id) || id < 0 || id >= V) throw new LogitlabError(`gather id ${id} is not an integer in [0, ${V})`, { context: "sequenceBranches", field: "gather" });
  });
  const column = new Map(gatherIds.map((id, k) => [id, k]));
  const result = model.forward(sequence, { useCache: true });
  const cache = result.cache!;
  const N = sequence.length;
  let entropies: number[];
  let nextTokenLogProbs: number[];
  let gathered: number[][];
  try {
    const logits = result.logits as tf.Tensor2D; // [N, V]
    entropies = Array.from(read(entropy(logits)));
    nextTokenLogProbs = N > 1 ? Array.from(read(tf.tidy(() => tokenLogProbs(tf.slice(logits, [0, 0], [N - 1, V]), sequence.slice(1))))) : [];
    const m = gatherIds.length;
    const flat = m > 0 ? read(tf.tidy(() => tf.gather(logSoftmax(logits), tf.tensor1d(gatherIds, "int32"), 1))) : new Float32Array(0); // [N, m]
    gathered = sequence.map((_, t) => Array.from(flat.subarray(t * m, (t + 1) * m)));
  } catch (error) {
    cache.dispose();
    throw error;
  } finally {
    result.logits.dispose();
  }

  let runs = 0;
  let disposed = false;
  const nextLogProbs: NextLogProbs = (prefix, want) => {
    if (disposed) throw new LogitlabError("used after dispose()", { context: "sequenceBranches" });
    if (prefix.length === 0) throw new LogitlabError("a prefix needs at least one token", { context: "sequenceBranches", field: "prefix" });
    let common = 0;
    while (common < prefix.length && common < N && prefix[common] === sequence[common]) common++;
    if (common === prefix.length && want.every((id) => column.has(id))) {
      const row = gathered[common - 1];
      return want.map((id) => row[column.get(id)!]);
    }
    want.forEach((id) => {
      if (!Number.isInteger(id) || id < 0 || id >= V) throw new LogitlabError(`id ${id} is not an integer in [0, ${V})`, { context: "sequenceBranches", field: "ids" });
    });
    runs++;
    const keep = Math.min(common, prefix.length - 1);
    const past: KVCache | undefined = keep > 0
      ? {
          layers: cache.layers.map((l) => ({
            keys: tf.slice(l.keys, [0, 0, 0], [-1, keep, -1]), // [Hkv, keep, hd]
            values: tf.slice(l.values, [0, 0, 0], [-1, keep, -1]),
          })),
          length: keep,
          mask: [new Array(keep).fill(1)],
          dispose() { this.layers.forEach((l) => (l.keys.dispose(), l.values.dispose())); },
        }
      : undefined;
    const branch = model.forward(prefix.slice(keep), past ? { cache: past } : {});
    try {
      const T = prefix.length - keep;
      return read(tf.tidy(() => {
        const last = tf.slice(branch.logits, [T - 1, 0], [1, V]); // [1, V]
        return tf.gather(logSoftmax(last), tf.tensor1d([...want], "int32"), 1);
      }));
    } finally {
      branch.logits.dispose();
      branch.cache?.dispose();
      past?.dispose();
    }
  };
  return {
    entropies,
    nextTokenLogProbs,
    nextLogProbs,
    branchRuns: () => runs,
    dispose() {
      if (!disposed) cache.dispose();
      disposed = true;
    },
  };
}

/** The values of a tensor, which is then freed. */
function read(tensor: tf.Tensor): Float32Array {
  try {
    return tensor.dataSync() as Float32Array;
  } finally {
    tensor.dispose();
  }
}
