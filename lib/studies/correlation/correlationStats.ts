/**
 * correlationStats: Pearson r and Spearman ρ of (entropy, cosine) pairs with their p-values (as
 * scipy.stats.pearsonr / spearmanr) and 95% percentile-bootstrap intervals that resample whole prompts
 * (`clusterBootstrap`: steps within one generation are not independent, so the original's p-values
 * over thousands of steps overstate certainty). Undefined values (fewer than 3 pairs, a constant side,
 * fewer than 2 prompts for the bootstrap) are NaN, never an error.
 *
 * @example
 * const s = correlationStats([1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2.5, 1], [0, 0, 0, 1, 1, 1], { resamples: 50 });
 * [s.n, Number(s.rho.toFixed(3)), s.rLow <= s.r && s.r <= s.rHigh]
 * // => [6, -1, true]
 */
import { clusterBootstrap } from "../../stats/clusterBootstrap.js";
import { pearson } from "../../stats/pearson.js";
import { spearman } from "../../stats/spearman.js";

export interface CorrelationStats {
  n: number;
  /** Prompts with at least one pair. */
  prompts: number;
  r: number;
  rP: number;
  rho: number;
  rhoP: number;
  rLow: number;
  rHigh: number;
  rhoLow: number;
  rhoHigh: number;
}

function orNaN<T>(compute: () => T, pick: (value: T) => number): number {
  try {
    return pick(compute());
  } catch {
    return NaN;
  }
}

export function correlationStats(x: readonly number[], y: readonly number[], prompts: readonly number[], options: { resamples: number; seed?: number }): CorrelationStats {
  const n = x.length;
  const seed = options.seed ?? 0;
  const boot = (statistic: "pearson" | "spearman") => () => clusterBootstrap(x, y, prompts, { statistic, resamples: options.resamples, seed });
  const r = n >= 3 ? orNaN(() => pearson(x, y), (v) => v.r) : NaN;
  const rP = n >= 3 ? orNaN(() => pearson(x, y), (v) => v.p) : NaN;
  const s = n >= 3 ? (() => { try { return spearman(x, y); } catch { return undefined; } })() : undefined;
  const rBoot = n >= 3 ? (() => { try { return boot("pearson")(); } catch { return undefined; } })() : undefined;
  const rhoBoot = n >= 3 ? (() => { try { return boot("spearman")(); } catch { return undefined; } })() : undefined;
  return {
    n,
    prompts: new Set(prompts).size,
    r,
    rP,
    rho: s?.rho ?? NaN,
    rhoP: s?.p ?? NaN,
    rLow: rBoot?.low ?? NaN,
    rHigh: rBoot?.high ?? NaN,
    rhoLow: rhoBoot?.low ?? NaN,
    rhoHigh: rhoBoot?.high ?? NaN,
  };
}
