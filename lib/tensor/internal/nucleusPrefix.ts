/**
 * Internal: the nucleus (top-p) prefix of every row of x [N, V], shared by `nucleus`, `nucleusCosine`
 * (and through `nucleus`, the nucleus `generate` records), decided in float64.
 *
 * Probabilities: the float64 softmax of the float32 logits,
 *     e_v = exp(x_v − max_u x_u),   S = Σ_v e_v,   p_v = e_v / S,
 * with exp, the subtraction and the sum in float64 (S by Neumaier's compensated sum, a few ulp).
 * Order: descending logit (= descending probability), equal logits by ascending id.
 * Size: the smallest n whose cumulative probability reaches p,
 *     size = min { n : Σ_{i<n} e_(i) ≥ p (1 − 16ε) S },   ε = 2^−52,
 * the cumulative sum again compensated. The relative slack of 16ε (3.6e-15) absorbs p's own decimal
 * rounding and the float64 rounding of the sums, so a cumulative probability that is p in exact
 * arithmetic counts as reaching p: a uniform row of 50,000 at p = 0.9 gives 45,000 tokens, not 45,001.
 * p = 1 gives the support, every token with e_v > 0 in float64 (not masked by −Infinity and not
 * underflowed, x_v − max > −745), however small its share; no nucleus ever holds a token of
 * probability 0. The float64 reference is test/fixtures/tensor/gen.py (math.fsum), at V = 128,256.
 *
 * Cost: each row is downloaded once (rows in chunks of at most 2^22 floats), then one float64 pass
 * computes e and S and a 65,536-bucket histogram of probability mass over the top 16 bits of the
 * logits' order-preserving float32 keys (a bf16-sized bucket); the buckets above the crossing bucket,
 * plus that one, are the only candidates sorted (a stable radix sort on the keys), so a peaked row
 * sorts a handful of tokens and a flat one at most V. (Not benchmarked yet: the engines issue's fused
 * per-step bench will measure it against numpy.)
 */
import { tf } from "../../backend/backend.js";
import { LogitlabError } from "../../util/errors.js";
import { readSync, type Reads } from "./readBack.js";

export interface NucleusPrefix {
  /** [N] nucleus size per row (≥ 1). */
  sizes: Int32Array;
  /** [N + 1] start of each row's prefix in `ids` / `logits` / `probs`. */
  offsets: Int32Array;
  /** [Σ sizes] token ids, row after row, by descending probability, ties by ascending id. */
  ids: Int32Array;
  /** [Σ sizes] the logits of those tokens (the first of each row is the row's max). */
  logits: Float32Array;
  /** [Σ sizes] their float64 probabilities e_v / S under the full distribution. */
  probs: Float64Array;
  /** [N] log S = log Σ_v exp(x_v − max), float64; log p_v = (x_v − max) − logSumExp. */
  logSumExp: Float64Array;
}

/** Relative slack of "reaches p" (see the module comment). */
export const REACH_TOLERANCE = 16 * Number.EPSILON;
/** Most logits downloaded at once. */
const DOWNLOAD_BUDGET = 2 ** 22;
const BUCKETS = 65536;
/** Candidate sets up to this size are sorted by comparison, larger ones by radix. */
const SMALL_SORT = 2048;

/** Throws unless p is a number in (0, 1]. */
export function checkTopP(p: number, op: string): void {
  if (typeof p !== "number" || !(p > 0 && p <= 1)) {
    throw new LogitlabError(`p = ${p} is outside (0, 1]; top-p needs a cumulative probability such as 0.9`, {
      context: op,
      field: "p",
    });
  }
}

/** One row's nucleus. */
export interface RowNucleus {
  ids: Int32Array;
  logits: Float32Array;
  probs: Float64Array;
  logSumExp: number;
  /**
   * Entropy of the full distribution in nats, from the same pass: H = log S − Σ_v e_v (x_v − max) / S
   * (clamped at 0), the formula `rowStepRecord` uses.
   */
  entropy: number;
}

