/**
 * Kendall's tau-b with its asymptotic (normal) p-value.
 */
import { finitePairs } from "./finitePairs.js";
import { normalTwoSidedP } from "./normalTwoSidedP.js";

export interface KendallResult {
  /** Kendall's tau-b in [−1, 1]; NaN when x or y is constant. */
  tau: number;
  /** Two-sided asymptotic p-value (normal approximation with the tie-corrected variance). */
  p: number;
  /** Number of pairs. */
  n: number;
}

/** Dense ranks 1, 2, … of `values` (equal values share a rank). */
function denseRanks(values: number[]): Int32Array {
  const order = Array.from(values.keys()).sort((i, j) => values[i] - values[j]);
  const ranks = new Int32Array(values.length);
  let rank = 0;
  order.forEach((index, k) => {
    if (k === 0 || values[index] !== values[order[k - 1]]) rank++;
    ranks[index] = rank;
  });
  return ranks;
}

/** Tie statistics of a rank vector: Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5) over tie groups of size t. */
function tieSums(ranks: Int32Array): [number, number, number] {
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  let pairs = 0;
  let cubic = 0;
  let variance = 0;
  for (const t of counts.values()) {
    if (t < 2) continue;
    pairs += (t * (t - 1)) / 2;
    cubic += t * (t - 1) * (t - 2);
    variance += t * (t - 1) * (2 * t + 5);
  }
  return [pairs, cubic, variance];
}

/**
 * Number of strict inversions of `sequence` (pairs i < j with s[i] > s[j]) by merge sort,
 * O(n log n); sorts `sequence` in place.
 */
function countInversions(sequence: Int32Array): number {
  const n = sequence.length;
  let from = sequence;
  let to = new Int32Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (from[j] < from[i]) {
          inversions += mid - i;
          to[k++] = from[j++];
        } else {
          to[k++] = from[i++];
        }
      }
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    [from, to] = [to, from];
  }
  return inversions;
}

/**
 * kendall: Kendall's rank correlation tau-b,
 *   τ_b = (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)),
 * n_c / n_d concordant / discordant pairs, n₀ = n(n − 1)/2, n₁ / n₂ pairs tied in x / in y,
 * with the two-sided asymptotic p-value z = (n_c − n_d)/√var, p = 2 Φ(−|z|), where
 *   var = (v₀ − v_x − v_y)/18 + 2 n₁ n₂ /(n(n − 1)) + t_x t_y /(9 n (n − 1)(n − 2)),
 * v₀ = n(n − 1)(2n + 5), v_x = Σ t(t − 1)(2t + 5), t_x = Σ t(t − 1)(t − 2) over tie groups.
 * Matches `scipy.stats.kendalltau(x, y, method="asymptotic")` (scipy's default switches to an
 * exact p-value for small samples without ties; this function always uses the asymptotic one).
 *
 * Type: (x, y: ArrayLike<number>, equal length n ≥ 3, finite) → {tau, p, n}.
 * Throws LogitlabError: "kendall needs at least 3 pairs, got 2", unequal lengths, NaN/±Infinity
 * (naming the index). Constant x or y: tau and p are NaN (as scipy).
 *
 * Stability: pair counts are exact integers (below 2^53 for n < 1.3e8); p-value from erfc
 * directly (`normalTwoSidedP`), never 1 − cdf.
 * Algorithm: Knight's O(n log n) method — sort by (x, y), count discordant pairs as merge-sort
 * inversions of y — https://doi.org/10.1080/01621459.1966.10480879; variance from Kendall (1970),
 * https://en.wikipedia.org/wiki/Kendall_rank_correlation_coefficient#Tau-b.
 *
 * @example
 * kendall([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).tau
 * // => 0.6
 */
export function kendall(x: ArrayLike<number>, y: ArrayLike<number>): KendallResult {
  const pairs = finitePairs("kendall", x, y, 3);
  const n = pairs.x.length;
  const rx = denseRanks(pairs.x);
  const ry = denseRanks(pairs.y);
  const total = (n * (n - 1)) / 2;
  const [xTies, xCubic, xVariance] = tieSums(rx);
  const [yTies, yCubic, yVariance] = tieSums(ry);
  if (xTies === total || yTies === total) return { tau: Number.NaN, p: Number.NaN, n };

  // Sort by (x, y); then every strict inversion of y is a discordant pair (ties in x are in y order).
  const order = Array.from(rx.keys()).sort((i, j) => rx[i] - rx[j] || ry[i] - ry[j]);
  const yInXOrder = Int32Array.from(order, (i) => ry[i]);
  let jointTies = 0;
  let run = 1;
  for (let k = 1; k <= n; k++) {
    if (k < n && rx[order[k]] === rx[order[k - 1]] && ry[order[k]] === ry[order[k - 1]]) {
      run++;
    } else {
      jointTies += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const discordant = countInversions(yInXOrder);
  // total = concordant + discordant + (xTies − jointTies) + (yTies − jointTies) + jointTies
  const concordantMinusDiscordant = total - xTies - yTies + jointTies - 2 * discordant;
  const tau = Math.min(1, Math.max(-1, concordantMinusDiscordant / Math.sqrt(total - xTies) / Math.sqrt(total - yTies)));
  const m = n * (n - 1);
  const variance = (m * (2 * n + 5) - xVariance - yVariance) / 18 + (2 * xTies * yTies) / m + (xCubic * yCubic) / (9 * m * (n - 2));
  const z = concordantMinusDiscordant / Math.sqrt(variance);
  return { tau, p: normalTwoSidedP(z), n };
}
