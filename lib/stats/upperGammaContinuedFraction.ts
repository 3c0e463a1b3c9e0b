/**
 * upperGammaContinuedFraction: Γ(b, z) · e^z · z^(−b), the upper incomplete Gamma function scaled so
 * that it neither underflows nor needs Γ(b), by Legendre's continued fraction
 *   Γ(b, z) = e^(−z) z^b · 1/(z + 1 − b − 1·(1 − b)/(z + 3 − b − 2·(2 − b)/(z + 5 − b − …)))
 * (Numerical Recipes 3rd ed. §6.2 `gcf`; https://dlmf.nist.gov/8.9#E2), evaluated by the modified
 * Lentz method (Thompson & Barnett 1986). Converges quickly for z ≥ b + 1; callers use a series below.
 * Internal to lib/stats: shared by the normal tail (b = ½) and the incomplete Beta's large-a expansion.
 */
const MAX_TERMS = 100_000;
const CONVERGED = 1e-16;
const TINY = 1e-300;

export function upperGammaContinuedFraction(b: number, z: number): number {
  let bn = z + 1 - b;
  let c = 1 / TINY;
  let d = 1 / bn;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - b);
    bn += 2;
    d = an * d + bn;
    if (Math.abs(d) < TINY) d = TINY;
    c = bn + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CONVERGED) break;
  }
  return h;
}
