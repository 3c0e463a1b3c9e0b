/**
 * A single bump (Gaussian or log-normal shape) on a constant offset, fitted by damped least squares.
 */
import { LogitlabError } from "../util/errors.js";
import { finitePairs } from "./finitePairs.js";
import { levenbergMarquardt, type LevenbergMarquardtOptions } from "./levenbergMarquardt.js";
import { quantile } from "./quantile.js";

export type UnimodalModel = "gaussian" | "lognormal";

/** y = offset + amplitude · exp(−(t − centre)² / (2 width²)), t = x (gaussian) or ln x (lognormal). */
export interface UnimodalParameters {
  /** Height of the bump above the offset (negative for a dip). */
  amplitude: number;
  /** μ: the peak position in x (gaussian) or in ln x (lognormal). */
  centre: number;
  /** σ > 0: the width in x (gaussian) or in ln x (lognormal). */
  width: number;
  /** c: the baseline far from the peak. */
  offset: number;
}

export interface FitUnimodalOptions extends LevenbergMarquardtOptions {
  model: UnimodalModel;
  /** Starting values to use instead of the data-driven ones (any subset). */
  initial?: Partial<UnimodalParameters>;
}

export interface UnimodalFit {
  model: UnimodalModel;
  parameters: UnimodalParameters;
  /** √diag(s² (JᵀJ)⁻¹), s² = SSR/(n − 4), as scipy.optimize.curve_fit's √diag(pcov). */
  standardErrors: UnimodalParameters;
  /** s² (JᵀJ)⁻¹ in the order amplitude, centre, width, offset. */
  covariance: number[][];
  /** x of the extremum: centre (gaussian) or exp(centre) (lognormal). */
  peakX: number;
  /** 1 − SSR/SST (NaN when y is constant). */
  r2: number;
  /** Residual standard deviation s = √(SSR/(n − 4)). */
  residualStandardError: number;
  n: number;
  converged: boolean;
  iterations: number;
  /** The fitted curve; for the lognormal model x = 0 gives the offset and x < 0 gives NaN. */
  curve: (x: number) => number;
}

const ORDER = ["amplitude", "centre", "width", "offset"] as const;
const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.LN2);

/** Data-driven starting values: offset at the far extreme, centre at the extreme point, width from the half-maximum span. */
function startingValues(t: number[], y: number[]): UnimodalParameters {
  const yMedian = quantile(y, 0.5);
  let iMax = 0;
  let iMin = 0;
  y.forEach((v, i) => {
    if (v > y[iMax]) iMax = i;
    if (v < y[iMin]) iMin = i;
  });
  const peak = y[iMax] - yMedian >= yMedian - y[iMin];
  const offset = peak ? y[iMin] : y[iMax];
  const amplitude = peak ? y[iMax] - y[iMin] : y[iMin] - y[iMax];
  const centre = peak ? t[iMax] : t[iMin];
  let lo = Infinity;
  let hi = -Infinity;
  y.forEach((v, i) => {
    if (Math.abs(v - offset) >= Math.abs(amplitude) / 2) {
      lo = Math.min(lo, t[i]);
      hi = Math.max(hi, t[i]);
    }
  });
  const tRange = Math.max(...t) - Math.min(...t);
  const width = hi > lo ? (hi - lo) / FWHM_PER_SIGMA : tRange / t.length;
  return { amplitude, centre, width, offset };
}

/**
 * fitUnimodal: fits one bump on a constant baseline,
 *   gaussian:  y = c + a · exp(−(x − μ)² / (2σ²))
 *   lognormal: y = c + a · exp(−(ln x − μ)² / (2σ²)),  x > 0
 * by Levenberg–Marquardt (`levenbergMarquardt`) with the analytic Jacobian
 *   ∂f/∂a = E, ∂f/∂μ = a E u/σ, ∂f/∂σ = a E u²/σ, ∂f/∂c = 1   (E = exp(−u²/2), u = (t − μ)/σ),
 * starting from data-driven values: c at the opposite extreme of the bump, a the range (negative
 * for a dip, chosen when the minimum is further from the median than the maximum), μ at the extreme
 * point, σ from the span of points beyond half height (FWHM / 2.3548). Standard errors are
 * √diag(s² (JᵀJ)⁻¹) with s² = SSR/(n − 4), as `scipy.optimize.curve_fit` (absolute_sigma=False).
 * Meant for binned medians (`binnedMedians`): pass the bin centres and medians of non-empty bins.
 *
 * Type: (x, y: ArrayLike<number>, equal length n ≥ 5, finite; {model, initial?, tolerances}) →
 * UnimodalFit. Throws LogitlabError for fewer than 5 points, unequal lengths, NaN/±Infinity
 * (naming the index), x ≤ 0 with the lognormal model (naming the index), and a non-finite
 * `initial` value or an initial width of 0. The sign of σ is
 * not identifiable; it is reported positive. Check `converged`; constant y gives amplitude 0 and
 * NaN standard errors.
 *
 * Stability: the step and (JᵀJ)⁻¹ come from a QR factorisation of J, so the covariance keeps the
 * precision scipy's (MINPACK QR) has.
 * Algorithm: Levenberg–Marquardt, https://en.wikipedia.org/wiki/Levenberg%E2%80%93Marquardt_algorithm;
 * covariance as https://docs.scipy.org/doc/scipy/reference/generated/scipy.optimize.curve_fit.html.
 *
 * @example
 * const xs = [-2, -1, 0, 1, 2, 3, 4];
 * const fit = fitUnimodal(xs, xs.map((v) => 1 + 3 * Math.exp(-((v - 1) ** 2) / 2)), { model: "gaussian" });
 * [fit.parameters.amplitude, fit.parameters.centre, fit.parameters.width, fit.parameters.offset]
 * // => [3.0000, 1.0000, 1.0000, 1.0000]
 */