/** Buffers reused from row to row (pass one to `rowNucleus` to avoid allocating O(V) per row). */
export class Scratch {
  readonly weights: Float64Array;
  readonly keys: Uint32Array;
  readonly order: Int32Array;
  readonly spare: Int32Array;
  readonly mass = new Float64Array(BUCKETS);
  readonly counts = new Int32Array(BUCKETS + 1);
  constructor(vocab: number) {
    this.weights = new Float64Array(vocab);
    this.keys = new Uint32Array(vocab);
    this.order = new Int32Array(vocab);
    this.spare = new Int32Array(vocab);
  }
}

/** Order-preserving unsigned key of a float32 bit pattern: key(a) < key(b) iff a < b (−0 and +0 alike). */
function orderKey(bits: number): number {
  if (bits === 0x80000000) return 0x80000000; // −0 ties with +0, so equal logits stay in id order
  return bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

/**
 * The nucleus of one row of float32 logits (see the module comment), or throws naming `step` when
 * the row holds NaN or +Infinity, or only −Infinity.
 */
export function rowNucleus(row: Float32Array, p: number, op: string, step: number, scratch = new Scratch(row.length)): RowNucleus {
  const vocab = row.length;
  let max = -Infinity;
  for (let v = 0; v < vocab; v++) {
    const value = row[v];
    if (!(value < Infinity)) max = NaN; // NaN or +Infinity
    else if (value > max) max = value;
  }
  if (!(max > -Infinity)) {
    throw new LogitlabError("the logits hold NaN or +Infinity, or only -Infinity, so the distribution is undefined", {
      context: op,
      field: "logits",
      position: `step ${step}`,
    });
  }

  // e_v in float64, S by Neumaier's compensated sum, and the order keys of the logits.
  const { weights, keys, mass } = scratch;
  const bits = new Uint32Array(row.buffer, row.byteOffset, vocab);
  let sum = 0;
  let compensation = 0;
  let support = 0;
  let weighted = 0;
  for (let v = 0; v < vocab; v++) {
    const d = row[v] - max;
    const w = Math.exp(d);
    weights[v] = w;
    keys[v] = orderKey(bits[v]);
    if (w > 0) {
      support++;
      weighted += w * d;
      const t = sum + w;
      compensation += Math.abs(sum) >= w ? sum - t + w : w - t + sum;
      sum = t;
    }
  }
  const total = sum + compensation;
  const threshold = p * (1 - REACH_TOLERANCE) * total;

  // Candidates: tokens in the histogram buckets down to the one where the (plain, slightly inexact)
  // cumulative mass passes the threshold with a margin of 1e-9 — a superset of the nucleus. p = 1
  // takes the whole support.
  let cutoff = 0;
  if (p < 1) {
    mass.fill(0);
    for (let v = 0; v < vocab; v++) if (weights[v] > 0) mass[keys[v] >>> 16] += weights[v];
    let cumulative = 0;
    for (let b = BUCKETS - 1; b >= 0; b--) {
      cumulative += mass[b];
      if (cumulative >= threshold * (1 + 1e-9)) {
        cutoff = b;
        break;
      }
    }
  }
  for (;;) {
    const order = sortedCandidates(weights, keys, scratch, cutoff);
    // Walk the candidates with a compensated cumulative sum until it reaches the threshold.
    let size = order.length;
    if (p < 1) {
      let cumulative = 0;
      let carry = 0;
      for (let i = 0; i < order.length; i++) {
        const w = weights[order[i]];
        const t = cumulative + w;
        carry += Math.abs(cumulative) >= w ? cumulative - t + w : w - t + cumulative;
        cumulative = t;
        if (cumulative + carry >= threshold) {
          size = i + 1;
          break;
        }
      }
      // Not reached within a partial candidate set (cannot happen with the margin above): take all.
      if (size === order.length && cutoff > 0 && order.length < support) {
        cutoff = 0;
        continue;
      }
    }
    const ids = order.slice(0, size);
    const logits = new Float32Array(size);
    const probs = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      logits[i] = row[ids[i]];
      probs[i] = weights[ids[i]] / total;
    }
    const logSumExp = Math.log(total);
    return { ids, logits, probs, logSumExp, entropy: Math.max(0, logSumExp - weighted / total) };
  }
}

