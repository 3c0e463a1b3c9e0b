/**
 * numberText: the text `String(x)` gives for a finite number (shortest round-trip digits, fixed
 * notation for 1e-7 ≤ |x| < 1e21, exponential otherwise), built from `x.toExponential()` and the
 * ECMAScript Number::toString layout rules.
 *
 * Why not `String(x)`: V8 keeps recent number-to-string results in a heap cache, so converting
 * millions of distinct doubles (per_step.csv) promotes the cached strings into the old generation —
 * about 100 MB of garbage at 2 million steps — and it is slower. `toExponential()` with no argument
 * yields the same shortest digits without the cache. Equality with `String(x)` is tested on random
 * and edge values. https://tc39.es/ecma262/#sec-numeric-types-number-tostring
 *
 * Type: finite number → string.
 *
 * @example
 * [numberText(0.000001234), numberText(1.5e-7), numberText(123.25), numberText(-2e21)]
 * // => ["0.000001234", "1.5e-7", "123.25", "-2e+21"]
 */
export function numberText(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const exponential = x.toExponential(); // "-d.ddde±n", shortest digits that read back as x
  const negative = exponential.charCodeAt(0) === 0x2d;
  const e = exponential.indexOf("e");
  const mantissa = exponential.slice(negative ? 1 : 0, e);
  const digits = mantissa.length > 1 ? mantissa[0] + mantissa.slice(2) : mantissa;
  const n = Number(exponential.slice(e + 1)) + 1; // decimal point position, as in Number::toString
  const k = digits.length;
  let text: string;
  if (k <= n && n <= 21) text = digits + "0".repeat(n - k);
  else if (0 < n && n <= 21) text = digits.slice(0, n) + "." + digits.slice(n);
  else if (-6 < n && n <= 0) text = "0." + "0".repeat(-n) + digits;
  else return exponential;
  return negative ? "-" + text : text;
}
