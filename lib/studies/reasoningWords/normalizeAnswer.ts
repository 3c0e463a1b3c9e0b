/**
 * normalizeAnswer: a final answer as a number, after normalising the LaTeX a model writes around it,
 * or undefined when it is not one number (so it is judged wrong, never guessed):
 *
 *   - `$…$`, `\left`/`\right`, `\!`, `\,`, `\ `, `~` and spaces are dropped;
 *   - units: a trailing `\text{…}` / `\mbox{…}` / `\mathrm{…}` block after the number, `^\circ`, `\%`/`%`, `\$` and trailing words
 *     ("12 apples", "5 cm") are dropped;
 *   - thousands commas: "1,234,567" → 1234567 (groups of exactly three digits; "1,23" is refused);
 *   - fractions: `\frac{a}{b}`, `\dfrac`, `\tfrac`, `a/b`, with a sign ("-\frac{1}{2}"); b = 0 is refused;
 *   - numbers: integers and decimals ("0.50", ".5", "-3"), finite only.
 *
 * Anything else — a variable, an expression ("2+3"), a root, two numbers ("5 5"), an empty box — is undefined.
 *
 * @example
 * ["\\dfrac{3}{4}", "1,234 apples", "$-12$", "50\\%", "\\text{x}+1"].map((a) => normalizeAnswer(a) ?? null)
 * // => [0.75, 1234, -12, 50, null]
 */
export function normalizeAnswer(answer: string): number | undefined {
  if (typeof answer !== "string" || answer.length > 1000) return undefined;
  if (/\d\s+\d/.test(answer)) return undefined; // two numbers ("5 5"), or digits grouped by spaces
  let s = answer
    .replace(/\\\$/g, "")
    .replace(/\$/g, "")
    .replace(/\\(?:left|right)\b/g, "")
    .replace(/\\[!,;: ]/g, "")
    .replace(/~/g, "")
    .replace(/(\d|\})\s*\\(?:text|mbox|mathrm|textbf)\s*\{[^{}]*\}\s*$/, "$1")
    .replace(/\^\s*\{?\\circ\}?/g, "")
    .replace(/\\?%/g, "")
    .replace(/\\(?:dfrac|tfrac)/g, "\\frac")
    .trim();
  // Trailing unit words ("12 apples", "5 cm"): letters after the number.
  s = s.replace(/^([-+]?[\d.,]+)\s*[A-Za-z][A-Za-z ]*\.?$/, "$1").replace(/\s+/g, "").replace(/\.$/, "");
  const number = (text: string): number | undefined => {
    if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(text) || /^[-+]?$/.test(text) || /^[-+]?\.?$/.test(text)) return undefined;
    const value = Number(text.replace(/,/g, ""));
    return Number.isFinite(value) ? value : undefined;
  };
  const frac = /^([-+]?)\\frac\{([^{}]+)\}\{([^{}]+)\}$/.exec(s) ?? /^([-+]?)\\frac(\d)(\d)$/.exec(s);
  if (frac) {
    const [a, b] = [number(frac[2]), number(frac[3])];
    if (a === undefined || b === undefined || b === 0) return undefined;
    return (frac[1] === "-" ? -1 : 1) * (a / b);
  }
  const slash = /^([^/]+)\/([^/]+)$/.exec(s);
  if (slash) {
    const [a, b] = [number(slash[1]), number(slash[2])];
    if (a === undefined || b === undefined || b === 0) return undefined;
    return a / b;
  }
  return number(s);
}
