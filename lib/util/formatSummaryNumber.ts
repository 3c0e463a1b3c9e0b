/**
 * formatSummaryNumber: a summary number as summary.md and the notebook table print it: integers as
 * is, 4 significant digits, scientific notation below 0.001, "∞" / "−∞" for the infinities that
 * summary.json stores as strings, "n/a" for undefined (null).
 *
 * Type: SummaryNumber → string.
 *
 * @example
 * [formatSummaryNumber(0.000012346), formatSummaryNumber(0.98765), formatSummaryNumber("Infinity"), formatSummaryNumber(null)]
 * // => ["1.235e-5", "0.9877", "∞", "n/a"]
 */
import type { SummaryNumber } from "./summaryNumber.js";

export function formatSummaryNumber(x: SummaryNumber | undefined): string {
  if (x === null || x === undefined) return "n/a";
  if (x === "Infinity") return "∞";
  if (x === "-Infinity") return "−∞";
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && abs < 1e-3) return x.toExponential(3).replace(/\.?0+e/, "e");
  return String(Number(x.toPrecision(4)));
}

