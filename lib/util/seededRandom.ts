import { standardNormal } from "./standardNormal.js";

/**
 * seededRandom: a seedable uniform generator on [0, 1) — mulberry32
 * (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c), 32 bits of state, fast and
 * well mixed; the same seed gives the same sequence on every machine. Not for cryptography.
 *
 * @example
 * const random = seededRandom(42); [random(), random()].map((v) => Number(v.toFixed(6)))
 * // => [0.601104, 0.448291]
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * seededNormals: `count` standard normal draws, by the Box–Muller transform
 * (z = √(−2 ln(1 − u₁)) · cos(2π u₂), `standardNormal`) of a {@link seededRandom} stream with this seed.
 *
 * @example
 * seededNormals(2, 7).map((v) => Number(v.toFixed(4)))
 * // => [0.1420, -0.8643]
 */
export function seededNormals(count: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => standardNormal(random));
}
