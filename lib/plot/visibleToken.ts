/**
 * visibleToken: a token's text as it should be drawn, with invisible characters made visible —
 * newline `↵`, tab `⇥`, carriage return `␍`, other C0 controls and DEL as Unicode control pictures
 * (U+2400 + code, `␀`…), and, in a token that is only whitespace, each space or no-break space as `␣`.
 * Spaces inside a token with other text stay spaces (" the" reads as a word with its space); the
 * empty token is `∅`. The result is plain text: escape it (`escapeHtml`) before it enters HTML or Plotly.
 *
 * @example
 * [visibleToken(" "), visibleToken("\n\n"), visibleToken(" the"), visibleToken("a\tb"), visibleToken("")]
 * // => ["␣", "↵↵", " the", "a⇥b", "∅"]
 */
export function visibleToken(token: string): string {
  if (token.length === 0) return "∅";
  const onlyWhitespace = /^\s+$/u.test(token);
  let out = "";
  for (const ch of token) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\n") out += "↵";
    else if (ch === "\t") out += "⇥";
    else if (ch === "\r") out += "␍";
    else if (code < 0x20) out += String.fromCodePoint(0x2400 + code);
    else if (code === 0x7f) out += "␡";
    else if (onlyWhitespace && /\s/u.test(ch)) out += "␣";
    else out += ch;
  }
  return out;
}
