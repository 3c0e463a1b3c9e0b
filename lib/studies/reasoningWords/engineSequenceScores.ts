import type { Engine, EngineRow } from "../../engines/Engine.js";
import { LogitlabError } from "../../util/errors.js";
import { propensity } from "./propensity.js";
import type { NextLogProbs, NextLogProbsRequest, PropensityMode, WordVariants } from "./types.js";

/** What {@link engineSequenceScores} returns: the shape of `sequenceBranches`' result, from any engine. */
export interface EngineSequenceScores {
  /** entropies[t]: entropy (nats) of the distribution after ids[≤t], for t ≥ start − 1 (NaN before, and NaN for a truncated row). */
  entropies: number[];
  /** nextTokenLogProbs[t] = log p(ids[t+1] | ids[≤t]) for t ≥ start − 1 (0 before: never read); NaN when a truncated row does not list it. */
  nextTokenLogProbs: number[];
  /** Answers every request `propensity` makes for these words (precomputed). */
  nextLogProbs: NextLogProbs;
  /** Extra sequences scored for multi-token branches. */
  branchRuns: number;
  /** True when the engine gave truncated (top-N) rows: unlisted ids count as probability 0 (lower bounds). */
  truncated: boolean;
}

/** Float64 log-probabilities of `ids` in a row, the entropy, and whether the row is truncated. */
function readRow(row: EngineRow, ids: readonly number[]): { logProbs: number[]; entropy: number; truncated: boolean } {
  if (row.kind === "top") {
    const listed = new Map<number, number>();
    row.ids.forEach((id, i) => listed.set(id, row.logProbs[i]));
    return { logProbs: ids.map((id) => listed.get(id) ?? -Infinity), entropy: NaN, truncated: true };
  }
  const z = row.logits;
  let max = -Infinity;
  for (let v = 0; v < z.length; v++) if (z[v] > max) max = z[v];
  let sum = 0;
  let weighted = 0;
  for (let v = 0; v < z.length; v++) {
    const e = Math.exp(z[v] - max);
    sum += e;
    weighted += e * (z[v] - max);
  }
  const logSum = Math.log(sum);
  return { logProbs: ids.map((id) => z[id] - max - logSum), entropy: logSum - weighted / sum, truncated: false };
}

const key = (prefix: readonly number[]) => prefix.join(",");

/**
 * engineSequenceScores: what the word study needs for one prompt + answer, from any {@link Engine}
 * (the path for llama.cpp, OpenAI-compatible servers and dumps; the tfjs engine uses `sequenceBranches`,
 * which serves branches from its KV cache).
 *
 * Teacher forcing: `engine.score(ids[0..N−1), {from: start})` gives the rows after every prefix
 * ids[<t], t = start … N − 1; each row is reduced at once (float64 log-softmax) to its entropy, the
 * observed token's log-probability and the log-probabilities of the variants' first tokens, so the
 * host never holds [T, V]. Branches: the requests `propensity` makes for multi-token variants
 * (prefix ids[<t] + the variant's first tokens) are collected by a dry run of `propensity` (every
 * factor 1, so every branch it could ask for is asked), then each distinct branch prefix is scored
 * with `engine.score(prefix, {from: |prefix|})` — one extra sequence of |prefix| tokens per branch
 * (exact, but costlier than the tfjs engine's cached branches). In "firstTokenOnly" mode no branch is run.
 *
 * Exactness: with full rows (tfjs, llama.cpp, dumps of logits) every value is exact (float64 on the
 * engine's float32 logits). With truncated rows (an OpenAI-compatible server's top-N) an id outside
 * the list has an unknown probability: it counts as 0, so propensities and occurrence probabilities
 * are lower bounds, entropies are NaN (no forking split) and `truncated` is true.
 *
 * Type: async (engine, ids [N], start = |prompt| ≥ 1, words, mode, wordStart?) → {@link EngineSequenceScores}.
 * Throws LogitlabError when start is outside [1, N − 1].
 *
 * @example
 * const engine = await openEngine("test/fixtures/models/gpt2-f32");
 * const scores = await engineSequenceScores(engine, [1, 2, 3, 4], 2, [], "exact");
 * await engine.dispose();
 * [scores.entropies.length, Number.isNaN(scores.entropies[0]), scores.branchRuns]
 * // => [4, true, 0]
 */
export async function engineSequenceScores(
  engine: Engine,
  ids: readonly number[],
  start: number,
  words: readonly WordVariants[],
  mode: PropensityMode,
  wordStart?: (position: number) => boolean,
): Promise<EngineSequenceScores> {
  const N = ids.length;
  if (!(Number.isInteger(start) && start >= 1 && start <= N - 1)) {
    throw new LogitlabError(`answer start ${start} is outside [1, ${N - 1}]: the prompt and the answer each need a token`, { context: "engineSequenceScores", field: "start" });
  }
  const firstIds = [...new Set(words.flatMap((w) => w.variants.map((v) => v.ids[0])))];
  const entropies = new Array<number>(N).fill(NaN);
  const nextTokenLogProbs = new Array<number>(N - 1).fill(0);
  const answers = new Map<string, Map<number, number>>();
  let truncated = false;
  let t = start;
  for await (const row of engine.score(ids.slice(0, N - 1), { from: start })) {
    const read = readRow(row, [ids[t], ...firstIds]);
    truncated ||= read.truncated;
    entropies[t - 1] = read.entropy;
    nextTokenLogProbs[t - 1] = read.logProbs[0] === -Infinity && read.truncated ? NaN : read.logProbs[0];
    answers.set(key(ids.slice(0, t)), new Map(firstIds.map((id, k) => [id, read.logProbs[k + 1]])));
    t++;
  }
  // Dry run: every branch prefix propensity could ask for (factors 1, so nothing is pruned).
  const branchIds = new Map<string, { prefix: number[]; ids: Set<number> }>();
  const recorder: NextLogProbs = (requests) =>
    requests.map((request) => {
      const k = key(request.prefix);
      if (!answers.has(k) || !request.ids.every((id) => answers.get(k)!.has(id))) {
        const entry = branchIds.get(k) ?? { prefix: [...request.prefix], ids: new Set<number>() };
        request.ids.forEach((id) => entry.ids.add(id));
        branchIds.set(k, entry);
      }
      return request.ids.map(() => 0);
    });
  const positions = Array.from({ length: N - start }, (_, i) => start + i);
  if (mode === "exact") for (const { variants } of words) propensity(ids, positions, variants, recorder, { mode, wordStart });
  for (const [k, { prefix, ids: wanted }] of branchIds) {
    const list = [...wanted];
    for await (const row of engine.score(prefix, { from: prefix.length })) {
      const read = readRow(row, list);
      truncated ||= read.truncated;
      const known = answers.get(k) ?? new Map<number, number>();
      list.forEach((id, i) => known.set(id, read.logProbs[i]));
      answers.set(k, known);
    }
  }
  const nextLogProbs: NextLogProbs = (requests: readonly NextLogProbsRequest[]) =>
    requests.map((request) => {
      const known = answers.get(key(request.prefix));
      return request.ids.map((id) => {
        const value = known?.get(id);
        if (value === undefined) throw new Error(`engineSequenceScores: no answer for prefix of ${request.prefix.length} tokens, id ${id}`);
        return value;
      });
    });
  return { entropies, nextTokenLogProbs, nextLogProbs, branchRuns: branchIds.size, truncated };
}
