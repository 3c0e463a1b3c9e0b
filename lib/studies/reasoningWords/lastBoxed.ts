/**
 * lastBoxed: the contents of the last `\boxed{…}` (or `\fbox{…}`) in a text, braces balanced, or
 * undefined when there is none or the last one is never closed (a generation cut by its token budget).
 *
 * @example
 * [lastBoxed("so \\boxed{3} wait \\boxed{\\frac{1}{2}}."), lastBoxed("\\boxed{12") ?? null, lastBoxed("12") ?? null]
 * // => ["\\frac{1}{2}", null, null]
 */
export function lastBoxed(text: string): string | undefined {
  const starts = [...text.matchAll(/\\(?:boxed|fbox)\s*\{/g)];
  const last = starts.at(-1);
  if (!last) return undefined;
  let depth = 1;
  const from = (last.index ?? 0) + last[0].length;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(from, i);
  }
  return undefined;
}
