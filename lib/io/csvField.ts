/**
 * csvField: one field of logitlab's CSV dialect — the one every CSV it writes uses (`toCsv`,
 * per_step.csv, per_file.csv):
 *   - RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180) quoting: a field holding a comma, a double
 *     quote, CR or LF is wrapped in double quotes, inner quotes doubled; lines end in LF (not CRLF);
 *     UTF-8, no byte-order mark; a header line first.
 *   - numbers in shortest round-trip form (`numberText`, the text of `String(x)`), so a float64 reads
 *     back exactly;
 *   - non-finite numbers spelled as numpy prints them: `inf`, `-inf`, `nan` (read back as floats by
 *     numpy.loadtxt/genfromtxt, pandas.read_csv, Python's float() and R's read.csv);
 *   - null and undefined as an empty field (a missing value, distinct from `nan`);
 *   - booleans as `1` / `0`; other objects as JSON text (quoted as needed).
 *
 * Type: value → string.
 *
 * @example
 * [csvField(0.25), csvField(Infinity), csvField(NaN), csvField(null), csvField(true), csvField('a,"b"')].join(",")
 * // => "0.25,inf,nan,,1,\"a,\"\"b\"\"\""
 */
import { numberText } from "./numberText.js";

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "nan";
    if (value === Infinity) return "inf";
    if (value === -Infinity) return "-inf";
    return numberText(value);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  const text = typeof value === "string" ? value : typeof value === "bigint" ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
