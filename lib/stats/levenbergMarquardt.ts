/**
 * Damped least squares (Levenberg–Marquardt) for small nonlinear fits.
 */
import { LogitlabError } from "../util/errors.js";

export interface LeastSquaresProblem {
  /** Residuals rᵢ(θ) (model minus data, or the reverse), length m ≥ number of parameters. */
  residuals(params: readonly number[]): number[];
  /** Jacobian ∂rᵢ/∂θⱼ, m rows of k numbers. */
  jacobian(params: readonly number[]): number[][];
}

export interface LevenbergMarquardtOptions {
  /** Maximum number of accepted or rejected steps (default 500). */
  maxIterations?: number;
  /** Stop when a step changes every parameter by at most xTolerance · (|θⱼ| + xTolerance) (default 1e-13). */
  xTolerance?: number;
  /**
   * Stop when an accepted step lowers the sum of squares by a relative amount ≤ fTolerance (default 0:
   * off, because near the minimum S is flat to rounding while the parameters still move by ~1e-9).
   */
  fTolerance?: number;
  /** Stop when the scaled gradient max |Jⱼᵀr| / (‖Jⱼ‖‖r‖) ≤ gTolerance (default 1e-13). */
  gTolerance?: number;
}

export interface LevenbergMarquardtResult {
  /** Parameters at the last accepted step. */
  params: number[];
  /** Residuals there. */
  residuals: number[];
  /** Sum of squared residuals there. */
  sumOfSquares: number;
  /** (JᵀJ)⁻¹ there, from the QR factorisation of J (NaN entries when J is rank deficient). */
  jtjInverse: number[][];
  /** Number of iterations (trial steps) taken. */
  iterations: number;
  /** True when one of the tolerances was met before maxIterations. */
  converged: boolean;
  /** Which test stopped it: "gradient", "step", "sum of squares", "max iterations", "stalled". */
  reason: string;
}

const sumOfSquares = (r: readonly number[]) => r.reduce((s, v) => s + v * v, 0);

/**
 * Householder QR of the m×k matrix `a` (rows), m ≥ k: returns R (k×k, upper triangular) and Qᵀb.
 * Golub & Van Loan, Matrix Computations, §5.1–5.2.
 */
function householder(a: number[][], b: number[]): { r: number[][]; qtb: number[] } {
  const m = a.length;
  const k = a[0].length;
  const w = a.map((row) => row.slice());
  const v = b.slice();
  for (let j = 0; j < k; j++) {
    let norm = 0;
    for (let i = j; i < m; i++) norm = Math.hypot(norm, w[i][j]);
    if (norm === 0) continue;
    const alpha = w[j][j] > 0 ? -norm : norm;
    const u = new Array<number>(m).fill(0);
    for (let i = j; i < m; i++) u[i] = w[i][j];
    u[j] -= alpha;
    let uu = 0;
    for (let i = j; i < m; i++) uu += u[i] * u[i];
    if (uu === 0) continue;
    for (let c = j; c < k; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += u[i] * w[i][c];
      const f = (2 * dot) / uu;
      for (let i = j; i < m; i++) w[i][c] -= f * u[i];
    }
    let dot = 0;
    for (let i = j; i < m; i++) dot += u[i] * v[i];
    const f = (2 * dot) / uu;
    for (let i = j; i < m; i++) v[i] -= f * u[i];
  }
  return { r: w.slice(0, k).map((row) => row.slice()), qtb: v.slice(0, k) };
}

/** Solves R x = c for upper-triangular R; NaN where R is singular. */
function backSubstitute(r: number[][], c: number[]): number[] {
  const k = c.length;
  const x = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = c[i];
    for (let j = i + 1; j < k; j++) s -= r[i][j] * x[j];
    x[i] = s / r[i][i];
  }
  return x;
}

/** (JᵀJ)⁻¹ = R⁻¹ R⁻ᵀ from the R of J = QR. */
function inverseNormalMatrix(jacobian: number[][]): number[][] {
  const k = jacobian[0].length;
  const { r } = householder(jacobian, new Array<number>(jacobian.length).fill(0));
  const singular = r.some((row, i) => !(Math.abs(row[i]) > 0));
  if (singular) return Array.from({ length: k }, () => new Array<number>(k).fill(Number.NaN));
  // Columns of R⁻¹ by back substitution on unit vectors.
  const rInverseColumns = Array.from({ length: k }, (_, c) => backSubstitute(r, Array.from({ length: k }, (_, i) => (i === c ? 1 : 0))));
  // (R⁻¹ R⁻ᵀ)[i][j] = Σₗ R⁻¹[i][l] R⁻¹[j][l]
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let s = 0;
      for (let l = 0; l < k; l++) s += rInverseColumns[l][i] * rInverseColumns[l][j];
      return s;
    }),
  );
}

