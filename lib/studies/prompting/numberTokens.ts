/**
 * The numbers written in free text, read leniently (signs, thousands commas, decimals, fractions, LaTeX).
 * Internal helper of extractAnswer and parseGold (not re-exported).
 */

export interface NumberToken {
  value: number;
  /** The characters the number was read from. */
  text: string;
}

/**
 * One number: an optional "-" sign (only where the "-" is not preceded by a letter, digit or "."),
 * then \frac{a}{b}, or an optional "$"/"\$", an integer with or without thousands commas
 * (1,234,567), an optional decimal part and an optional "/b" fraction, or a bare ".5".
 */
const NUMBER = new RegExp(
  String.raw`(?<![\w.])(-)?(?:\\frac\{\s*(\d+(?:\.\d+)?)\s*\}\{\s*(\d+(?:\.\d+)?)\s*\}` +
    String.raw`|\\?\$?(\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(\.\d+)?(?:\s?\/\s?(\d+)(?![\d.]))?` +
    String.raw`|\.(\d+))`,
  "g",
);

/** LaTeX and typography that hide numbers: \dfrac/\tfrac → \frac, 1{,}000 → 1,000, 1\,000 and 1\!000 → 1000, U+2212 → "-". */
function normalise(text: string): string {
  return text
    .replace(/\\[dt]frac/g, "\\frac")
    .replace(/\{,\}/g, ",")
    .replace(/\\[,!]/g, "")
    .replace(/\u2212/g, "-");
}

/**
 * numberTokens: every number in `text`, left to right, as {value, text}; `\frac{3}{4}` and `3/4`
 * give 0.75, "$1,234.50" gives 1234.5, "-7" gives −7 but "5-3" gives 5 and 3, "45%" gives 45.
 * A zero denominator drops the fraction (3/0 reads as 3).
 *
 *     numberTokens("pay $1,234.50, i.e. \\frac{3}{4} of -8").map((t) => t.value)
 *     // => [1234.5, 0.75, -8]
 */
export function numberTokens(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const match of normalise(text).matchAll(NUMBER)) {
    const [whole, minus, fracTop, fracBottom, integer, decimals, denominator, bareDecimals] = match;
    const sign = minus ? -1 : 1;
    let value: number;
    if (fracTop !== undefined) {
      const bottom = Number(fracBottom);
      if (bottom === 0) continue;
      value = Number(fracTop) / bottom;
    } else if (bareDecimals !== undefined) {
      value = Number(`0.${bareDecimals}`);
    } else {
      value = Number(integer.replace(/,/g, "") + (decimals ?? ""));
      if (denominator !== undefined && Number(denominator) !== 0) value /= Number(denominator);
    }
    tokens.push({ value: sign * value, text: whole });
  }
  return tokens;
}
