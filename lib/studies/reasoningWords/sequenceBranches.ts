import { tf } from "../../backend/backend.js";
import type { CausalLM } from "../../models/causalLM.js";
import type { KVCache } from "../../models/types.js";
import { entropy } from "../../tensor/entropy.js";
import { logSoftmax } from "../../tensor/logSoftmax.js";
import { tokenLogProbs } from "../../tensor/tokenLogProbs.js";
import { LogitlabError } from "../../util/errors.js";
import type { NextLogProbs } from "./types.js";

/** At most this many branches run together in one forward pass. */
const MAX_BATCH = 64;
/** Float32 values the tiled cache of one batch may hold (256 MB), which bounds the batch for long sequences of big models. */
const CACHE_BUDGET = 2 ** 26;

/** What {@link sequenceBranches} returns; call `dispose()` to free the KV cache it holds. */
export interface SequenceBranches {
  /** entropies[t]: entropy (nats) of the next-token distribution after ids[≤t] (logits row t), length N. */
  entropies: number[];
  /** nextTokenLogProbs[t] = log p(ids[t+1] | ids[≤t]), length N − 1 (for `occurrenceProbabilities`). */
  nextTokenLogProbs: number[];
  /** log p(ids | prefix) for any prefixes, from the gathered rows or batched branches off the cache (for `propensity`). */
  nextLogProbs: NextLogProbs;
  /** Branches run so far (prefixes the gathered rows could not answer). */
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
 * `nextLogProbs(requests)`: for each request, with L the length of the common start of its prefix and
 * the sequence, a prefix that is the sequence cut at L (and ids all in `gather`) is read from the kept
 * rows (row L − 1); otherwise it is a branch: the cache is cut to c = min(L, |prefix| − 1) positions
 * and the model runs on prefix[c…] only, and the last row's log-softmax is read. This is the "cached
 * branch": a multi-token word at position t costs k − 1 tokens of compute, not t + k − 1. Branches run
 * together, up to 64 rows a forward pass (fewer when the tiled cache, rows × N × layers × 2 × kv heads ×
 * head size, would pass 2²⁶ float32 values — 256 MB): every row gets the cache cut at the longest c of the batch
 * with the keys past its own c masked out (attention mask 0), and its tail right-padded; for a
 * sliding-window model (where masked keys would shift the window) a batch holds one c only.
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
  const windowed = model.config.slidingWindow !== undefined;
  const { numLayers, numKvHeads, headDim } = model.config;
  const batchRows = Math.max(1, Math.min(MAX_BATCH, Math.floor(CACHE_BUDGET / (N * numLayers * 2 * numKvHeads * headDim))));
  const nextLogProbs: NextLogProbs = (requests) => {
    if (disposed) throw new LogitlabError("used after dispose()", { context: "sequenceBranches" });
    const answers: ArrayLike<number>[] = new Array(requests.length);
    const pending: { index: number; keep: number }[] = [];
    requests.forEach(({ prefix, ids: want }, r) => {
      if (prefix.length === 0) throw new LogitlabError("a prefix needs at least one token", { context: "sequenceBranches", field: "prefix", position: `request ${r}` });
      want.forEach((id) => {
        if (!Number.isInteger(id) || id < 0 || id >= V) throw new LogitlabError(`id ${id} is not an integer in [0, ${V})`, { context: "sequenceBranches", field: "ids", position: `request ${r}` });
      });
      let common = 0;
      while (common < prefix.length && common < N && prefix[common] === sequence[common]) common++;
      if (common === prefix.length && want.every((id) => column.has(id))) {
        const row = gathered[common - 1];
        answers[r] = want.map((id) => row[column.get(id)!]);
      } else {
        pending.push({ index: r, keep: Math.min(common, prefix.length - 1) });
      }
    });
    // Batches of branches; with a sliding window the cut must be the same within a batch (no padding in the cache).
    const groups = new Map<number, { index: number; keep: number }[]>();
    for (const item of pending) {
      const key = windowed ? item.keep : 0;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(item);
    }
    for (const group of groups.values()) {
      for (let at = 0; at < group.length; at += batchRows) {
        const chunk = group.slice(at, at + batchRows);
        const values = runBranches(chunk.map(({ index, keep }) => ({ keep, tail: requests[index].prefix.slice(keep), want: requests[index].ids })));
        chunk.forEach(({ index }, k) => (answers[index] = values[k]));
      }
    }
    return answers;
  };

  /** Rows of branches, each the sequence cut at `keep` followed by `tail`; returns log p(want) after each row. */
  const runBranches = (rows: { keep: number; tail: readonly number[]; want: readonly number[] }[]): Float32Array[] => {
    runs += rows.length;
    const B = rows.length;
    const K = Math.max(...rows.map((row) => row.keep));
    // The cache cut at K for every row, with the keys past each row's own cut masked out.
    const past: KVCache | undefined = K > 0
      ? {
          layers: cache.layers.map((l) => ({
            keys: tf.tidy(() => tf.tile(tf.slice(l.keys, [0, 0, 0], [-1, K, -1]), [B, 1, 1])), // [B·Hkv, K, hd]
            values: tf.tidy(() => tf.tile(tf.slice(l.values, [0, 0, 0], [-1, K, -1]), [B, 1, 1])),
          })),
          length: K,
          mask: rows.map((row) => Array.from({ length: K }, (_, j) => (j < row.keep ? 1 : 0))),
          dispose() { this.layers.forEach((l) => (l.keys.dispose(), l.values.dispose())); },
        }
      : undefined;
    try {
      const branch = model.forward(rows.map((row) => [...row.tail]), past ? { cache: past } : {}); // logits [B, T, V], rows right-padded
      try {
        const T = Math.max(...rows.map((row) => row.tail.length));
        const flat = read(tf.tidy(() => {
          const last = tf.gather(tf.reshape(branch.logits, [B * T, V]), tf.tensor1d(rows.map((row, b) => b * T + row.tail.length - 1), "int32")); // [B, V]
          const picks = rows.flatMap((row, b) => row.want.map((id) => b * V + id));
          return tf.gather(tf.reshape(logSoftmax(last), [B * V]), tf.tensor1d(picks, "int32"));
        }));
        let offset = 0;
        return rows.map((row) => flat.slice(offset, (offset += row.want.length)));
      } finally {
        branch.logits.dispose();
        branch.cache?.dispose();
      }
    } finally {
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
