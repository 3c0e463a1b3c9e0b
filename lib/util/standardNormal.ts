/**
 * standardNormal: one standard normal draw from a uniform generator, by the Box–Muller transform
 * (https://en.wikipedia.org/wiki/Box%E2%80%93Muller_transform):
 *   z = √(−2 ln(1 − u₁)) · cos(2π u₂),
 * with u₁ then u₂ the next two numbers of `random` (values in [0, 1); 1 − u₁ keeps the log finite).
 * Only the cosine half of each pair is used, so every draw takes exactly two uniforms — a script that
 * mixes uniform and normal draws from one stream stays reproducible. `seededNormals` is this on a
 * fresh `seededRandom(seed)` stream.
 *
 * Type: (random: () => number in [0, 1)) → number.
 *
 * @example
 * const random = seededRandom(7); [standardNormal(random), standardNormal(random)].map((v) => Number(v.toFixed(4)))
 * // => [0.1420, -0.8643]
 */
export function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
