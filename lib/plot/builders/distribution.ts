// Shared body of violinFigure and boxFigure (internal).
import type { Figure, PlotlyTrace } from "../figure.js";
import { escapeHtml } from "../escapeHtml.js";
import { okabeIto } from "../theme.js";
import { LogitlabError } from "../../util/errors.js";
import { axis, compact, title, toJsonNumbers, type Numbers } from "./data.js";

/** One group of values, drawn as one violin or box. */
export interface DistributionGroup {
  name: string;
  values: Numbers;
}

export interface DistributionOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logY?: boolean;
  /** Draw the individual values: "outliers" (default for box), "all", or false (default for violin). */
  points?: "all" | "outliers" | false;
  /** Horizontal layout (groups on the y axis). */
  horizontal?: boolean;
}

export function distributionFigure(kind: "violin" | "box", groups: readonly DistributionGroup[], options: DistributionOptions): Figure {
  const builder = `${kind}Figure`;
  if (!Array.isArray(groups) || groups.length === 0) throw new LogitlabError("needs at least one group", { context: builder });
  const horizontal = options.horizontal ?? false;
  const traces: PlotlyTrace[] = groups.map((group, k) => {
    const values = toJsonNumbers(group.values, `group ${k} ("${group.name}") values`, builder).filter((v) => v !== null);
    if (values.length === 0) throw new LogitlabError(`group ${k} ("${group.name}") has no finite values`, { context: builder });
    const name = escapeHtml(group.name);
    const color = okabeIto[k % okabeIto.length];
    const points = options.points ?? (kind === "box" ? "outliers" : false);
    return compact({
      type: kind, name, [horizontal ? "x" : "y"]: values, orientation: horizontal ? "h" : "v",
      marker: points === false ? undefined : { color, size: 3 }, line: { color, width: 1 },
      points: kind === "violin" ? points : undefined,
      boxpoints: kind === "box" ? points : undefined,
      box: kind === "violin" ? { visible: true, width: 0.25 } : undefined,
      meanline: kind === "violin" ? { visible: true } : undefined,
      boxmean: kind === "box" ? true : undefined,
      spanmode: kind === "violin" ? "hard" : undefined,
    });
  });
  const valueAxis = axis(options.yTitle, options.logY, {}, traces.map((t) => (horizontal ? t.x : t.y) as number[]));
  const groupAxis = axis(options.xTitle);
  return {
    data: traces,
    layout: compact({
      title: title(options.title),
      xaxis: horizontal ? valueAxis : groupAxis,
      yaxis: horizontal ? groupAxis : valueAxis,
      showlegend: false,
      [`${kind}mode`]: "group",
    }),
  };
}
