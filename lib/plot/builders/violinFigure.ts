import type { Figure } from "../figure.js";
import { distributionFigure, type DistributionGroup, type DistributionOptions } from "./distribution.js";

export type { DistributionGroup, DistributionOptions } from "./distribution.js";

/**
 * violinFigure: one violin per group — plotly.js's kernel density estimate of the values (Gaussian
 * kernel, Silverman's bandwidth; https://plotly.com/javascript/reference/violin/), cut at the data
 * range (`spanmode: "hard"`), with an inner box (quartiles) and the mean line. Contract: groups
 * (name, values) → one trace per group; non-finite values are left out; names are escaped.
 *
 * @example
 * violinFigure([{ name: "gpt2", values: [1, 2, 2, 3] }, { name: "llama", values: [2, 3, 3, 4] }]).data.map((t) => t.type)
 * // => ["violin", "violin"]
 */
export function violinFigure(groups: readonly DistributionGroup[], options: DistributionOptions = {}): Figure {
  return distributionFigure("violin", groups, options);
}
