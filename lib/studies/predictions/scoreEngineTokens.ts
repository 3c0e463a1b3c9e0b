/**
 * scoreEngineTokens: `scoreTokens` on any {@link Engine}: the teacher-forced rows of `engine.score(ids)`,
 * one at a time on the host in float64 (the engine never holds [T, V] for it). For every t ≥ 1, with
 * the row z after tokens 0 … t−1:
 *
 *     logProb_t = z_id − max − log Σ_v e^(z_v − max)      (nats)
 *     rank_t    = 1 + #{v : z_v > z_id}                   (1 = top)
 *     entropy_t = −Σ_v p_v log p_v                        (nats)
 *
 * A truncated row (a server's top-N) gives the listed log-probability and its 1-based place in the list
 * when the token is listed (NaN when not) and entropy NaN (unknown); `truncated` counts such rows.
 * Position 0 has no prediction: NaN in all three.
 *
 * @example
 * const engine = await openEngine("test/fixtures/models/gpt2-f32");
 * const scores = await scoreEngineTokens(engine, [1, 2, 3]);
 * await engine.dispose();
 * [scores.logProbs.length, Number.isNaN(scores.ranks[0]), scores.ranks[1] >= 1, scores.truncated]
 * // => [3, true, true, 0]
 */
import type { Engine } from "../../engines/Engine.js";
import type { TokenScores } from "./scoreTokens.js";

export async function scoreEngineTokens(engine: Engine, ids: readonly number[]): Promise<TokenScores & { truncated: number }> {
  const T = ids.length;
  const out = { logProbs: new Float64Array(T).fill(NaN), ranks: new Float64Array(T).fill(NaN), entropy: new Float64Array(T).fill(NaN), truncated: 0 };
  if (T < 2) return out;
  let t = 1;
  for await (const row of engine.score(ids.slice(0, T - 1))) {
    const id = ids[t];
    if (row.kind === "logits") {
      const z = row.logits;
      let max = -Infinity;
      for (let v = 0; v < z.length; v++) if (z[v] > max) max = z[v];
      let sum = 0;
      let weighted = 0;
      let above = 0;
      for (let v = 0; v < z.length; v++) {
        const d = z[v] - max;
        const w = Math.exp(d);
        sum += w;
        if (w > 0) weighted += w * d;
        if (z[v] > z[id]) above++;
      }
      const logSum = Math.log(sum);
      out.logProbs[t] = z[id] - max - logSum;
      out.ranks[t] = 1 + above;
      out.entropy[t] = Math.max(0, logSum - weighted / sum);
    } else {
      out.truncated++;
      const at = Array.prototype.indexOf.call(row.ids, id) as number;
      if (at >= 0) {
        out.logProbs[t] = row.logProbs[at];
        out.ranks[t] = at + 1;
      }
    }
    t++;
  }
  return out;
}
