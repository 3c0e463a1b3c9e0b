/**
 * csvField: one CSV field (RFC 4180): numbers in shortest round-trip form (`numberText`, the text of
 * `String(x)`) with `inf`/`-inf` for infinities (read by numpy, pandas and R), null/undefined/NaN as
 * empty, booleans as 1/0, and strings quoted when they hold a comma, quote or line break.
 *
 * @example
 * [csvField(0.25), csvField(Infinity), csvField(null), csvField(true), csvField('a,"b"')].join(",")
 * // => "0.25,inf,,1,\"a,\"\"b\"\"\""
 */
import { numberText } from "./numberText.js";

export function csvField(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
    if (value === Infinity) return "inf";
    if (value === -Infinity) return "-inf";
    return numberText(value);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