export function fitUnimodal(x: ArrayLike<number>, y: ArrayLike<number>, options: FitUnimodalOptions): UnimodalFit {
  const model = options?.model;
  if (model !== "gaussian" && model !== "lognormal") {
    throw new LogitlabError(`model must be "gaussian" or "lognormal", got ${JSON.stringify(model)}`, { context: "fitUnimodal" });
  }
  const pairs = finitePairs("fitUnimodal", x, y, 5);
  const n = pairs.x.length;
  if (model === "lognormal") {
    pairs.x.forEach((v, i) => {
      if (!(v > 0)) throw new LogitlabError(`x[${i}] = ${v} is not positive; the lognormal model needs x > 0`, { context: "fitUnimodal" });
    });
  }
  const t = model === "lognormal" ? pairs.x.map(Math.log) : pairs.x;
  const ys = pairs.y;
  const start = startingValues(t, ys);
  for (const key of ORDER) {
    const given = options.initial?.[key];
    if (given === undefined) continue;
    if (!Number.isFinite(given) || (key === "width" && given === 0)) {
      throw new LogitlabError(`initial ${key} = ${given} must be a finite number${key === "width" ? " other than 0" : ""}`, { context: "fitUnimodal" });
    }
    start[key] = given;
  }

  const evaluate = ([a, mu, sigma, c]: readonly number[], ti: number) => {
    const u = (ti - mu) / sigma;
    const e = Math.exp(-0.5 * u * u);
    return { value: c + a * e, e, u };
  };
  const result = levenbergMarquardt(
    {
      residuals: (params) => t.map((ti, i) => evaluate(params, ti).value - ys[i]),
      jacobian: (params) =>
        t.map((ti) => {
          const { e, u } = evaluate(params, ti);
          const [a, , sigma] = params;
          return [e, (a * e * u) / sigma, (a * e * u * u) / sigma, 1];
        }),
    },
    ORDER.map((key) => start[key]),
    options,
  );

  const [amplitude, centre, signedWidth, offset] = result.params;
  const sign = [1, 1, Math.sign(signedWidth) || 1, 1];
  const s2 = result.sumOfSquares / (n - 4);
  const covariance = result.jtjInverse.map((row, i) => row.map((v, j) => v * s2 * sign[i] * sign[j]));
  const toParameters = (values: number[]): UnimodalParameters => ({ amplitude: values[0], centre: values[1], width: values[2], offset: values[3] });
  const yMean = ys.reduce((s, v) => s + v, 0) / n;
  const totalSquares = ys.reduce((s, v) => s + (v - yMean) ** 2, 0);
  const parameters = toParameters([amplitude, centre, Math.abs(signedWidth), offset]);
  const curve = (xValue: number): number => {
    const ti = model === "lognormal" ? Math.log(xValue) : xValue;
    const u = (ti - parameters.centre) / parameters.width;
    return parameters.offset + parameters.amplitude * Math.exp(-0.5 * u * u);
  };
  return {
    model,
    parameters,
    standardErrors: toParameters(covariance.map((row, i) => Math.sqrt(row[i]))),
    covariance,
    peakX: model === "lognormal" ? Math.exp(centre) : centre,
    r2: totalSquares > 0 ? 1 - result.sumOfSquares / totalSquares : Number.NaN,
    residualStandardError: Math.sqrt(s2),
    n,
    converged: result.converged,
    iterations: result.iterations,
    curve,
  };
}
