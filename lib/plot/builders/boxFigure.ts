import type { Figure } from "../figure.js";
import { distributionFigure, type DistributionGroup, type DistributionOptions } from "./distribution.js";

/**
 * boxFigure: one box per group — median, quartiles (plotly.js's "linear" quartile method), whiskers
 * to the furthest value within 1.5 IQR (Tukey), outliers as points, and the mean as a dashed line.
 * Contract: groups (name, values) → one trace per group; non-finite values are left out; names escaped.
 *
 * @example
 * boxFigure([{ name: "entropy", values: [0.1, 0.5, 0.7, 2.5] }]).data[0].boxpoints
 * // => "outliers"
 */
export function boxFigure(groups: readonly DistributionGroup[], options: DistributionOptions = {}): Figure {
  return distributionFigure("box", groups, options);
}
