import { LogitlabError } from "../../util/errors.js";
import type { NextLogProbs, PropensityMode, WordVariant } from "./types.js";

/** Options of {@link propensity}. */
export interface PropensityOptions {
  /** "exact" (default): chain rule over every token; "firstTokenOnly": the first token's probability only. */
  mode?: PropensityMode;
  /**
   * Whether a word may start at a position without a leading space (the answer's start, after "\n" or
   * punctuation). Variants without a leading space count only where it returns true; without it they
   * count everywhere.
   */
  wordStart?: (position: number) => boolean;
}

/** What {@link propensity} returns. */
export interface PropensityResult {
  /** How the probabilities were computed; "firstTokenOnly" ones are an approximation (an upper bound). */
  mode: PropensityMode;
  positions: number[];
  /** probabilities[i]: the probability that the next word at positions[i] is the target word. */
  probabilities: number[];
}

interface TrieNode { children: Map<number, TrieNode>; leaf: boolean }

/**
 * propensity: at each position t, the probability that the next word is the target word — the sum
 * over its spelling variants of the chain-rule probability of the variant's tokens after ids[<t]:
 *
 *     P_t = Σ_variants Π_{i<k} p(v_i | ids[<t], v_0 … v_{i−1})
 *
 * The first factor comes from the distribution after ids[<t] (the logits at index t − 1); the later
 * factors of a multi-token variant need the model run on the branch ids[<t] + v_0…v_{i−1}, which
 * `nextLogProbs` provides (`sequenceBranches` serves it from a KV cache). Variants are walked as a
 * prefix tree, so variants that share first tokens share their requests, and every position's tree
 * is walked at once, one depth at a time: `nextLogProbs` is called once per depth with all requests. If one variant's ids are a
 * prefix of another's, the longer event is contained in the shorter and is not added again.
 * P_t is the probability that the next tokens *spell* a variant; whether the word then ends (" wait"
 * + "ing") is not asked.
 *
 * Mode "firstTokenOnly": P_t ≈ Σ_{f ∈ first tokens} p(f | ids[<t]), summed over the variants' distinct
 * first tokens (a token two variants begin with counts once) — one distribution per position, no
 * branches; an upper bound of the exact value, and every result carries `mode` to say which it is.
 *
 * Type: (ids [N], positions with 1 ≤ t ≤ N, variants, nextLogProbs, options) → {@link PropensityResult}.
 * Throws LogitlabError for a position outside [1, N] (no distribution precedes index 0) or a variant without ids.
 *
 * @example
 * // A model whose next token is uniform over 4 ids, whatever came before:
 * const uniform = (requests) => requests.map((r) => r.ids.map(() => Math.log(1 / 4)));
 * const variants = [{ spelling: " aha", ids: [2, 3], tokens: ["Ġa", "ha"], leadingSpace: true }, { spelling: " Aha", ids: [1], tokens: ["ĠAha"], leadingSpace: true }];
 * propensity([0, 1, 2], [1, 3], variants, uniform).probabilities
 * // => [0.3125, 0.3125]
 */
export function propensity(
  ids: readonly number[],
  positions: readonly number[],
  variants: readonly WordVariant[],
  nextLogProbs: NextLogProbs,
  options: PropensityOptions = {},
): PropensityResult {
  const mode = options.mode ?? "exact";
  if (mode !== "exact" && mode !== "firstTokenOnly") {
    throw new LogitlabError(`mode "${String(mode)}" is not "exact" or "firstTokenOnly"`, { context: "propensity", field: "mode" });
  }
  positions.forEach((t, i) => {
    if (!Number.isInteger(t) || t < 1 || t > ids.length) {
      throw new LogitlabError(`position ${t} is not in [1, ${ids.length}] (no distribution precedes index 0)`, { context: "propensity", field: "positions", position: `item ${i}` });
    }
  });
  variants.forEach((variant, i) => {
    if (!Array.isArray(variant?.ids) || variant.ids.length === 0) {
      throw new LogitlabError("a variant needs at least one id", { context: "propensity", field: "variants", position: `variant ${i}` });
    }
  });
  const everywhere = buildTrie(variants);
  const spaced = buildTrie(variants.filter((v) => v.leadingSpace));

  // Breadth-first over every position's prefix tree at once: one batched call per tree depth.
  const probabilities = positions.map(() => 0);
  let frontier: { slot: number; node: TrieNode; extra: number[]; weight: number }[] = positions.map((t, slot) => ({
    slot, node: options.wordStart && !options.wordStart(t) ? spaced : everywhere, extra: [], weight: 1,
  }));
  while (frontier.length > 0) {
    const open = frontier.filter((entry) => entry.node.children.size > 0);
    const requests = open.map((entry) => ({ prefix: [...ids.slice(0, positions[entry.slot]), ...entry.extra], ids: [...entry.node.children.keys()] }));
    const answers = requests.length > 0 ? nextLogProbs(requests) : [];
    const next: typeof frontier = [];
    open.forEach((entry, r) => {
      requests[r].ids.forEach((id, k) => {
        const child = entry.node.children.get(id)!;
        const p = entry.weight * Math.exp(Number(answers[r][k]));
        if (child.leaf || mode === "firstTokenOnly") probabilities[entry.slot] += p;
        else if (p > 0) next.push({ slot: entry.slot, node: child, extra: [...entry.extra, id], weight: p });
      });
    });
    frontier = next;
  }
  return { mode, positions: [...positions], probabilities };
}

/** Prefix tree of the variants' ids; a node that ends a variant is a leaf and keeps no children. */
function buildTrie(variants: readonly WordVariant[]): TrieNode {
  const root: TrieNode = { children: new Map(), leaf: false };
  const sorted = [...variants].sort((a, b) => a.ids.length - b.ids.length);
  for (const variant of sorted) {
    let node = root;
    for (const id of variant.ids) {
      if (node.leaf) break;
      let child = node.children.get(id);
      if (!child) node.children.set(id, (child = { children: new Map(), leaf: false }));
      node = child;
    }
    if (!node.leaf) {
      node.leaf = true;
      node.children.clear();
    }
  }
  return root;
}
