// Helpers shared by the builders (not part of the public API): input checks and conversion of numeric
// arrays to plain JSON arrays, axis and title layout pieces.
import { LogitlabError } from "../../util/errors.js";
import type { PlotlyLayout } from "../figure.js";

/** Numeric input accepted by the builders: plain arrays or typed arrays. */
export type Numbers = ArrayLike<number>;

/** A plain array copy with every non-finite value as null (Plotly draws a gap; JSON keeps it). */
export function toJsonNumbers(values: Numbers, what: string, builder: string): (number | null)[] {
  if (values == null || typeof values.length !== "number") {
    throw new LogitlabError(`${what} must be an array of numbers`, { context: builder });
  }
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number") throw new LogitlabError(`${what}[${i}] is ${JSON.stringify(v)}, not a number`, { context: builder });
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/**
 * Checks that `values` is an array of numbers without copying it (a typed array always is; a plain
 * array is scanned): for builders that only reduce their input (histogram bins), so that 10⁶ values
 * are not duplicated as a plain array. Same messages as `toJsonNumbers`.
 */
export function assertNumbers(values: Numbers, what: string, builder: string): void {
  if (values == null || typeof values.length !== "number") {
    throw new LogitlabError(`${what} must be an array of numbers`, { context: builder });
  }
  if (ArrayBuffer.isView(values)) return;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number") throw new LogitlabError(`${what}[${i}] is ${JSON.stringify(v)}, not a number`, { context: builder });
  }
}

/** Throws unless `a` and `b` have the same length. */
export function sameLength(a: { length: number }, b: { length: number }, names: string, builder: string): void {
  if (a.length !== b.length) {
    throw new LogitlabError(`${names} must have the same length, got ${a.length} and ${b.length}`, { context: builder });
  }
}

/**
 * [min, max] of the finite values (positive only when `positive`) over one or more columns, or
 * undefined when there are none. Indexed loops, no copies (typed arrays welcome).
 */
export function finiteExtent(values: ArrayLike<number | null> | readonly ArrayLike<number | null>[], positive = false): [number, number] | undefined {
  const columns = isColumnList(values) ? values : [values as ArrayLike<number | null>];
  let lo = Infinity;
  let hi = -Infinity;
  for (const column of columns) {
    for (let i = 0; i < column.length; i++) {
      const v = column[i];
      if (v === null || !Number.isFinite(v) || (positive && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

function isColumnList(values: ArrayLike<number | null> | readonly ArrayLike<number | null>[]): values is readonly ArrayLike<number | null>[] {
  return Array.isArray(values) && values.length > 0 && values[0] !== null && typeof values[0] === "object";
}

/** Layout title piece: `{ text }` (Plotly text, so `<sub>`, `<i>` work; escape data you put in it). */
export function title(text: string | undefined): PlotlyLayout | undefined {
  return text === undefined ? undefined : { text };
}

/**
 * An axis layout with optional title and log type. A log axis gets `logAxis` settings from the positive
 * finite extent of `values` (the data drawn on it; one column or several).
 */
export function axis(
  text: string | undefined, log = false, extra: PlotlyLayout = {},
  values?: ArrayLike<number | null> | readonly ArrayLike<number | null>[],
): PlotlyLayout {
  const out: PlotlyLayout = { ...extra };
  if (text !== undefined) out.title = { text };
  if (log) Object.assign(out, logAxis(values === undefined ? undefined : finiteExtent(values, true)));
  return out;
}

/** Most label-to-label steps a log axis aims for; beyond it the step grows in whole decades. */
const LOG_AXIS_LABELS = 5;

/**
 * Log-axis settings: labels only at decades written as powers (10⁻⁴), every `dtick` decades with
 * dtick = max(1, ⌈(decades spanned, rounded outwards) / 5⌉), so an axis holds at most 6 labels
 * (Plotly draws power labels 1.25 × larger), plus short unlabelled minor ticks. Plotly's own choice for
 * a few decades also labels 2 and 5 between decades ("D1"/"D2"), which collide with the decade labels
 * at 3.5 in. With fewer than two decades (10ⁿ values) inside the extent, or no extent, Plotly's
 * automatic ticks stay, as decade labels would leave the axis with one label or none.
 */
export function logAxis(extent: [number, number] | undefined): PlotlyLayout {
  const out: PlotlyLayout = { type: "log", exponentformat: "power" };
  if (!extent) return out;
  const first = Math.ceil(Math.log10(extent[0]) - 1e-9);
  const last = Math.floor(Math.log10(extent[1]) + 1e-9);
  if (last - first < 1) return out;
  // Count from the decades just outside the extent: autorange padding may show them.
  const span = Math.ceil(Math.log10(extent[1]) - 1e-9) - Math.floor(Math.log10(extent[0]) + 1e-9);
  const dtick = Math.max(1, Math.ceil(span / LOG_AXIS_LABELS));
  return { ...out, dtick, minor: { ticks: "outside", ticklen: 2, dtick: dtick > 1 ? 1 : "D1", showgrid: false } };
}

/** Drops undefined values so specs (and their snapshots) hold only what was set. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** A number for text: fixed decimals, with a true minus sign (U+2212). */
export function formatNumber(value: number, decimals = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text.replace(/^-/, "\u2212");
}

/** `count` positions from lo to hi, evenly spaced (log-spaced when `log`). */
export function grid(lo: number, hi: number, count: number, log: boolean): number[] {
  const a = log ? Math.log10(lo) : lo;
  const b = log ? Math.log10(hi) : hi;
  return Array.from({ length: count }, (_, i) => {
    const v = count === 1 ? a : a + ((b - a) * i) / (count - 1);
    return log ? 10 ** v : v;
  });
}
