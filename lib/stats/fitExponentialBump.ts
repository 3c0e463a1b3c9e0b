/**
 * The curve y = a·x·exp(−b·x) + c (a rise and an exponential decay onto a baseline), fitted by damped least squares.
 */
import { LogitlabError } from "../util/errors.js";
import { finitePairs } from "./finitePairs.js";
import { levenbergMarquardt, type LevenbergMarquardtOptions } from "./levenbergMarquardt.js";

/** y = c + a · x · exp(−b · x). */
export interface ExponentialBumpParameters {
  /** Scale of the bump (negative for a dip). */
  a: number;
  /** Decay rate; the extremum is at x = 1/b when b > 0. */
  b: number;
  /** Baseline c (the value at x = 0 and, for b > 0, as x → ∞). */
  c: number;
}

export interface FitExponentialBumpOptions extends LevenbergMarquardtOptions {
  /** Starting values to use instead of the grid search (any subset; the rest come from the search). */
  initial?: Partial<ExponentialBumpParameters>;
}

export interface ExponentialBumpFit {
  parameters: ExponentialBumpParameters;
  /** √diag(s² (JᵀJ)⁻¹), s² = SSR/(n − 3), as scipy.optimize.curve_fit's √diag(pcov). */
  standardErrors: ExponentialBumpParameters;
  /** s² (JᵀJ)⁻¹ in the order a, b, c. */
  covariance: number[][];
  /** x of the extremum, 1/b (NaN when b ≤ 0: no interior extremum). */
  peakX: number;
  /** The curve's value there, c + a/(b·e) (NaN when b ≤ 0). */
  peakY: number;
  /** 1 − SSR/SST (NaN when y is constant). */
  r2: number;
  /** s = √(SSR/(n − 3)). */
  residualStandardError: number;
  n: number;
  converged: boolean;
  iterations: number;
  /** The fitted curve, for predictions (e.g. the regressor of a linear model of y on the fit). */
  curve: (x: number) => number;
}

const ORDER = ["a", "b", "c"] as const;
const GRID = 80;

/** For a fixed b the model is linear in (a, c): least squares of y on g = x·exp(−bx); null when g is constant. */
function linearPart(x: number[], y: number[], b: number): { a: number; c: number; ssr: number } | null {
  const n = x.length;
  const g = x.map((v) => v * Math.exp(-b * v));
  const gMean = g.reduce((s, v) => s + v, 0) / n;
  const yMean = y.reduce((s, v) => s + v, 0) / n;
  let sgg = 0;
  let sgy = 0;
  for (let i = 0; i < n; i++) {
    sgg += (g[i] - gMean) ** 2;
    sgy += (g[i] - gMean) * (y[i] - yMean);
  }
  if (!(sgg > 0) || !Number.isFinite(sgg)) return null;
  const a = sgy / sgg;
  const c = yMean - a * gMean;
  const ssr = y.reduce((s, v, i) => s + (v - c - a * g[i]) ** 2, 0);
  return { a, c, ssr };
}

/**
 * fitExponentialBump: fits y = a·x·exp(−b·x) + c, the unimodal curve of the correlation study
 * (cosine against entropy: a rise from c at x = 0, an extremum c + a/(b e) at x = 1/b, a decay back
 * to c), by Levenberg–Marquardt (`levenbergMarquardt`) with the analytic Jacobian
 *   ∂f/∂a = x E,  ∂f/∂b = −a x² E,  ∂f/∂c = 1   (E = exp(−b x)).
 * Start: for 80 values of b spaced log-evenly over [0.05, 50]/max|x|, the model is linear in (a, c)
 * and solved exactly; the b with the least squared error starts the joint fit (variable projection
 * as a grid, so no hand-tuned start is needed). Standard errors √diag(s² (JᵀJ)⁻¹) with
 * s² = SSR/(n − 3), as `scipy.optimize.curve_fit` (absolute_sigma=False); R² = 1 − SSR/SST.
 * Meant for binned medians (`binnedStats`/`binnedMedians`: centres and medians of non-empty bins)
 * or for all points.
 *
 * Type: (x, y: ArrayLike<number>, equal length n ≥ 4, finite, x not all 0; options) → ExponentialBumpFit.
 * Throws LogitlabError for fewer than 4 points, unequal lengths, NaN/±Infinity (naming the index),
 * every x equal to 0 and a non-finite `initial` value. Check `converged`; constant y gives a = 0.
 *
 * Stability: steps and (JᵀJ)⁻¹ from a QR factorisation of J (see `levenbergMarquardt`).
 * Algorithm: https://en.wikipedia.org/wiki/Levenberg%E2%80%93Marquardt_algorithm; variable
 * projection, Golub & Pereyra (2003), https://doi.org/10.1088/0266-5611/19/2/201; covariance as
 * https://docs.scipy.org/doc/scipy/reference/generated/scipy.optimize.curve_fit.html.
 *
 * @example
 * const xs = [0, 0.5, 1, 1.5, 2, 3, 4, 5];
 * const fit = fitExponentialBump(xs, xs.map((v) => 0.5 + 2 * v * Math.exp(-1.5 * v)));
 * [fit.parameters.a, fit.parameters.b, fit.parameters.c]
 * // => [2.0000, 1.5000, 0.5000]
 */
