/**
 * formatCell: a table cell as display text (LaTeX, HTML and text tables; CSV keeps full precision
 * instead): integers as is, other numbers with `decimals` (default 3), in exponent form when tiny
 * (< 10^−decimals) or huge (≥ 10^6); NaN as "NaN", infinities as "∞" / "−∞"; null as empty.
 *
 * @example
 * [formatCell(0.87345), formatCell(12), formatCell(1.2e-7), formatCell(-Infinity), formatCell(null)]
 * // => ["0.873", "12", "1.20e-7", "−∞", ""]
 */
export function formatCell(value: unknown, decimals = 3): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    const magnitude = Math.abs(value);
    if (magnitude !== 0 && (magnitude < 10 ** -decimals || magnitude >= 1e6)) return value.toExponential(Math.max(decimals - 1, 1));
    return value.toFixed(decimals);
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}
