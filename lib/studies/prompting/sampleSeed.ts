/**
 * sampleSeed: the sampler seed of one generation, derived from the run's seed and what the sample is —
 * model, technique, question and attempt — so that every sample has its own reproducible stream, a
 * sample's tokens do not depend on which other samples run (or in what order, with `--concurrency`),
 * and a rerun (`--rerun-buggy`, attempt 2, 3 …) draws new tokens instead of repeating the buggy ones.
 * The parts are mixed with 32-bit FNV-1a over their decimal text and a final avalanche (murmur3 fmix32).
 *
 * Type: (seed, model, technique, index, attempt: integers) → uint32.
 *
 * @example
 * [sampleSeed(0, 0, "cot", 3, 1) === sampleSeed(0, 0, "cot", 3, 1), sampleSeed(0, 0, "cot", 3, 1) === sampleSeed(0, 0, "cot", 3, 2)]
 * // => [true, false]
 */
export function sampleSeed(seed: number, model: number, technique: string, index: number, attempt: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}|${model}|${technique}|${index}|${attempt}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