/**
 * levenbergMarquardt: minimises S(θ) = Σ rᵢ(θ)² by damped Gauss–Newton steps,
 *   (JᵀJ + λ D) δ = −Jᵀr,   D = diag(JᵀJ)   (Marquardt's scaling),
 * solved as the least-squares problem [J; √(λD)] δ ≈ [−r; 0] by Householder QR (no normal
 * equations, so the conditioning is that of J, not JᵀJ). A step is accepted when it lowers S; the
 * damping then shrinks by max(1/3, 1 − (2ρ − 1)³) (ρ = actual/predicted reduction), otherwise it
 * grows by ν, 2ν, 4ν … (Nielsen's update).
 *
 * Type: (problem {residuals(θ) → m numbers, jacobian(θ) → m×k}, initial: k numbers, options) →
 * LevenbergMarquardtResult. Throws LogitlabError when m < k or the initial residuals are not finite.
 * Returns (JᵀJ)⁻¹ at the solution; multiply by s² = S/(m − k) for the usual parameter covariance
 * (as scipy.optimize.curve_fit).
 *
 * Algorithm: Levenberg (1944), Marquardt (1963) https://doi.org/10.1137/0111030; damping update
 * from Madsen, Nielsen & Tingleff, "Methods for non-linear least squares problems" (2004), §3.2,
 * https://www2.imm.dtu.dk/pubdb/pubs/3215-full.html.
 *
 * @example
 * const xs = [0, 1, 2];
 * const ys = [1, 2, 4];
 * const fit = levenbergMarquardt({
 *   residuals: ([a, b]) => xs.map((x, i) => a * Math.exp(b * x) - ys[i]),
 *   jacobian: ([a, b]) => xs.map((x) => [Math.exp(b * x), a * x * Math.exp(b * x)]),
 * }, [1, 0.5]);
 * fit.params
 * // => [1.0000, 0.6931]
 */
export function levenbergMarquardt(
  problem: LeastSquaresProblem,
  initial: readonly number[],
  options: LevenbergMarquardtOptions = {},
): LevenbergMarquardtResult {
  const maxIterations = options.maxIterations ?? 500;
  const xTolerance = options.xTolerance ?? 1e-13;
  const fTolerance = options.fTolerance ?? 0;
  const gTolerance = options.gTolerance ?? 1e-13;
  const k = initial.length;
  let params = initial.slice();
  let residuals = problem.residuals(params);
  if (residuals.length < k) {
    throw new LogitlabError(`needs at least as many residuals as parameters, got ${residuals.length} for ${k}`, { context: "levenbergMarquardt" });
  }
  residuals.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new LogitlabError(`residual ${i} is ${v} at the initial parameters [${params.join(", ")}]`, { context: "levenbergMarquardt" });
  });
  let cost = sumOfSquares(residuals);
  let jacobian = problem.jacobian(params);
  let lambda = -1;
  let nu = 2;
  let iterations = 0;
  let reason = "max iterations";
  let converged = false;

  while (iterations < maxIterations) {
    const columnNorms = Array.from({ length: k }, (_, j) => Math.sqrt(jacobian.reduce((s, row) => s + row[j] * row[j], 0)));
    const gradient = Array.from({ length: k }, (_, j) => jacobian.reduce((s, row, i) => s + row[j] * residuals[i], 0));
    const residualNorm = Math.sqrt(cost);
    const scaledGradient = Math.max(
      ...gradient.map((g, j) => (columnNorms[j] === 0 || residualNorm === 0 ? 0 : Math.abs(g) / (columnNorms[j] * residualNorm))),
    );
    if (scaledGradient <= gTolerance) {
      reason = "gradient";
      converged = true;
      break;
    }
    // Marquardt scaling, with a floor so that a parameter the data do not constrain still gets damped.
    const maxNorm = Math.max(...columnNorms);
    const scale = columnNorms.map((c) => Math.max(c, maxNorm * 1e-8, Number.MIN_VALUE));
    if (lambda < 0) lambda = 1e-3;
    iterations++;
    const augmented = jacobian.concat(scale.map((s, j) => Array.from({ length: k }, (_, c) => (c === j ? Math.sqrt(lambda) * s : 0))));
    const rhs = residuals.map((v) => -v).concat(new Array<number>(k).fill(0));
    const { r, qtb } = householder(augmented, rhs);
    const step = backSubstitute(r, qtb);
    if (step.some((v) => !Number.isFinite(v))) {
      lambda *= nu;
      nu *= 2;
      continue;
    }
    if (step.every((d, j) => Math.abs(d) <= xTolerance * (Math.abs(params[j]) + xTolerance))) {
      reason = "step";
      converged = true;
      break;
    }
    const trial = params.map((p, j) => p + step[j]);
    const trialResiduals = problem.residuals(trial);
    const trialCost = trialResiduals.every(Number.isFinite) ? sumOfSquares(trialResiduals) : Infinity;
    // Reduction of S predicted by the linearised model, S − ‖r + Jδ‖².
    const linearised = residuals.map((v, i) => v + jacobian[i].reduce((s, jij, j) => s + jij * step[j], 0));
    const predicted = cost - sumOfSquares(linearised);
    // Near the minimum S is flat to rounding, so a step whose predicted gain is below the noise in S
    // is accepted when S does not rise beyond that noise: the Gauss–Newton step is still accurate
    // there (it comes from J, not from S), and taking it drives the gradient to zero.
    const noise = 64 * Number.EPSILON * cost;
    if (trialCost < cost || (predicted <= noise && trialCost <= cost + noise)) {
      const rho = predicted > 0 ? (cost - trialCost) / predicted : 1;
      const relativeDecrease = (cost - trialCost) / cost; // may be ≤ 0 for a step within the noise
      params = trial;
      residuals = trialResiduals;
      cost = trialCost;
      jacobian = problem.jacobian(params);
      lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
      nu = 2;
      if (fTolerance > 0 && relativeDecrease >= 0 && relativeDecrease <= fTolerance) {
        reason = "sum of squares";
        converged = true;
        break;
      }
    } else {
      lambda *= nu;
      nu *= 2;
      if (!(lambda < 1e300)) {
        reason = "stalled";
        break;
      }
    }
  }
  return { params, residuals, sumOfSquares: cost, jtjInverse: inverseNormalMatrix(jacobian), iterations, converged, reason };
}