/**
 * Ids of the tokens with e_v > 0 whose key bucket is ≥ cutoff, by descending logit, ties by
 * ascending id: a stable least-significant-digit radix sort of the ids (taken in ascending order) on
 * the two 16-bit digits of the inverted key, O(n + 2^16) per digit, instead of V8's comparison sort of
 * typed arrays (O(n log n)). Small sets use a comparison sort.
 */
function sortedCandidates(weights: Float64Array, keys: Uint32Array, scratch: Scratch, cutoff: number): Int32Array {
  const vocab = weights.length;
  const { order, spare, counts } = scratch;
  let count = 0;
  for (let v = 0; v < vocab; v++) if (weights[v] > 0 && keys[v] >>> 16 >= cutoff) order[count++] = v;
  if (count <= SMALL_SORT) {
    return order.slice(0, count).sort((a, b) => keys[b] - keys[a] || a - b);
  }
  let from = order;
  let to = spare;
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < count; i++) counts[0x10000 - ((keys[from[i]] >>> shift) & 0xffff)]++; // digit d counted at 0xffff − d + 1
    for (let d = 1; d <= 0x10000; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < count; i++) {
      const v = from[i];
      to[counts[0xffff - ((keys[v] >>> shift) & 0xffff)]++] = v;
    }
    [from, to] = [to, from];
  }
  return from.slice(0, count);
}

/** The nucleus of every row of x [N, V], read with dataSync; `downloadBudget` (most logits downloaded at once) is for tests. */
export function nucleusPrefix(x: tf.Tensor2D, p: number, op: string, downloadBudget = DOWNLOAD_BUDGET): NucleusPrefix {
  return readSync(nucleusPrefixReads(x, p, op, downloadBudget));
}

/**
 * The same as `nucleusPrefix`, as reads (./readBack.ts): each chunk of rows is yielded to be read, so
 * `readAsync` runs it with `await data()` (the webgpu backend).
 */
export function* nucleusPrefixReads(x: tf.Tensor2D, p: number, op: string, downloadBudget = DOWNLOAD_BUDGET): Reads<NucleusPrefix> {
  checkTopP(p, op);
  const [rows, vocab] = x.shape;
  const chunk = Math.max(1, Math.floor(downloadBudget / vocab));
  const scratch = new Scratch(vocab);
  const parts: RowNucleus[] = [];
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start);
    let block: Float32Array;
    if (count === rows) {
      block = (yield x) as Float32Array;
    } else {
      const slice = tf.slice(x, [start, 0], [count, vocab]);
      try {
        block = (yield slice) as Float32Array;
      } finally {
        slice.dispose();
      }
    }
    for (let r = 0; r < count; r++) {
      parts.push(rowNucleus(block.subarray(r * vocab, (r + 1) * vocab), p, op, start + r, scratch));
    }
  }
  const sizes = Int32Array.from(parts, (part) => part.ids.length);
  const offsets = new Int32Array(rows + 1);
  for (let t = 0; t < rows; t++) offsets[t + 1] = offsets[t] + sizes[t];
  const ids = new Int32Array(offsets[rows]);
  const logits = new Float32Array(offsets[rows]);
  const probs = new Float64Array(offsets[rows]);
  parts.forEach((part, t) => {
    ids.set(part.ids, offsets[t]);
    logits.set(part.logits, offsets[t]);
    probs.set(part.probs, offsets[t]);
  });
  return { sizes, offsets, ids, logits, probs, logSumExp: Float64Array.from(parts, (part) => part.logSumExp) };
}
