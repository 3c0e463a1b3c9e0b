/**
 * Internal helper for `logGamma` and `logBeta` (not re-exported from `lib/stats/index.ts`).
 */

/**
 * stirlingRemainder: δ(z) = ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π] for z ≥ 10, by Stirling's series
 *   δ(z) = Σₖ B₂ₖ / (2k (2k − 1) z^(2k−1)),   k = 1 … 7
 * (B₂ₖ Bernoulli numbers: 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156). The first
 * omitted term, −3617/(122400 z¹⁵), is below 3e-17 at z = 10.
 * Algorithm: https://dlmf.nist.gov/5.11#E1
 */
export function stirlingRemainder(z: number): number {
  const w = 1 / (z * z);
  return (1 / 12 + w * (-1 / 360 + w * (1 / 1260 + w * (-1 / 1680 + w * (1 / 1188 + w * (-691 / 360360 + w / 156)))))) / z;
}