export function fitExponentialBump(x: ArrayLike<number>, y: ArrayLike<number>, options: FitExponentialBumpOptions = {}): ExponentialBumpFit {
  const pairs = finitePairs("fitExponentialBump", x, y, 4);
  const xs = pairs.x;
  const ys = pairs.y;
  const n = xs.length;
  const xScale = xs.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (xScale === 0) throw new LogitlabError(`all ${n} x values are 0; the curve a·x·exp(−b·x) + c is then the constant c`, { context: "fitExponentialBump" });
  for (const key of ORDER) {
    const given = options.initial?.[key];
    if (given !== undefined && !Number.isFinite(given)) {
      throw new LogitlabError(`initial ${key} = ${given} must be a finite number`, { context: "fitExponentialBump" });
    }
  }

  let best: { a: number; b: number; c: number; ssr: number } | null = null;
  const bGiven = options.initial?.b;
  const candidates = bGiven !== undefined ? [bGiven]
    : Array.from({ length: GRID }, (_, i) => (0.05 * 1000 ** (i / (GRID - 1))) / xScale);
  for (const b of candidates) {
    const fit = linearPart(xs, ys, b);
    if (fit && (best === null || fit.ssr < best.ssr)) best = { ...fit, b };
  }
  const start = { a: best?.a ?? 0, b: best?.b ?? 1 / xScale, c: best?.c ?? ys.reduce((s, v) => s + v, 0) / n };
  for (const key of ORDER) if (options.initial?.[key] !== undefined) start[key] = options.initial[key] as number;

  const result = levenbergMarquardt(
    {
      residuals: ([a, b, c]) => xs.map((v, i) => c + a * v * Math.exp(-b * v) - ys[i]),
      jacobian: ([a, b]) =>
        xs.map((v) => {
          const e = Math.exp(-b * v);
          return [v * e, -a * v * v * e, 1];
        }),
    },
    ORDER.map((key) => start[key]),
    options,
  );
  const [a, b, c] = result.params;
  const s2 = result.sumOfSquares / (n - 3);
  const covariance = result.jtjInverse.map((row) => row.map((v) => v * s2));
  const toParameters = (values: number[]): ExponentialBumpParameters => ({ a: values[0], b: values[1], c: values[2] });
  const yMean = ys.reduce((s, v) => s + v, 0) / n;
  const totalSquares = ys.reduce((s, v) => s + (v - yMean) ** 2, 0);
  return {
    parameters: toParameters([a, b, c]),
    standardErrors: toParameters(covariance.map((row, i) => Math.sqrt(row[i]))),
    covariance,
    peakX: b > 0 ? 1 / b : Number.NaN,
    peakY: b > 0 ? c + a / (b * Math.E) : Number.NaN,
    r2: totalSquares > 0 ? 1 - result.sumOfSquares / totalSquares : Number.NaN,
    residualStandardError: Math.sqrt(s2),
    n,
    converged: result.converged,
    iterations: result.iterations,
    curve: (xValue: number) => c + a * xValue * Math.exp(-b * xValue),
  };
}
