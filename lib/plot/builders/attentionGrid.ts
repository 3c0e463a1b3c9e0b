import type { Figure } from "../figure.js";
import { LogitlabError } from "../../util/errors.js";
import { attentionHeatmap } from "./attentionHeatmap.js";
import { smallMultiples } from "./smallMultiples.js";

/**
 * attentionGrid: every attention pattern of a model as a layer × head grid of small heatmaps
 * (row l, column h: `blocks.{l}.attn.hook_pattern[h]`), one colour range [0, 1] and one colour bar.
 * Contract: patterns [L][H][T][Tk], tokens [Tk] → small multiples with L rows of H panels titled "L{l} H{h}".
 *
 * @example
 * const head = [[1, 0], [0.5, 0.5]];
 * const fig = attentionGrid([[head, head], [head, head]], ["a", "b"]);
 * [fig.data.length, fig.layout.annotations.map((a) => a.text)]
 * // => [4, ["L0 H0", "L0 H1", "L1 H0", "L1 H1"]]
 */
export function attentionGrid(patterns: readonly (readonly (readonly (readonly number[])[])[])[], tokens: readonly string[], options: { title?: string } = {}): Figure {
  if (patterns.length === 0 || patterns.some((heads) => heads.length === 0)) {
    throw new LogitlabError("patterns needs at least one layer of at least one head ([L][H][T][Tk])", { context: "attentionGrid" });
  }
  const rows = patterns.map((heads) => heads.map((pattern) => attentionHeatmap(pattern, tokens)));
  const titles = patterns.flatMap((heads, l) => heads.map((_, h) => `L${l} H${h}`));
  return smallMultiples(rows, { title: options.title, titles, xTitle: "key", yTitle: "query" });
}
