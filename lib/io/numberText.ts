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
  const end = writeNumberText(x, scratch, 0);
  return scratch.toString("latin1", 0, end);
}

/** Room for the longest text: "-0.00000" + 17 digits, or 17 digits + 4 zeros + "." (at most 25). */
const scratch = Buffer.alloc(32);

/**
 * writeNumberText: `numberText(x)` written as ASCII bytes into `bytes` at `at` (room for 25 bytes
 * needed), without building a string (per_step.csv writes millions); returns the offset after it.
 * For a finite nonzero x; other values are written as String(x) gives them.
 *
 * @example
 * const bytes = Buffer.alloc(32); bytes.toString("latin1", 0, writeNumberText(-0.000125, bytes, 0))
 * // => "-0.000125"
 */
export function writeNumberText(x: number, bytes: Uint8Array, at: number): number {
  if (x === 0 || !Number.isFinite(x)) {
    const text = String(x);
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    return at;
  }
  const exponential = x.toExponential(); // "-d.ddde±n", shortest digits that read back as x
  let i = 0;
  if (exponential.charCodeAt(0) === 0x2d) {
    bytes[at++] = 0x2d;
    i = 1;
  }
  const e = exponential.indexOf("e", i);
  const k = e > i + 1 ? e - i - 1 : 1; // number of significant digits: exponential[i], then [i + 2, e)
  let exponent = 0;
  for (let j = e + 2; j < exponential.length; j++) exponent = exponent * 10 + exponential.charCodeAt(j) - 0x30;
  if (exponential.charCodeAt(e + 1) === 0x2d) exponent = -exponent;
  const n = exponent + 1; // decimal point position, as in Number::toString
  if (0 < n && n <= 21) {
    // digits, with "." after the n-th (or n − k zeros after the last)
    bytes[at++] = exponential.charCodeAt(i);
    for (let j = 1; j < k; j++) {
      if (j === n) bytes[at++] = 0x2e;
      bytes[at++] = exponential.charCodeAt(i + 1 + j);
    }
    for (let j = k; j < n; j++) bytes[at++] = 0x30;
  } else if (-6 < n && n <= 0) {
    bytes[at++] = 0x30;
    bytes[at++] = 0x2e;
    for (let j = n; j < 0; j++) bytes[at++] = 0x30;
    bytes[at++] = exponential.charCodeAt(i);
    for (let j = i + 2; j < e; j++) bytes[at++] = exponential.charCodeAt(j);
  } else {
    for (let j = i; j < exponential.length; j++) bytes[at++] = exponential.charCodeAt(j);
  }
  return at;
}
