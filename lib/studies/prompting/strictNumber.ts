/**
 * The original study's number rule: keep only digits and ".", then read the rest as a number.
 * Internal helper of extractAnswer and parseGold (not re-exported).
 */

/**
 * strictNumber: `text` with every character except 0–9 and "." removed, read as a decimal number;
 * null when nothing is left or it is not a number (several dots, a lone "."). This is the
 * original's rule with its losses: the sign goes ("-5" → 5), so do exponents ("1e+21" → 121) and
 * separators ("1,000" → 1000, "3/4" → 34).
 *
 *     strictNumber("$-1,234.50")
 *     // => { stripped: "1234.50", value: 1234.5 }
 */
export function strictNumber(text: string): { stripped: string; value: number | null } {
  const stripped = text.replace(/[^0-9.]/g, "");
  const value = /^(\d+\.?\d*|\.\d+)$/.test(stripped) ? Number(stripped) : null;
  return { stripped, value };
}
